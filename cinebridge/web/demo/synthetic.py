"""A synthetic catalogue shaped like Iran's yearly output, for demos and scale tests.

Film n (slug `syn-<n>`) and person i (slug `syn-p-<i>`) are each generated from their own seeded random
stream, so any film can be regenerated alone and a catalogue of N films is a prefix of one of N + k.
Kinds follow Iran's yearly proportions (about 100 features, 2,000 shorts, hundreds of documentaries and
a growing number of animations): each block of 125 films holds exactly 6 features, 100 shorts, 15
documentaries and 4 animations, shuffled. Titles and names are combined from word lists in the five
languages; titles are grammatical in each language, if not always meaningful.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

from cinebridge.catalogue.bulk import BulkCredit, BulkFilm, BulkPerson
from cinebridge.catalogue.models import Audience, CreditRole, FilmKind
from cinebridge.catalogue.services import FilmText

FILM_PREFIX = "syn-"
PERSON_PREFIX = "syn-p-"
LANGUAGES = ("fa", "ar", "ru", "be", "en")

KIND_BLOCK: tuple[tuple[FilmKind, int], ...] = (
    (FilmKind.FEATURE, 6),
    (FilmKind.SHORT, 100),
    (FilmKind.DOCUMENTARY, 15),
    (FilmKind.ANIMATION, 4),
)
BLOCK_SIZE = sum(count for _kind, count in KIND_BLOCK)
SHARE_BELARUS = 0.15  # of films owned by Belarusfilm; the rest by Farabi
SHARE_COPRODUCTION = 0.03
MIN_PEOPLE = 40
FILMS_PER_PERSON = 3
# Every 7th person is Belarusian, the others Iranian: cheap to pick from either pool by index.
BELARUS_PERSON_EVERY = 7
EARLIEST_YEAR, LATEST_YEAR = 1990, 2025
MAX_DRAWS = 10


@dataclass(frozen=True, slots=True)
class Noun:
    """A noun in the five languages, in the forms the title patterns need."""

    en: str  # headword, capitalised
    en_of: str  # after "of": with "the" where English wants it
    fa: str
    ar: str  # indefinite (first member of an idafa)
    ar_def: str
    ru: str
    ru_gen: str
    be: str
    be_gen: str


@dataclass(frozen=True, slots=True)
class City:
    en: str
    fa: str
    ar: str
    ru_in: str  # prepositional case
    be_in: str  # locative case


NOUNS: tuple[Noun, ...] = (
    Noun("Sky", "the sky", "آسمان", "سماء", "السماء", "Небо", "неба", "Неба", "неба"),
    Noun("River", "the river", "رود", "نهر", "النهر", "Река", "реки", "Рака", "ракі"),
    Noun("Wind", "the wind", "باد", "ريح", "الريح", "Ветер", "ветра", "Вецер", "ветру"),
    Noun("House", "the house", "خانه", "بيت", "البيت", "Дом", "дома", "Дом", "дома"),
    Noun("Road", "the road", "جاده", "طريق", "الطريق", "Дорога", "дороги", "Дарога", "дарогі"),
    Noun("Garden", "the garden", "باغ", "حديقة", "الحديقة", "Сад", "сада", "Сад", "саду"),
    Noun("Mountain", "the mountain", "کوه", "جبل", "الجبل", "Гора", "горы", "Гара", "гары"),
    Noun("Sea", "the sea", "دریا", "بحر", "البحر", "Море", "моря", "Мора", "мора"),
    Noun("Bread", "bread", "نان", "خبز", "الخبز", "Хлеб", "хлеба", "Хлеб", "хлеба"),
    Noun("Snow", "snow", "برف", "ثلج", "الثلج", "Снег", "снега", "Снег", "снегу"),
    Noun("Rain", "rain", "باران", "مطر", "المطر", "Дождь", "дождя", "Дождж", "дажджу"),
    Noun("Light", "light", "نور", "نور", "النور", "Свет", "света", "Святло", "святла"),
    Noun("Night", "the night", "شب", "ليل", "الليل", "Ночь", "ночи", "Ноч", "ночы"),
    Noun("Morning", "the morning", "صبح", "صباح", "الصباح", "Утро", "утра", "Раніца", "раніцы"),
    Noun("Star", "the star", "ستاره", "نجمة", "النجمة", "Звезда", "звезды", "Зорка", "зоркі"),
    Noun("Moon", "the moon", "ماه", "قمر", "القمر", "Луна", "луны", "Месяц", "месяца"),
    Noun("Sun", "the sun", "خورشید", "شمس", "الشمس", "Солнце", "солнца", "Сонца", "сонца"),
    Noun("Forest", "the forest", "جنگل", "غابة", "الغابة", "Лес", "леса", "Лес", "лесу"),
    Noun("Field", "the field", "دشت", "حقل", "الحقل", "Поле", "поля", "Поле", "поля"),
    Noun("Bird", "the bird", "پرنده", "طائر", "الطائر", "Птица", "птицы", "Птушка", "птушкі"),
    Noun("Horse", "the horse", "اسب", "حصان", "الحصان", "Конь", "коня", "Конь", "каня"),
    Noun("Apple", "the apple", "سیب", "تفاحة", "التفاحة", "Яблоко", "яблока", "Яблык", "яблыка"),
    Noun("Mirror", "the mirror", "آینه", "مرآة", "المرآة", "Зеркало", "зеркала", "Люстэрка", "люстэрка"),
    Noun("Window", "the window", "پنجره", "نافذة", "النافذة", "Окно", "окна", "Акно", "акна"),
    Noun("Bridge", "the bridge", "پل", "جسر", "الجسر", "Мост", "моста", "Мост", "моста"),
    Noun("Song", "the song", "آواز", "أغنية", "الأغنية", "Песня", "песни", "Песня", "песні"),
    Noun("Dream", "the dream", "رؤیا", "حلم", "الحلم", "Сон", "сна", "Сон", "сну"),
    Noun("Friend", "the friend", "دوست", "صديق", "الصديق", "Друг", "друга", "Сябар", "сябра"),
    Noun("Mother", "the mother", "مادر", "أم", "الأم", "Мать", "матери", "Маці", "маці"),
    Noun("Father", "the father", "پدر", "أب", "الأب", "Отец", "отца", "Бацька", "бацькі"),
    Noun("Child", "the child", "کودک", "طفل", "الطفل", "Ребёнок", "ребёнка", "Дзіця", "дзіцяці"),
    Noun("Village", "the village", "روستا", "قرية", "القرية", "Деревня", "деревни", "Вёска", "вёскі"),
    Noun("City", "the city", "شهر", "مدينة", "المدينة", "Город", "города", "Горад", "горада"),
    Noun("Winter", "winter", "زمستان", "شتاء", "الشتاء", "Зима", "зимы", "Зіма", "зімы"),
    Noun("Spring", "spring", "بهار", "ربيع", "الربيع", "Весна", "весны", "Вясна", "вясны"),
    Noun("Autumn", "autumn", "پاییز", "خريف", "الخريف", "Осень", "осени", "Восень", "восені"),
    Noun("Summer", "summer", "تابستان", "صيف", "الصيف", "Лето", "лета", "Лета", "лета"),
    Noun("Fire", "fire", "آتش", "نار", "النار", "Огонь", "огня", "Агонь", "агню"),
    Noun("Water", "water", "آب", "ماء", "الماء", "Вода", "воды", "Вада", "вады"),
    Noun("Stone", "stone", "سنگ", "حجر", "الحجر", "Камень", "камня", "Камень", "каменя"),
    Noun("Silence", "silence", "سکوت", "صمت", "الصمت", "Тишина", "тишины", "Цішыня", "цішыні"),
    Noun("Memory", "memory", "خاطره", "ذكرى", "الذكرى", "Память", "памяти", "Памяць", "памяці"),
    Noun(
        "Journey",
        "the journey",
        "سفر",
        "رحلة",
        "الرحلة",
        "Путешествие",
        "путешествия",
        "Падарожжа",
        "падарожжа",
    ),
    Noun("Heart", "the heart", "دل", "قلب", "القلب", "Сердце", "сердца", "Сэрца", "сэрца"),
)

CITIES: tuple[City, ...] = (
    City("Tehran", "تهران", "طهران", "Тегеране", "Тэгеране"),
    City("Minsk", "مینسک", "مينسك", "Минске", "Мінску"),
    City("Isfahan", "اصفهان", "أصفهان", "Исфахане", "Ісфахане"),
    City("Tabriz", "تبریز", "تبريز", "Тебризе", "Тэбрызе"),
    City("Shiraz", "شیراز", "شيراز", "Ширазе", "Шыразе"),
    City("Brest", "برست", "بريست", "Бресте", "Брэсце"),
    City("Grodno", "گرودنو", "غرودنو", "Гродно", "Гродне"),
    City("Vitebsk", "ویتبسک", "فيتيبسك", "Витебске", "Віцебску"),
    City("Gomel", "گومل", "غوميل", "Гомеле", "Гомелі"),
    City("Yazd", "یزد", "يزد", "Йезде", "Йездзе"),
    City("Rasht", "رشت", "رشت", "Реште", "Рэшце"),
    City("Mashhad", "مشهد", "مشهد", "Мешхеде", "Мешхэдзе"),
)

# (en, fa, ar, ru, be)
Name = tuple[str, str, str, str, str]

IRANIAN_GIVEN: tuple[Name, ...] = (
    ("Ali", "علی", "علي", "Али", "Алі"),
    ("Reza", "رضا", "رضا", "Реза", "Рэза"),
    ("Mohammad", "محمد", "محمد", "Мохаммад", "Махамад"),
    ("Hossein", "حسین", "حسين", "Хосейн", "Хасэйн"),
    ("Hamid", "حمید", "حميد", "Хамид", "Хамід"),
    ("Saeed", "سعید", "سعيد", "Саид", "Саід"),
    ("Mehdi", "مهدی", "مهدي", "Мехди", "Мехдзі"),
    ("Amir", "امیر", "أمير", "Амир", "Амір"),
    ("Babak", "بابک", "بابك", "Бабак", "Бабак"),
    ("Kaveh", "کاوه", "كاوه", "Каве", "Кавэ"),
    ("Dariush", "داریوش", "داريوش", "Дариуш", "Дарыуш"),
    ("Navid", "نوید", "نويد", "Навид", "Навід"),
    ("Maryam", "مریم", "مريم", "Марьям", "Мар'ям"),
    ("Fatemeh", "فاطمه", "فاطمة", "Фатеме", "Фатэмэ"),
    ("Zahra", "زهرا", "زهراء", "Захра", "Захра"),
    ("Sara", "سارا", "سارا", "Сара", "Сара"),
    ("Narges", "نرگس", "نرجس", "Наргес", "Наргес"),
    ("Leila", "لیلا", "ليلى", "Лейла", "Лейла"),
    ("Parisa", "پریسا", "باريسا", "Париса", "Парыса"),
    ("Niloufar", "نیلوفر", "نيلوفر", "Нилуфар", "Нілуфар"),
    ("Shirin", "شیرین", "شيرين", "Ширин", "Шырын"),
    ("Reyhaneh", "ریحانه", "ريحانة", "Рейхане", "Рэйхане"),
    ("Mina", "مینا", "مينا", "Мина", "Міна"),
    ("Azadeh", "آزاده", "آزادة", "Азаде", "Азадэ"),
)
IRANIAN_FAMILY: tuple[Name, ...] = (
    ("Ahmadi", "احمدی", "أحمدي", "Ахмади", "Ахмадзі"),
    ("Hosseini", "حسینی", "حسيني", "Хоссейни", "Хасейні"),
    ("Karimi", "کریمی", "كريمي", "Карими", "Карымі"),
    ("Rezaei", "رضایی", "رضائي", "Резаи", "Рэзаі"),
    ("Mousavi", "موسوی", "موسوي", "Мусави", "Мусаві"),
    ("Jafari", "جعفری", "جعفري", "Джафари", "Джафары"),
    ("Rahimi", "رحیمی", "رحيمي", "Рахими", "Рахімі"),
    ("Sadeghi", "صادقی", "صادقي", "Садеги", "Садэгі"),
    ("Moradi", "مرادی", "مرادي", "Муради", "Мурадзі"),
    ("Tehrani", "تهرانی", "طهراني", "Тегерани", "Тэгерані"),
    ("Shirazi", "شیرازی", "شيرازي", "Ширази", "Шыразі"),
    ("Kazemi", "کاظمی", "كاظمي", "Каземи", "Казэмі"),
    ("Ghasemi", "قاسمی", "قاسمي", "Гасеми", "Гасэмі"),
    ("Nazari", "نظری", "نظري", "Назари", "Назары"),
    ("Bahrami", "بهرامی", "بهرامي", "Бахрами", "Бахрамі"),
    ("Amini", "امینی", "أميني", "Амини", "Аміні"),
    ("Soltani", "سلطانی", "سلطاني", "Солтани", "Салтані"),
    ("Farahani", "فراهانی", "فراهاني", "Фарахани", "Фарахані"),
    ("Najafi", "نجفی", "نجفي", "Наджафи", "Наджафі"),
    ("Kamali", "کمالی", "كمالي", "Камали", "Камалі"),
    ("Akbari", "اکبری", "أكبري", "Акбари", "Акбары"),
    ("Yazdani", "یزدانی", "يزداني", "Йездани", "Йездані"),
    ("Heidari", "حیدری", "حيدري", "Хейдари", "Хейдары"),
    ("Ebrahimi", "ابراهیمی", "إبراهيمي", "Эбрахими", "Эбрахімі"),
)
BELARUSIAN_GIVEN: tuple[Name, ...] = (
    ("Aleksandr", "الکساندر", "ألكسندر", "Александр", "Аляксандр"),
    ("Dmitry", "دیمیتری", "دميتري", "Дмитрий", "Дзмітрый"),
    ("Sergei", "سرگئی", "سيرغي", "Сергей", "Сяргей"),
    ("Andrei", "آندری", "أندريه", "Андрей", "Андрэй"),
    ("Ivan", "ایوان", "إيفان", "Иван", "Іван"),
    ("Pavel", "پاول", "بافل", "Павел", "Павел"),
    ("Nikolai", "نیکلای", "نيكولاي", "Николай", "Мікалай"),
    ("Viktor", "ویکتور", "فيكتور", "Виктор", "Віктар"),
    ("Yuri", "یوری", "يوري", "Юрий", "Юрый"),
    ("Mikhail", "میخائیل", "ميخائيل", "Михаил", "Міхаіл"),
    ("Anton", "آنتون", "أنطون", "Антон", "Антон"),
    ("Maksim", "ماکسیم", "مكسيم", "Максим", "Максім"),
    ("Olga", "اولگا", "أولغا", "Ольга", "Вольга"),
    ("Tatiana", "تاتیانا", "تاتيانا", "Татьяна", "Таццяна"),
    ("Natalia", "ناتالیا", "ناتاليا", "Наталья", "Наталля"),
    ("Elena", "یلنا", "إيلينا", "Елена", "Алена"),
    ("Anna", "آنا", "آنا", "Анна", "Ганна"),
    ("Maria", "ماریا", "ماريا", "Мария", "Марыя"),
    ("Svetlana", "سوتلانا", "سفيتلانا", "Светлана", "Святлана"),
    ("Irina", "ایرینا", "إيرينا", "Ирина", "Ірына"),
    ("Darya", "داریا", "داريا", "Дарья", "Дар'я"),
    ("Yulia", "یولیا", "يوليا", "Юлия", "Юлія"),
)
# Surnames that Russian and Belarusian do not inflect for gender, so any given name fits.
BELARUSIAN_FAMILY: tuple[Name, ...] = (
    ("Karpovich", "کارپوویچ", "كاربوفيتش", "Карпович", "Карповіч"), ("Zhuk", "ژوک", "جوك", "Жук", "Жук"),
    ("Novik", "نوویک", "نوفيك", "Новик", "Новік"), ("Lukashevich", "لوکاشویچ", "لوكاشيفيتش", "Лукашевич", "Лукашэвіч"),
    ("Marchenko", "مارچنکو", "مارتشينكو", "Марченко", "Марчанка"),
    ("Bondarenko", "باندارنکو", "بوندارينكو", "Бондаренко", "Бандарэнка"),
    ("Klimovich", "کلیموویچ", "كليموفيتش", "Климович", "Клімовіч"),
    ("Yakubovich", "یاکوبوویچ", "ياكوبوفيتش", "Якубович", "Якубовіч"),
    ("Bogdanovich", "باگدانوویچ", "بوغدانوفيتش", "Богданович", "Багдановіч"),
    ("Makarevich", "ماکارویچ", "ماكاريفيتش", "Макаревич", "Макарэвіч"),
    ("Tarasevich", "تاراسویچ", "تاراسيفيتش", "Тарасевич", "Тарасевіч"),
    ("Kravchenko", "کراوچنکو", "كرافتشينكو", "Кравченко", "Краўчанка"),
    ("Savchenko", "ساوچنکو", "سافتشينكو", "Савченко", "Саўчанка"),
    ("Stankevich", "استانکویچ", "ستانكيفيتش", "Станкевич", "Станкевіч"),
    ("Dashkevich", "داشکویچ", "داشكيفيتش", "Дашкевич", "Дашкевіч"),
    ("Yurkevich", "یورکویچ", "يوركيفيتش", "Юркевич", "Юркевіч"),
    ("Radkevich", "رادکویچ", "رادكيفيتش", "Радкевич", "Радкевіч"), ("Kuzmich", "کوزمیچ", "كوزميتش", "Кузьмич", "Кузьміч"),
)  # fmt: skip

GENRES_BY_KIND: dict[str, tuple[str, ...]] = {
    FilmKind.FEATURE: (
        "drama",
        "comedy",
        "family",
        "romance",
        "thriller",
        "crime",
        "war",
        "history",
        "social",
    ),
    FilmKind.SHORT: ("drama", "comedy", "social", "family"),
    FilmKind.DOCUMENTARY: ("social", "nature", "history", "biography", "sport"),
    FilmKind.ANIMATION: ("family", "fantasy", "adventure", "comedy"),
}


def people_count(films: int) -> int:
    """How many synthetic people a catalogue of `films` synthetic films credits."""
    return max(MIN_PEOPLE, films // FILMS_PER_PERSON)


def film_slug(n: int) -> str:
    return f"{FILM_PREFIX}{n}"


def person_slug(i: int) -> str:
    return f"{PERSON_PREFIX}{i}"


def _rng(seed: int, *parts: object) -> random.Random:
    return random.Random(":".join(map(str, (seed, *parts))))  # noqa: S311 - reproducible demo data


@lru_cache(maxsize=64)
def _kind_block(seed: int, block: int) -> tuple[FilmKind, ...]:
    kinds = [kind for kind, count in KIND_BLOCK for _ in range(count)]
    _rng(seed, "kinds", block).shuffle(kinds)
    return tuple(kinds)


def film_kind(n: int, seed: int) -> FilmKind:
    """The kind of film n: exact proportions in every block of BLOCK_SIZE films."""
    return _kind_block(seed, (n - 1) // BLOCK_SIZE)[(n - 1) % BLOCK_SIZE]


def film_country(n: int, seed: int) -> str:
    """The country of the film's owner: IR (Farabi) or BY (Belarusfilm)."""
    return "BY" if _rng(seed, "owner", n).random() < SHARE_BELARUS else "IR"


def is_belarusian_person(i: int) -> bool:
    return i % BELARUS_PERSON_EVERY == 0


# --- Titles ---------------------------------------------------------------------------------------


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _en_of(noun: Noun) -> str:
    """The "of" form with its head noun capitalised, as in a title: "the Wind", "Silence"."""
    return noun.en_of.replace(noun.en.lower(), noun.en)


def _be_in(word: str) -> str:
    """Belarusian writes the preposition у as ў after a vowel."""
    return "ў" if word[-1].lower() in "аеёіоуыэюя" else "у"


def _title_single(a: Noun) -> dict[str, str]:
    return {"en": _cap(_en_of(a)), "fa": a.fa, "ar": a.ar_def, "ru": a.ru, "be": a.be}


def _title_and(a: Noun, b: Noun) -> dict[str, str]:
    return {
        "en": f"{_cap(_en_of(a))} and {_en_of(b)}",
        "fa": f"{a.fa} و {b.fa}",
        "ar": f"{a.ar_def} و{b.ar_def}",
        "ru": f"{a.ru} и {b.ru.lower()}",
        "be": f"{a.be} і {b.be.lower()}",
    }


def _title_of(a: Noun, b: Noun) -> dict[str, str]:
    return {
        "en": f"The {a.en} of {_en_of(b)}",
        "fa": f"{a.fa} {b.fa}",
        "ar": f"{a.ar} {b.ar_def}",
        "ru": f"{a.ru} {b.ru_gen}",
        "be": f"{a.be} {b.be_gen}",
    }


def _title_in(a: Noun, city: City) -> dict[str, str]:
    return {
        "en": f"{_cap(_en_of(a))} in {city.en}",
        "fa": f"{a.fa} در {city.fa}",
        "ar": f"{a.ar_def} في {city.ar}",
        "ru": f"{a.ru} в {city.ru_in}",
        "be": f"{a.be} {_be_in(a.be)} {city.be_in}",
    }


def synthetic_title(rng: random.Random) -> dict[str, str]:
    """A title in the five languages, from one of four patterns."""
    a, b = rng.sample(NOUNS, 2)
    pattern = rng.random()
    if pattern < 0.15:
        return _title_single(a)
    if pattern < 0.45:
        return _title_and(a, b)
    if pattern < 0.8:
        return _title_of(a, b)
    return _title_in(a, rng.choice(CITIES))


# --- Films ----------------------------------------------------------------------------------------


def _audience(kind: FilmKind, rng: random.Random) -> Audience:
    roll = rng.random()
    children, youth = (0.6, 0.8) if kind == FilmKind.ANIMATION else (0.12, 0.25)
    if roll < children:
        return Audience.CHILDREN
    return Audience.YOUTH if roll < youth else Audience.GENERAL


def _runtime(kind: FilmKind, rng: random.Random) -> int:
    if kind == FilmKind.FEATURE:
        return rng.randint(75, 130)
    if kind == FilmKind.SHORT:
        return rng.randint(3, 30)
    if kind == FilmKind.DOCUMENTARY:
        return rng.randint(20, 60) if rng.random() < 0.7 else rng.randint(61, 100)
    return rng.randint(4, 20) if rng.random() < 0.8 else rng.randint(70, 95)


def synthetic_film(n: int, seed: int) -> BulkFilm:
    """Film n of the synthetic catalogue."""
    rng = _rng(seed, "film", n)
    kind = film_kind(n, seed)
    country = film_country(n, seed)
    if country == "IR":
        language = "fa" if rng.random() < 0.95 else "ar"
    else:
        language = "ru" if rng.random() < 0.7 else "be"
    countries: tuple[str, ...] = (country,)
    if rng.random() < SHARE_COPRODUCTION:
        countries = (country, "BY" if country == "IR" else "IR")
    titles = synthetic_title(rng)
    return BulkFilm(
        slug=film_slug(n),
        original_title=titles[language],
        original_language=language,
        kind=kind,
        audience=_audience(kind, rng),
        year=LATEST_YEAR - int(rng.triangular(0, LATEST_YEAR - EARLIEST_YEAR, 0)),
        runtime_minutes=_runtime(kind, rng),
        translations={lang: FilmText(titles[lang]) for lang in LANGUAGES},
        countries=countries,
        genre_codes=tuple(rng.sample(GENRES_BY_KIND[kind], rng.randint(1, 2))),
    )


# --- People and credits ---------------------------------------------------------------------------


def synthetic_person(i: int, seed: int) -> BulkPerson:
    """Person i of the synthetic catalogue, named in the five languages."""
    rng = _rng(seed, "person", i)
    belarusian = is_belarusian_person(i)
    given = rng.choice(BELARUSIAN_GIVEN if belarusian else IRANIAN_GIVEN)
    family = rng.choice(BELARUSIAN_FAMILY if belarusian else IRANIAN_FAMILY)
    names = {lang: f"{given[k]} {family[k]}" for k, lang in enumerate(("en", "fa", "ar", "ru", "be"))}
    return BulkPerson(
        slug=person_slug(i),
        names=names,
        birth_year=rng.randint(1940, 2002),
        country="BY" if belarusian else "IR",
    )


def _pick_person(rng: random.Random, pool: int, country: str) -> int:
    """A person index among the first `pool` people, from the given country's share of them."""
    if country == "BY":
        return BELARUS_PERSON_EVERY * rng.randint(1, pool // BELARUS_PERSON_EVERY)
    i = rng.randint(1, pool)
    return i - 1 if is_belarusian_person(i) else i


_CREW_BY_KIND: dict[str, tuple[tuple[CreditRole, float], ...]] = {
    # (role, probability) after the director
    FilmKind.FEATURE: (
        (CreditRole.SCREENWRITER, 1.0),
        (CreditRole.CINEMATOGRAPHER, 1.0),
        (CreditRole.ACTOR, 1.0),
        (CreditRole.ACTOR, 1.0),
    ),
    FilmKind.SHORT: ((CreditRole.CINEMATOGRAPHER, 0.5),),
    FilmKind.DOCUMENTARY: ((CreditRole.CINEMATOGRAPHER, 1.0), (CreditRole.EDITOR, 0.5)),
    FilmKind.ANIMATION: ((CreditRole.ANIMATOR, 1.0), (CreditRole.COMPOSER, 0.5)),
}


def _fresh_person(rng: random.Random, pool: int, country: str, taken: set[int]) -> int | None:
    """A person not yet credited on the film, or None when a few draws find none (a small pool)."""
    for _attempt in range(MAX_DRAWS):
        person = _pick_person(rng, pool, country)
        if person not in taken:
            return person
    return None


def synthetic_credits(n: int, seed: int) -> list[BulkCredit]:
    """The credits of film n: a director, and the crew and cast its kind usually credits."""
    rng = _rng(seed, "credits", n)
    kind = film_kind(n, seed)
    country = film_country(n, seed)
    pool = people_count(n)
    director = _pick_person(rng, pool, country)
    credits = [BulkCredit(film_slug(n), person_slug(director), CreditRole.DIRECTOR)]
    taken = {director}
    for role, probability in _CREW_BY_KIND[kind]:
        if rng.random() >= probability:
            continue
        writer_director = role == CreditRole.SCREENWRITER and rng.random() < 0.5  # common in Iranian cinema
        person = director if writer_director else _fresh_person(rng, pool, country, taken)
        if person is None:
            continue
        taken.add(person)
        credits.append(BulkCredit(film_slug(n), person_slug(person), role, position=len(credits)))
    return credits
