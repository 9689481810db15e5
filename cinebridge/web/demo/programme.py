"""The Iran–Belarus demo programme: real organisations and well-known films with their basic facts.

Film facts (original title, year, runtime as commonly published, director and key credits, the festival
results listed) are public record; films whose year or runtime the sources disagree on were left out.
What is demo only, and marked so where it appears: which demo organisation "owns" each film, the demo
logins, the ratings (plausible, not the films' actual certificates) and the subtitle files.

Soviet productions are credited to the present-day countries of their studios (Belarusfilm → BY,
Mosfilm → RU): ISO 3166-1 no longer lists the USSR.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.text import slugify

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.catalogue.models import Audience, CreditRole, FestivalResult, FilmKind

DEMO_PASSWORD = "cinebridge-demo"  # noqa: S105 - printed for people trying the demo; never used in production
SUPERUSER = "admin"
DEMO_EMAIL_DOMAIN = "demo.example.org"
SITE_URL = "http://127.0.0.1:8000/"

# (name, description) per language
Texts = Mapping[str, tuple[str, str]]


@dataclass(frozen=True)
class OrganisationSpec:
    slug: str
    kind: OrganisationKind
    country: str
    texts: Texts
    own_language: str  # the language of its official name

    @property
    def name(self) -> str:
        return self.texts[self.own_language][0]


@dataclass(frozen=True)
class LoginSpec:
    username: str
    organisation: str  # slug
    role: Role
    preferred_language: str


@dataclass(frozen=True)
class PersonSpec:
    names: Mapping[str, str]
    birth_year: int | None = None
    country: str = ""

    @property
    def slug(self) -> str:
        return slugify(self.names["en"])


@dataclass(frozen=True)
class CreditSpec:
    person: str  # the person's English name, as in PEOPLE
    role: CreditRole
    character: str = ""


@dataclass(frozen=True)
class FestivalSpec:
    festival: str
    year: int
    result: FestivalResult
    section: str = ""
    award: str = ""


@dataclass(frozen=True)
class SubtitleSpec:
    version_label: str
    audio_language: str
    language: str
    filename: str  # its extension tells SRT from WebVTT
    content: str


@dataclass(frozen=True)
class FilmSpec:
    owner: str  # organisation slug (demo ownership, not a statement about real rights)
    original_title: str
    original_language: str
    kind: FilmKind
    audience: Audience
    year: int
    runtime_minutes: int
    countries: tuple[str, ...]
    genres: tuple[str, ...]
    texts: Texts  # (title, one-sentence synopsis) per language
    credits: tuple[CreditSpec, ...]
    festivals: tuple[FestivalSpec, ...] = ()
    ratings: tuple[tuple[str, str], ...] = ()  # (country, rating code): demo values, see module docstring
    subtitles: tuple[SubtitleSpec, ...] = ()

    @property
    def slug(self) -> str:
        """The address film_create gives the film on an empty catalogue."""
        return slugify(f"{self.texts['en'][0]} {self.year}")


ORGANISATIONS: tuple[OrganisationSpec, ...] = (
    OrganisationSpec(
        "cinema-organization-of-iran",
        OrganisationKind.FILM_BODY,
        "IR",
        own_language="fa",
        texts={
            "fa": ("سازمان سینمایی", "نهاد دولتی مسئول سینما در وزارت فرهنگ و ارشاد اسلامی ایران."),
            "ar": (
                "منظمة السينما في إيران",
                "الجهة الحكومية المسؤولة عن السينما في وزارة الثقافة والإرشاد الإسلامي الإيرانية.",
            ),
            "ru": (
                "Организация кинематографии Ирана",
                "Государственный орган Министерства культуры и исламской ориентации Ирана, отвечающий за кино.",
            ),
            "be": (
                "Арганізацыя кінематографіі Ірана",
                "Дзяржаўны орган Міністэрства культуры і ісламскай арыентацыі Ірана, які адказвае за кіно.",
            ),
            "en": (
                "Cinema Organization of Iran",
                "The state body of Iran's Ministry of Culture and Islamic Guidance responsible for cinema.",
            ),
        },
    ),
    OrganisationSpec(
        "farabi",
        OrganisationKind.RIGHTS_HOLDER,
        "IR",
        own_language="fa",
        texts={
            "fa": (
                "بنیاد سینمایی فارابی",
                "بنیادی ایرانی که از تولید فیلم حمایت می‌کند و فیلم‌های ایرانی را در خارج از کشور عرضه می‌کند.",
            ),
            "ar": (
                "مؤسسة الفارابي السينمائية",
                "مؤسسة إيرانية تدعم إنتاج الأفلام وتعرض الأفلام الإيرانية في الخارج.",
            ),
            "ru": (
                "Фонд кино «Фараби»",
                "Иранский фонд, который поддерживает кинопроизводство и представляет иранские фильмы за рубежом.",
            ),
            "be": (
                "Фонд кіно «Фарабі»",
                "Іранскі фонд, які падтрымлівае кінавытворчасць і прадстаўляе іранскія фільмы за мяжой.",
            ),
            "en": (
                "Farabi Cinema Foundation",
                "An Iranian foundation that supports film production and presents Iranian films abroad.",
            ),
        },
    ),
    OrganisationSpec(
        "belarus-ministry-of-culture",
        OrganisationKind.FILM_BODY,
        "BY",
        own_language="ru",
        texts={
            "fa": ("وزارت فرهنگ جمهوری بلاروس", "وزارتخانه‌ای که مسئول فرهنگ، از جمله سینما، در بلاروس است."),
            "ar": (
                "وزارة الثقافة في جمهورية بيلاروس",
                "الوزارة المسؤولة عن الثقافة، بما فيها السينما، في بيلاروس.",
            ),
            "ru": (
                "Министерство культуры Республики Беларусь",
                "Министерство, отвечающее за культуру, в том числе кино, в Беларуси.",
            ),
            "be": (
                "Міністэрства культуры Рэспублікі Беларусь",
                "Міністэрства, якое адказвае за культуру, у тым ліку кіно, у Беларусі.",
            ),
            "en": (
                "Ministry of Culture of the Republic of Belarus",
                "The ministry responsible for culture, including cinema, in Belarus.",
            ),
        },
    ),
    OrganisationSpec(
        "belarusfilm",
        OrganisationKind.RIGHTS_HOLDER,
        "BY",
        own_language="ru",
        texts={
            "fa": ("بلاروس‌فیلم", "استودیوی ملی فیلم بلاروس در مینسک."),
            "ar": ("بيلاروس فيلم", "استوديو الأفلام الوطني في بيلاروس، في مينسك."),
            "ru": ("Национальная киностудия «Беларусьфильм»", "Национальная киностудия Беларуси в Минске."),
            "be": ("Нацыянальная кінастудыя «Беларусьфільм»", "Нацыянальная кінастудыя Беларусі ў Мінску."),
            "en": ("Belarusfilm", "The national film studio of Belarus, in Minsk."),
        },
    ),
    OrganisationSpec(
        "fajr",
        OrganisationKind.FESTIVAL,
        "IR",
        own_language="fa",
        texts={
            "fa": ("جشنواره جهانی فیلم فجر", "جشنواره بین‌المللی فیلم ایران که در تهران برگزار می‌شود."),
            "ar": ("مهرجان فجر السينمائي الدولي", "مهرجان السينما الدولي في إيران، يقام في طهران."),
            "ru": (
                "Международный кинофестиваль «Фаджр»",
                "Международный кинофестиваль Ирана, проходящий в Тегеране.",
            ),
            "be": (
                "Міжнародны кінафестываль «Фаджр»",
                "Міжнародны кінафестываль Ірана, які праходзіць у Тэгеране.",
            ),
            "en": ("Fajr International Film Festival", "Iran's international film festival, held in Tehran."),
        },
    ),
    OrganisationSpec(
        "listapad",
        OrganisationKind.FESTIVAL,
        "BY",
        own_language="ru",
        texts={
            "fa": (
                "جشنواره بین‌المللی فیلم مینسک «لیستاپاد»",
                "جشنواره بین‌المللی فیلم که هر سال در مینسک برگزار می‌شود.",
            ),
            "ar": ("مهرجان مينسك السينمائي الدولي «ليستاباد»", "مهرجان سينمائي دولي يقام كل عام في مينسك."),
            "ru": (
                "Минский международный кинофестиваль «Лістапад»",
                "Международный кинофестиваль, ежегодно проходящий в Минске.",
            ),
            "be": (
                "Мінскі міжнародны кінафестываль «Лістапад»",
                "Міжнародны кінафестываль, які штогод праходзіць у Мінску.",
            ),
            "en": (
                "Listapad Minsk International Film Festival",
                "An international film festival held in Minsk every year.",
            ),
        },
    ),
    OrganisationSpec(
        "kinovideoprokat",
        OrganisationKind.EXHIBITOR,
        "BY",
        own_language="ru",
        texts={
            "fa": ("کینوویدئوپروکات مینسک", "شبکهٔ سینماهای دولتی شهر مینسک."),
            "ar": ("كينوفيديوبروكات مينسك", "شبكة دور السينما الحكومية في مدينة مينسك."),
            "ru": ("Киновидеопрокат Мингорисполкома", "Государственная сеть кинотеатров города Минска."),
            "be": ("Кінавідэапракат Мінгарвыканкама", "Дзяржаўная сетка кінатэатраў горада Мінска."),
            "en": ("Minsk Kinovideoprokat", "The state cinema network of the city of Minsk."),
        },
    ),
    # A made-up platform: the demo needs one, and we state nothing about a real company.
    OrganisationSpec(
        "belarus-online-cinema",
        OrganisationKind.PLATFORM,
        "BY",
        own_language="ru",
        texts={
            "fa": ("سینمای آنلاین بلاروس", "یک سکوی پخش آنلاین خیالی برای این نسخهٔ نمایشی."),
            "ar": ("السينما البيلاروسية عبر الإنترنت", "منصة بث خيالية لهذا العرض التجريبي."),
            "ru": (
                "Белорусский онлайн-кинотеатр",
                "Вымышленная стриминговая платформа для этой демонстрации.",
            ),
            "be": ("Беларускі анлайн-кінатэатр", "Выдуманая стрымінгавая платформа для гэтай дэманстрацыі."),
            "en": ("Belarus Online Cinema", "A fictional streaming platform for this demo."),
        },
    ),
    OrganisationSpec(
        "tehran-university-of-art",
        OrganisationKind.SCHOOL,
        "IR",
        own_language="fa",
        texts={
            "fa": (
                "دانشگاه هنر تهران، دانشکده سینما و تئاتر",
                "دانشکده‌ای برای آموزش سینما و تئاتر در تهران.",
            ),
            "ar": ("جامعة الفن في طهران، كلية السينما والمسرح", "كلية لتعليم السينما والمسرح في طهران."),
            "ru": (
                "Тегеранский университет искусств, факультет кино и театра",
                "Факультет, где в Тегеране учат кино и театру.",
            ),
            "be": (
                "Тэгеранскі ўніверсітэт мастацтваў, факультэт кіно і тэатра",
                "Факультэт, дзе ў Тэгеране вучаць кіно і тэатру.",
            ),
            "en": (
                "Tehran University of Art, School of Cinema and Theatre",
                "A school of film and theatre in Tehran.",
            ),
        },
    ),
    OrganisationSpec(
        "belarusian-state-academy-of-arts",
        OrganisationKind.SCHOOL,
        "BY",
        own_language="be",
        texts={
            "fa": (
                "آکادمی دولتی هنر بلاروس",
                "دانشگاه دولتی هنر در مینسک که سینما و تلویزیون نیز در آن آموزش داده می‌شود.",
            ),
            "ar": (
                "الأكاديمية الحكومية البيلاروسية للفنون",
                "جامعة حكومية للفنون في مينسك تُدرَّس فيها السينما والتلفزيون أيضاً.",
            ),
            "ru": (
                "Белорусская государственная академия искусств",
                "Государственный вуз искусств в Минске, где учат в том числе кино и телевидению.",
            ),
            "be": (
                "Беларуская дзяржаўная акадэмія мастацтваў",
                "Дзяржаўная ВНУ мастацтваў у Мінску, дзе вучаць у тым ліку кіно і тэлебачанню.",
            ),
            "en": (
                "Belarusian State Academy of Arts",
                "The state university of the arts in Minsk, where film and television are taught too.",
            ),
        },
    ),
    OrganisationSpec(
        "embassy-of-belarus-in-tehran",
        OrganisationKind.OBSERVER,
        "BY",
        own_language="ru",
        texts={
            "fa": ("سفارت جمهوری بلاروس در تهران", "نمایندگی دیپلماتیک بلاروس در ایران."),
            "ar": ("سفارة جمهورية بيلاروس في طهران", "البعثة الدبلوماسية لبيلاروس في إيران."),
            "ru": (
                "Посольство Республики Беларусь в Иране",
                "Дипломатическое представительство Беларуси в Иране.",
            ),
            "be": (
                "Пасольства Рэспублікі Беларусь у Іране",
                "Дыпламатычнае прадстаўніцтва Беларусі ў Іране.",
            ),
            "en": (
                "Embassy of the Republic of Belarus in Tehran",
                "The diplomatic mission of Belarus in Iran.",
            ),
        },
    ),
    # Kanoon: the Iranian public institute that publishes books and makes films and animation for
    # children (it produced Where Is the Friend's House?); the demo's Iranian co-producer.
    OrganisationSpec(
        "kanoon",
        OrganisationKind.RIGHTS_HOLDER,
        "IR",
        own_language="fa",
        texts={
            "fa": (
                "کانون پرورش فکری کودکان و نوجوانان",
                "نهادی ایرانی که از ۱۳۴۴ برای کودکان و نوجوانان کتاب منتشر می‌کند و فیلم و انیمیشن می‌سازد.",
            ),
            "ar": (
                "مؤسسة التنمية الفكرية للأطفال واليافعين (كانون)",
                "مؤسسة إيرانية تنشر الكتب وتنتج الأفلام والرسوم المتحركة للأطفال واليافعين منذ عام 1965.",
            ),
            "ru": (
                "Институт интеллектуального развития детей и юношества («Канун»)",
                "Иранский институт, с 1965 года издающий книги и снимающий фильмы и мультфильмы для детей.",
            ),
            "be": (
                "Інстытут інтэлектуальнага развіцця дзяцей і юнацтва («Канун»)",
                "Іранскі інстытут, які з 1965 года выдае кнігі і здымае фільмы і мультфільмы для дзяцей.",
            ),
            "en": (
                "Institute for the Intellectual Development of Children and Young Adults (Kanoon)",
                "An Iranian institute that has published books and made films and animation for children "
                "and young adults since 1965.",
            ),
        },
    ),
)

# One demo login per organisation; all share DEMO_PASSWORD.
LOGINS: tuple[LoginSpec, ...] = (
    LoginSpec("cinema-org", "cinema-organization-of-iran", Role.ADMIN, "fa"),
    LoginSpec("farabi", "farabi", Role.ADMIN, "fa"),
    LoginSpec("minculture", "belarus-ministry-of-culture", Role.ADMIN, "be"),
    LoginSpec("belarusfilm", "belarusfilm", Role.ADMIN, "ru"),
    LoginSpec("fajr", "fajr", Role.EDITOR, "fa"),
    LoginSpec("listapad", "listapad", Role.EDITOR, "be"),
    LoginSpec("kinoprokat", "kinovideoprokat", Role.EDITOR, "ru"),
    LoginSpec("platform", "belarus-online-cinema", Role.EDITOR, "ru"),
    LoginSpec("school-tehran", "tehran-university-of-art", Role.EDITOR, "fa"),
    LoginSpec("school-minsk", "belarusian-state-academy-of-arts", Role.EDITOR, "be"),
    LoginSpec("embassy", "embassy-of-belarus-in-tehran", Role.EDITOR, "ru"),
    LoginSpec("kanoon", "kanoon", Role.ADMIN, "fa"),
)


def _person(
    fa: str, en: str, ru: str, be: str, birth_year: int | None = None, country: str = ""
) -> PersonSpec:
    return PersonSpec(names={"fa": fa, "en": en, "ru": ru, "be": be}, birth_year=birth_year, country=country)


# The six directors of shared/data/cross-script-names.json carry its "stored" names exactly, plus more languages.
PEOPLE: tuple[PersonSpec, ...] = (
    _person("عباس کیارستمی", "Abbas Kiarostami", "Аббас Киаростами", "Абас Кіярастамі", 1940, "IR"),
    _person("اصغر فرهادی", "Asghar Farhadi", "Асгар Фархади", "Асгар Фархадзі", 1972, "IR"),
    _person("مجید مجیدی", "Majid Majidi", "Маджид Маджиди", "Маджыд Маджыдзі", 1959, "IR"),
    _person("جعفر پناهی", "Jafar Panahi", "Джафар Панахи", "Джафар Панахі", 1960, "IR"),
    _person("بهرام بیضایی", "Bahram Beyzaie", "Бахрам Бейзаи", "Бахрам Бейзаі", 1938, "IR"),
    _person("امیر نادری", "Amir Naderi", "Амир Надери", "Амір Надэры", 1946, "IR"),
    _person("الم کلیموف", "Elem Klimov", "Элем Климов", "Элем Клімаў", 1933, "RU"),
    _person("ویکتور توروف", "Viktor Turov", "Виктор Туров", "Віктар Тураў", 1936, "BY"),
    _person("لئونید نچایف", "Leonid Nechayev", "Леонид Нечаев", "Леанід Нячаеў", 1939),
    _person("امیر فرخ هاشمیان", "Amir Farrokh Hashemian", "Амир Фаррох Хашемиан", "Амір Фарох Хашэміян"),
    _person("بهاره صدیقی", "Bahare Seddiqi", "Бахаре Седдики", "Бахарэ Сэдзікі"),
    _person("پرویز ملک‌زاده", "Parviz Malekzaade", "Парвиз Малекзаде", "Парвіз Малекзадэ"),
    _person("آیدا محمدخانی", "Aida Mohammadkhani", "Аида Мохаммадхани", "Аіда Махамадхані"),
    _person("فرزاد جودت", "Farzad Jodat", "Фарзад Джодат", "Фарзад Джодат"),
    _person("بابک احمدپور", "Babak Ahmadpour", "Бабак Ахмадпур", "Бабак Ахмадпур"),
    _person("احمد احمدپور", "Ahmad Ahmadpour", "Ахмад Ахмадпур", "Ахмад Ахмадпур"),
    _person("فرهاد صبا", "Farhad Saba", "Фархад Саба", "Фархад Саба"),
    _person("محمود کلاری", "Mahmoud Kalari", "Махмуд Калари", "Махмуд Калары"),
    _person("لیلا حاتمی", "Leila Hatami", "Лейла Хатами", "Лейла Хатамі"),
    _person("پیمان معادی", "Peyman Moaadi", "Пейман Моади", "Пейман Маадзі"),
    _person("شهاب حسینی", "Shahab Hosseini", "Шахаб Хоссейни", "Шахаб Хасейні"),
    _person("ساره بیات", "Sareh Bayat", "Саре Баят", "Сарэ Баят"),
    _person("سوسن تسلیمی", "Susan Taslimi", "Сусан Таслими", "Сусан Таслімі"),
    _person("عدنان عفراویان", "Adnan Afravian", "Аднан Афравиан", "Аднан Афравіян"),
    _person("فیروز ملک‌زاده", "Firooz Malekzadeh", "Фируз Малекзаде", "Фіруз Малекзадэ"),
    _person("محمد داوودی", "Mohammad Davudi", "Мохаммад Давуди", "Махамад Давудзі"),
    _person("محسن رمضانی", "Mohsen Ramezani", "Мохсен Рамезани", "Мохсен Рамезані"),
    _person("حسین محجوب", "Hossein Mahjoub", "Хоссейн Махджуб", "Хасейн Махджуб"),
    _person("بهروز غریب‌پور", "Behrouz Gharibpour", "Бехруз Гарибпур", "Бехруз Гарыбпур"),
    _person("مجید نیرومند", "Majid Niroumand", "Маджид Нируманд", "Маджыд Ніруманд"),
    _person("آلس آداموویچ", "Ales Adamovich", "Алесь Адамович", "Алесь Адамовіч"),
    _person("الکسی رودیونوف", "Aleksei Rodionov", "Алексей Родионов", "Аляксей Радыёнаў"),
    _person("اولگ یانچنکو", "Oleg Yanchenko", "Олег Янченко", "Алег Янчанка"),
    _person("الکسی کراوچنکو", "Aleksei Kravchenko", "Алексей Кравченко", "Аляксей Краўчанка"),
    _person("اولگا میرونوا", "Olga Mironova", "Ольга Миронова", "Вольга Міронава"),
    _person("اینا وتکینا", "Inna Vetkina", "Инна Веткина", "Іна Веткіна"),
    _person("یوری یلخوف", "Yuri Yelkhov", "Юрий Елхов", "Юрый Елхаў"),
    _person("الکسی ریبنیکوف", "Alexei Rybnikov", "Алексей Рыбников", "Аляксей Рыбнікаў"),
    _person("دیمیتری ایوسیفوف", "Dmitri Iosifov", "Дмитрий Иосифов", "Дзмітрый Іосіфаў"),
    _person("نیکلای گرینکو", "Nikolai Grinko", "Николай Гринько", "Мікалай Грынько"),
    _person("ولادیمیر اتوش", "Vladimir Etush", "Владимир Этуш", "Уладзімір Этуш"),
    _person("رولان بیکوف", "Rolan Bykov", "Ролан Быков", "Ралан Быкаў"),
    _person("پاول نیلین", "Pavel Nilin", "Павел Нилин", "Павел Нілін"),
    _person("آناتولی زابولوتسکی", "Anatoli Zabolotsky", "Анатолий Заболоцкий", "Анатоль Забалоцкі"),
    _person("ولادیمیر بلوکوروف", "Vladimir Belokurov", "Владимир Белокуров", "Уладзімір Белакураў"),
    _person("ایوان ملژ", "Ivan Melezh", "Иван Мележ", "Іван Мележ"),
    _person("دیمیتری زایتسف", "Dmitry Zaitsev", "Дмитрий Зайцев", "Дзмітрый Зайцаў"),
    _person("یلنا بورزوا", "Elena Borzova", "Елена Борзова", "Алена Борзава"),
    _person("یوری کازیوچیتس", "Yuri Kazyuchits", "Юрий Казючиц", "Юрый Казючыц"),
)

D, W, A = CreditRole.DIRECTOR, CreditRole.SCREENWRITER, CreditRole.ACTOR
CAM, CUT, MUSIC, PROD = (
    CreditRole.CINEMATOGRAPHER,
    CreditRole.EDITOR,
    CreditRole.COMPOSER,
    CreditRole.PRODUCER,
)
WON, NOMINATED = FestivalResult.WON, FestivalResult.NOMINATED
OSCAR_FOREIGN = "Best Foreign Language Film"

# Demo subtitle files: invented captions, not the films' dialogue.
_RU_SUBTITLES = """1
00:00:02,000 --> 00:00:05,000
Демонстрационные субтитры cinebridge

2
00:00:06,000 --> 00:00:09,500
[Шум улицы]

3
00:00:10,000 --> 00:00:13,000
Тегеран.

4
00:00:14,000 --> 00:00:17,500
[Детские голоса]
"""

_EN_SUBTITLES = """WEBVTT

00:00:02.000 --> 00:00:05.000
cinebridge demo subtitles

00:00:06.000 --> 00:00:09.000
[Wind over the sand]

00:00:10.000 --> 00:00:13.000
Belarus, 1943.

00:00:14.000 --> 00:00:17.000
[Distant aircraft]
"""

FILMS: tuple[FilmSpec, ...] = (
    FilmSpec(
        owner="farabi", original_title="بچه‌های آسمان", original_language="fa", kind=FilmKind.FEATURE,
        audience=Audience.CHILDREN, year=1997, runtime_minutes=89, countries=("IR",), genres=("family", "drama"),
        texts={
            "fa": ("بچه‌های آسمان", "علی کفش‌های خواهرش زهرا را گم می‌کند و دو خواهر و برادر برای این‌که پدر و مادرشان نفهمند، به نوبت کفش‌های علی را می‌پوشند."),
            "ar": ("أطفال السماء", "يضيّع علي حذاء أخته زهراء، فيتناوب الأخوان على انتعال حذائه كي لا يعلم والداهما بالأمر."),
            "ru": ("Дети небес", "Али теряет туфли младшей сестры Захры, и брат с сестрой по очереди носят его кеды, чтобы родители ни о чём не узнали."),
            "be": ("Дзеці нябёсаў", "Алі губляе туфлі малодшай сястры Захры, і брат з сястрой па чарзе носяць яго кеды, каб бацькі ні пра што не даведаліся."),
            "en": ("Children of Heaven", "Ali loses his little sister Zahra's shoes, and the two share his sneakers in turns so that their parents never find out."),
        },
        credits=(CreditSpec("Majid Majidi", D), CreditSpec("Majid Majidi", W), CreditSpec("Parviz Malekzaade", CAM),
                 CreditSpec("Amir Farrokh Hashemian", A, "Ali"), CreditSpec("Bahare Seddiqi", A, "Zahra")),
        festivals=(FestivalSpec("Montreal World Film Festival", 1997, WON, award="Grand Prix des Amériques"),
                   FestivalSpec("Academy Awards", 1999, NOMINATED, section=OSCAR_FOREIGN)),
        ratings=(("IR", "all"),),
        subtitles=(SubtitleSpec("Original version, Russian subtitles", "fa", "ru", "children-of-heaven-ru.srt",
                                _RU_SUBTITLES),),
    ),
    FilmSpec(
        owner="farabi", original_title="بادکنک سفید", original_language="fa", kind=FilmKind.FEATURE,
        audience=Audience.CHILDREN, year=1995, runtime_minutes=85, countries=("IR",), genres=("family", "drama"),
        texts={
            "fa": ("بادکنک سفید", "در آستانهٔ نوروز، رضیهٔ هفت‌ساله برای خریدن ماهی قرمز راهی خیابان‌های تهران می‌شود و پول را در راه گم می‌کند."),
            "ar": ("البالون الأبيض", "عشية عيد النوروز، تخرج راضية ذات السنوات السبع إلى شوارع طهران لتشتري سمكة ذهبية، فتضيع النقود في الطريق."),
            "ru": ("Белый шарик", "Накануне Новруза семилетняя Разие отправляется по улицам Тегерана купить золотую рыбку и по дороге теряет деньги."),
            "be": ("Белы шарык", "Напярэдадні Наўруза сямігадовая Разіе ідзе па вуліцах Тэгерана купіць залатую рыбку і па дарозе губляе грошы."),
            "en": ("The White Balloon", "On the eve of the Persian New Year, seven-year-old Razieh sets out through Tehran to buy a goldfish and loses the money on the way."),
        },
        credits=(CreditSpec("Jafar Panahi", D), CreditSpec("Abbas Kiarostami", W), CreditSpec("Farzad Jodat", CAM),
                 CreditSpec("Aida Mohammadkhani", A, "Razieh")),
        festivals=(FestivalSpec("Cannes Film Festival", 1995, WON, award="Caméra d'Or"),),
    ),
    FilmSpec(
        owner="farabi", original_title="خانه دوست کجاست؟", original_language="fa", kind=FilmKind.FEATURE,
        audience=Audience.CHILDREN, year=1987, runtime_minutes=83, countries=("IR",), genres=("drama", "family"),
        texts={
            "fa": ("خانه دوست کجاست؟", "احمد دفتر مشق هم‌کلاسی‌اش را اشتباهی به خانه می‌برد و برای پس دادن آن، روستای همسایه را به دنبال خانهٔ دوستش می‌گردد."),
            "ar": ("أين منزل الصديق؟", "يأخذ أحمد دفتر زميله إلى البيت خطأً، فيجوب القرية المجاورة بحثاً عن منزل صديقه ليعيده إليه."),
            "ru": ("Где дом друга?", "Ахмад по ошибке уносит домой тетрадь одноклассника и ищет его дом в соседней деревне, чтобы вернуть её."),
            "be": ("Дзе дом сябра?", "Ахмад памылкова забірае дадому сшытак аднакласніка і шукае яго дом у суседняй вёсцы, каб вярнуць яго."),
            "en": ("Where Is the Friend's House?", "Ahmad takes his classmate's notebook home by mistake and searches the neighbouring village for his friend's house to return it."),
        },
        credits=(CreditSpec("Abbas Kiarostami", D), CreditSpec("Abbas Kiarostami", W), CreditSpec("Farhad Saba", CAM),
                 CreditSpec("Abbas Kiarostami", CUT), CreditSpec("Babak Ahmadpour", A, "Ahmad"),
                 CreditSpec("Ahmad Ahmadpour", A, "Mohammad Reza Nematzadeh")),
        festivals=(FestivalSpec("Locarno Film Festival", 1989, WON, award="Bronze Leopard"),),
    ),
    FilmSpec(
        owner="farabi", original_title="جدایی نادر از سیمین", original_language="fa", kind=FilmKind.FEATURE,
        audience=Audience.GENERAL, year=2011, runtime_minutes=123, countries=("IR",), genres=("drama",),
        texts={
            "fa": ("جدایی نادر از سیمین", "سیمین می‌خواهد با دخترشان از ایران برود و نادر پدر بیمارش را رها نمی‌کند؛ حادثه‌ای برای پرستار پدر، دو خانواده را به دادگاه می‌کشاند."),
            "ar": ("انفصال نادر عن سيمين", "تريد سيمين مغادرة إيران مع ابنتهما ويرفض نادر ترك والده المريض، ثم تجرّ حادثةٌ للممرضة العائلتين إلى المحكمة."),
            "ru": ("Развод Надера и Симин", "Симин хочет уехать из Ирана с дочерью, Надер не может оставить больного отца, и несчастный случай с сиделкой приводит две семьи в суд."),
            "be": ("Развод Надэра і Сімін", "Сімін хоча з'ехаць з Ірана з дачкой, Надэр не можа пакінуць хворага бацьку, і няшчасны выпадак з даглядальніцай прыводзіць дзве сям'і ў суд."),
            "en": ("A Separation", "Simin wants to leave Iran with their daughter, Nader will not leave his ailing father, and an accident involving the carer he hires takes two families to court."),
        },
        credits=(CreditSpec("Asghar Farhadi", D), CreditSpec("Asghar Farhadi", W), CreditSpec("Asghar Farhadi", PROD),
                 CreditSpec("Mahmoud Kalari", CAM), CreditSpec("Leila Hatami", A, "Simin"),
                 CreditSpec("Peyman Moaadi", A, "Nader"), CreditSpec("Shahab Hosseini", A, "Hodjat"),
                 CreditSpec("Sareh Bayat", A, "Razieh")),
        festivals=(FestivalSpec("Berlin International Film Festival", 2011, WON, award="Golden Bear"),
                   FestivalSpec("Academy Awards", 2012, WON, section=OSCAR_FOREIGN, award="Academy Award")),
        ratings=(("IR", "+15"),),
    ),
    FilmSpec(
        owner="farabi", original_title="باشو، غریبه کوچک", original_language="fa", kind=FilmKind.FEATURE,
        audience=Audience.YOUTH, year=1986, runtime_minutes=120, countries=("IR",), genres=("drama", "war"),
        texts={
            "fa": ("باشو، غریبه کوچک", "پسری که خانواده‌اش را در جنگ از دست داده، پنهانی با کامیونی به شمال می‌رسد و زنی روستایی، برخلاف بدگمانی همه، او را پناه می‌دهد."),
            "ar": ("باشو، الغريب الصغير", "صبي فقد عائلته في الحرب يصل مختبئاً في شاحنة إلى شمال إيران، فتؤويه امرأة قروية رغم ريبة الجميع."),
            "ru": ("Башу, маленький чужак", "Мальчик, потерявший семью на войне, на грузовике добирается до севера Ирана, где его, вопреки недоверию соседей, берёт к себе крестьянка."),
            "be": ("Башу, маленькі чужынец", "Хлопчык, які страціў сям'ю на вайне, на грузавіку трапляе на поўнач Ірана, дзе яго, насуперак недаверу суседзяў, бярэ да сябе сялянка."),
            "en": ("Bashu, the Little Stranger", "A boy who has lost his family in the war hides on a truck to the north of Iran, where a farmer's wife takes him in despite her neighbours' suspicion."),
        },
        credits=(CreditSpec("Bahram Beyzaie", D), CreditSpec("Bahram Beyzaie", W), CreditSpec("Bahram Beyzaie", CUT),
                 CreditSpec("Firooz Malekzadeh", CAM), CreditSpec("Susan Taslimi", A, "Na'i"),
                 CreditSpec("Adnan Afravian", A, "Bashu")),
    ),
    FilmSpec(
        owner="farabi", original_title="رنگ خدا", original_language="fa", kind=FilmKind.FEATURE,
        audience=Audience.GENERAL, year=1999, runtime_minutes=90, countries=("IR",), genres=("drama", "family"),
        texts={
            "fa": ("رنگ خدا", "محمد، پسری نابینا، تابستان را در روستا کنار مادربزرگ و خواهرانش می‌گذراند، در حالی که پدرش او را باری بر دوش خود می‌داند."),
            "ar": ("لون الجنة", "يقضي محمد، الصبي الكفيف، الصيف في قريته مع جدته وأختيه، بينما يراه أبوه عبئاً عليه."),
            "ru": ("Цвет рая", "Слепой мальчик Мохаммад проводит лето в родной деревне с бабушкой и сёстрами, а овдовевший отец считает его обузой."),
            "be": ("Колер раю", "Сляпы хлопчык Махамад праводзіць лета ў роднай вёсцы з бабуляй і сёстрамі, а ўдавец-бацька лічыць яго цяжарам."),
            "en": ("The Color of Paradise", "Mohammad, a blind boy, spends the summer in his village with his grandmother and sisters while his widowed father sees him as a burden."),
        },
        credits=(CreditSpec("Majid Majidi", D), CreditSpec("Majid Majidi", W), CreditSpec("Mohammad Davudi", CAM),
                 CreditSpec("Mohsen Ramezani", A, "Mohammad"), CreditSpec("Hossein Mahjoub", A, "Hashem")),
        festivals=(FestivalSpec("Montreal World Film Festival", 1999, WON, award="Grand Prix des Amériques"),),
    ),
    FilmSpec(
        owner="farabi", original_title="دونده", original_language="fa", kind=FilmKind.FEATURE,
        audience=Audience.YOUTH, year=1984, runtime_minutes=94, countries=("IR",), genres=("drama",),
        texts={
            "fa": ("دونده", "امیرو، پسری یتیم که در کشتی‌ای متروک در آبادان زندگی می‌کند، با کارهای کوچک روزگار می‌گذراند و رؤیای کشتی‌ها و هواپیماها را در سر دارد."),
            "ar": ("العدّاء", "أميرو، يتيم يعيش وحيداً في سفينة مهجورة في عبادان، يكسب قوته من أعمال صغيرة ويحلم بالسفن والطائرات."),
            "ru": ("Бегун", "Сирота Амиро живёт один на брошенном судне в Абадане, перебивается случайной работой и мечтает о кораблях и самолётах."),
            "be": ("Бягун", "Сірата Аміро жыве адзін на кінутым судне ў Абадане, перабіваецца выпадковай працай і марыць пра караблі і самалёты."),
            "en": ("The Runner", "Amiro, an orphan living alone on an abandoned ship in Abadan, gets by on odd jobs and dreams of the ships and planes that leave."),
        },
        credits=(CreditSpec("Amir Naderi", D), CreditSpec("Amir Naderi", W), CreditSpec("Behrouz Gharibpour", W),
                 CreditSpec("Firooz Malekzadeh", CAM), CreditSpec("Bahram Beyzaie", CUT),
                 CreditSpec("Majid Niroumand", A, "Amiro")),
    ),
    FilmSpec(
        owner="belarusfilm", original_title="Иди и смотри", original_language="ru", kind=FilmKind.FEATURE,
        audience=Audience.GENERAL, year=1985, runtime_minutes=142, countries=("BY", "RU"), genres=("war", "drama"),
        texts={
            "fa": ("برو و ببین", "بلاروس اشغالی، ۱۹۴۳: نوجوانی به پارتیزان‌ها می‌پیوندد و شاهد نابودی روستایی به دست یگان تنبیهی نازی‌ها می‌شود."),
            "ar": ("تعال وانظر", "بيلاروس المحتلة عام 1943: فتى ينضم إلى الأنصار ويشهد إبادة قرية على يد وحدة عقابية نازية."),
            "ru": ("Иди и смотри", "Оккупированная Беларусь, 1943 год: подросток уходит к партизанам и становится свидетелем уничтожения деревни нацистскими карателями."),
            "be": ("Ідзі і глядзі", "Акупаваная Беларусь, 1943 год: падлетак ідзе ў партызаны і становіцца сведкам знішчэння вёскі нацысцкімі карнікамі."),
            "en": ("Come and See", "Occupied Belarus, 1943: a teenage boy joins the partisans and witnesses the destruction of a village by a Nazi punitive unit."),
        },
        credits=(CreditSpec("Elem Klimov", D), CreditSpec("Elem Klimov", W), CreditSpec("Ales Adamovich", W),
                 CreditSpec("Aleksei Rodionov", CAM), CreditSpec("Oleg Yanchenko", MUSIC),
                 CreditSpec("Aleksei Kravchenko", A, "Flyora"), CreditSpec("Olga Mironova", A, "Glasha")),
        festivals=(FestivalSpec("Moscow International Film Festival", 1985, WON, award="Golden Prize"),),
        ratings=(("BY", "***"),),
        subtitles=(SubtitleSpec("Original version, English subtitles", "ru", "en", "come-and-see-en.vtt",
                                _EN_SUBTITLES),),
    ),
    FilmSpec(
        owner="belarusfilm", original_title="Приключения Буратино", original_language="ru", kind=FilmKind.FEATURE,
        audience=Audience.CHILDREN, year=1975, runtime_minutes=132, countries=("BY",),
        genres=("musical", "fantasy", "family"),
        texts={
            "fa": ("ماجراهای بوراتینو", "عروسک چوبی‌ای که کارلوی ارگ‌نواز تراشیده، به دنبال راز کلید طلایی می‌رود؛ فیلمی موزیکال بر اساس قصهٔ آلکسی تولستوی."),
            "ar": ("مغامرات بوراتينو", "دمية خشبية نحتها عازف الأرغن كارلو تنطلق بحثاً عن سر المفتاح الذهبي، في فيلم موسيقي عن حكاية أليكسي تولستوي."),
            "ru": ("Приключения Буратино", "Деревянная кукла, выструганная шарманщиком Карло, ищет тайну золотого ключика — музыкальный фильм по сказке Алексея Толстого."),
            "be": ("Прыгоды Бураціна", "Драўляная лялька, выструганая катрыншчыкам Карла, шукае таямніцу залатога ключыка — музычны фільм паводле казкі Аляксея Талстога."),
            "en": ("The Adventures of Buratino", "A wooden puppet carved by the organ-grinder Carlo goes in search of the secret of the golden key: a musical after Aleksey Tolstoy's tale."),
        },
        credits=(CreditSpec("Leonid Nechayev", D), CreditSpec("Inna Vetkina", W), CreditSpec("Yuri Yelkhov", CAM),
                 CreditSpec("Alexei Rybnikov", MUSIC), CreditSpec("Dmitri Iosifov", A, "Buratino"),
                 CreditSpec("Nikolai Grinko", A, "Papa Carlo"), CreditSpec("Vladimir Etush", A, "Karabas-Barabas"),
                 CreditSpec("Rolan Bykov", A, "Basilio")),
        ratings=(("BY", "0"),),
    ),
    FilmSpec(
        owner="belarusfilm", original_title="Через кладбище", original_language="ru", kind=FilmKind.FEATURE,
        audience=Audience.GENERAL, year=1964, runtime_minutes=82, countries=("BY",), genres=("war", "drama"),
        texts={
            "fa": ("از میان گورستان", "پاییز ۱۹۴۲: پارتیزان‌ها میخاس جوان و روستایی محتاطی به نام سازون ایوانوویچ را برای آوردن مواد منفجره می‌فرستند."),
            "ar": ("عبر المقبرة", "خريف 1942: يرسل الأنصار الشاب ميخاس والقروي الحذر سازون إيفانوفيتش لجلب متفجرات لمهاجمة القطارات الألمانية."),
            "ru": ("Через кладбище", "Осень 1942 года: партизаны посылают юного Михася и осторожного Сазона Ивановича за взрывчаткой для подрыва немецких эшелонов."),
            "be": ("Праз могілкі", "Восень 1942 года: партызаны пасылаюць юнага Міхася і асцярожнага Сазона Іванавіча па выбухоўку, каб падрываць нямецкія эшалоны."),
            "en": ("Through the Graveyard", "Autumn 1942: the partisans send young Mikhas and the cautious villager Sazon Ivanovich to fetch explosives for attacks on German trains."),
        },
        credits=(CreditSpec("Viktor Turov", D), CreditSpec("Pavel Nilin", W), CreditSpec("Anatoli Zabolotsky", CAM),
                 CreditSpec("Vladimir Belokurov", A, "Sazon Ivanovich")),
    ),
    FilmSpec(
        owner="belarusfilm", original_title="Люди на болоте", original_language="ru", kind=FilmKind.FEATURE,
        audience=Audience.GENERAL, year=1981, runtime_minutes=153, countries=("BY",), genres=("drama", "history"),
        texts={
            "fa": ("مردمان مرداب", "دههٔ ۱۹۲۰: حکومت شوروی به روستایی دورافتاده در پولسیه می‌رسد و زندگی دو جوان، گانا و واسیل، دگرگون می‌شود؛ بر اساس رمان ایوان ملژ."),
            "ar": ("أناس المستنقع", "في عشرينيات القرن الماضي تصل السلطة السوفيتية إلى قرية نائية في بوليسيا، فتتغير حياة الشابين هانا وفاسيل؛ عن رواية إيفان ميليج."),
            "ru": ("Люди на болоте", "1920-е годы: советская власть приходит в глухую полесскую деревню, и меняется жизнь молодых Ганны и Василя. По роману Ивана Мележа."),
            "be": ("Людзі на балоце", "1920-я гады: савецкая ўлада прыходзіць у глухую палескую вёску, і мяняецца жыццё маладых Ганны і Васіля. Паводле рамана Івана Мележа."),
            "en": ("People in the Swamp", "In the 1920s Soviet power reaches a remote village in Polesia and changes the lives of the young Hanna and Vasil. After Ivan Melezh's novel."),
        },
        credits=(CreditSpec("Viktor Turov", D), CreditSpec("Viktor Turov", W), CreditSpec("Ivan Melezh", W),
                 CreditSpec("Dmitry Zaitsev", CAM), CreditSpec("Oleg Yanchenko", MUSIC),
                 CreditSpec("Elena Borzova", A, "Hanna"), CreditSpec("Yuri Kazyuchits", A, "Vasil")),
    ),
)  # fmt: skip
