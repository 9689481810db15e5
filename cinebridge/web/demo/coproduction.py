"""The demo's co-productions (MoU areas 3, 5 and 6): the Iran–Belarus programme rule set, two children's
animated features, the partners' profiles and needs, and a directory of studios, locations and specialists.

**The rule set.** The Cinema Organization of Iran makes the programme's editable rule set from the
shipped Iran–Belarus template (`iran-belarus`), naming itself and the Belarusian Ministry of Culture as
its editors; the Ministry then edits it once, so that the revision history shows both film bodies.

**The projects.** Kanoon (the Iranian institute for children's films) and Belarusfilm co-produce two
animated features for children, both checked against the programme's rules:

- *The White Stork's Winter* (Kanoon leads, Belarusfilm co-produces with money and its animation
  studio): financed in full with confirmed letters, creative posts shared in proportion to the money,
  drawn in both countries — it qualifies.
- *Tales of the Pushcha* (Belarusfilm leads, Kanoon brings a little money and some in-kind animation):
  Iran's share is below the programme's minimum — not yet eligible, and the what-if tells how much
  Iran must add. It looks for an Iranian partner, and Belarusfilm asks Farabi for a meeting about it.

**The directory.** Belarusfilm's studio in Minsk (with its stages) and Kanoon's animation studio in
Tehran; locations in both countries, each with a photo drawn at load time (Pillow); specialists in both
countries, linked to the catalogue's people where the demo has them; Kanoon's booking request for a
Belarusfilm stage, and the White Stork's invitation to a Belarusian animator.

Demo data, not real projects: the projects, their money, the stages' sizes, the bookings and the
fictional specialists (marked so) are made up; the organisations, the places and the catalogue's
people are real. Letters of financing are dated relative to the day the demo is loaded, so that they
are recent when it is looked at.
"""

from __future__ import annotations

import io
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from cinebridge.accounts.models import Organisation, User
from cinebridge.catalogue.models import Audience, Film, Person
from cinebridge.coproduction.models import (
    Booking,
    Capability,
    CompanyProfile,
    ContributionKind,
    CreativeRole,
    FinancingKind,
    InKindCategory,
    Invitation,
    Location,
    MeetingRequest,
    Project,
    ProjectKind,
    ProjectStage,
    RuleSet,
    Specialist,
    Studio,
)
from cinebridge.coproduction.services import directory as directory_services
from cinebridge.coproduction.services import matchmaking as matchmaking_services
from cinebridge.coproduction.services import projects as project_services
from cinebridge.coproduction.services import rulesets as ruleset_services

RULE_SET_SLUG = "iran-belarus-programme"
RULE_SET_TEMPLATE = "iran-belarus"
RULE_SET_EDITORS = ("cinema-organization-of-iran", "belarus-ministry-of-culture")
# Who acts for each organisation (the demo's logins, programme.LOGINS).
LOGIN_OF = {
    "cinema-organization-of-iran": "cinema-org",
    "belarus-ministry-of-culture": "minculture",
    "kanoon": "kanoon",
    "belarusfilm": "belarusfilm",
    "farabi": "farabi",
    "belarusian-state-academy-of-arts": "school-minsk",
}


def _names(en: str, fa: str, ar: str, ru: str, be: str) -> dict[str, str]:
    return {"en": en, "fa": fa, "ar": ar, "ru": ru, "be": be}


# --- projects -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FinancingSpec:
    kind: FinancingKind
    name: str
    amount: Decimal
    confirmed: bool = True
    letter_days_ago: int | None = 45  # the letter's age on the day the demo is loaded


@dataclass(frozen=True)
class InKindSpec:
    category: InKindCategory
    description: str
    value: Decimal


@dataclass(frozen=True)
class CoProducerSpec:
    organisation: str  # slug
    financing: tuple[FinancingSpec, ...]
    in_kind: tuple[InKindSpec, ...] = ()
    artistic: tuple[str, ...] = ()


@dataclass(frozen=True)
class CreativeSpec:
    role: CreativeRole
    name: str
    nationality: str
    days_worked: int | None = None
    person: str = ""  # English name of a catalogue person of the demo (programme.PEOPLE)


@dataclass(frozen=True)
class NeedSpec:
    country: str
    capabilities: tuple[Capability, ...]
    contribution_min: Decimal | None
    contribution_max: Decimal | None
    note: str


@dataclass(frozen=True)
class ProjectSpec:
    key: str  # how the other specs name it
    lead: str  # organisation slug
    titles: Mapping[str, str]
    loglines: Mapping[str, str]
    synopses: Mapping[str, str]
    kind: ProjectKind
    audience: Audience
    stage: ProjectStage
    runtime_minutes: int
    languages: tuple[str, ...]
    budget: Decimal
    currency: str
    shooting_countries: tuple[str, ...]
    post_countries: tuple[str, ...]
    animation_countries: tuple[str, ...]
    start_year_after: int  # years after the year the demo is loaded
    coproducers: tuple[CoProducerSpec, ...]  # the lead first
    creatives: tuple[CreativeSpec, ...]
    seeking_partners: bool = False
    needs: tuple[NeedSpec, ...] = ()
    eligible: bool = True  # under the programme's rules (the demo's tests check it)


K = Decimal(1000)

WHITE_STORK = ProjectSpec(
    key="white-stork",
    lead="kanoon",
    titles=_names(
        "The White Stork's Winter",
        "زمستانِ لک‌لکِ سفید",
        "شتاء اللقلق الأبيض",
        "Зима белого аиста",
        "Зіма белага бусла",
    ),
    loglines=_names(
        "A young stork from a Belarusian village misses the autumn flight and crosses to Iran alone, "
        "helped by the children he meets on the way.",
        "لک‌لکی جوان از روستایی در بلاروس از پرواز پاییزی جا می‌ماند و با کمک بچه‌هایی که در راه می‌بیند، "
        "تنها تا ایران پرواز می‌کند.",
        "لقلق صغير من قرية بيلاروسية يفوته سرب الخريف، فيعبر وحده إلى إيران بمساعدة أطفال يلتقيهم في الطريق.",
        "Молодой аист из белорусской деревни отстаёт от осенней стаи и один летит в Иран, а помогают "
        "ему дети, которых он встречает в пути.",
        "Малады бусел з беларускай вёскі адстае ад восеньскай чарады і адзін ляціць у Іран, а дапамагаюць "
        "яму дзеці, якіх ён сустракае ў дарозе.",
    ),
    synopses={
        "en": "An animated feature for children aged six to ten, hand-drawn in Tehran and Minsk.",
        "fa": "انیمیشنی بلند برای کودکان شش تا ده ساله که در تهران و مینسک با دست طراحی می‌شود.",
        "ru": "Полнометражный мультфильм для детей от шести до десяти лет, нарисованный в Тегеране и Минске.",
    },
    kind=ProjectKind.ANIMATION,
    audience=Audience.CHILDREN,
    stage=ProjectStage.PRE_PRODUCTION,
    runtime_minutes=80,
    languages=("fa", "ru"),
    budget=1200 * K,
    currency="EUR",
    shooting_countries=(),
    post_countries=("IR", "BY"),
    animation_countries=("IR", "BY"),
    start_year_after=1,
    coproducers=(
        CoProducerSpec(
            "kanoon",
            financing=(
                FinancingSpec(FinancingKind.COPRODUCER, "Kanoon", 420 * K, letter_days_ago=30),
                FinancingSpec(FinancingKind.NATIONAL_FUND, "Farabi Cinema Foundation", 300 * K),
            ),
            artistic=("Director, screenplay and character design",),
        ),
        CoProducerSpec(
            "belarusfilm",
            financing=(
                FinancingSpec(FinancingKind.COPRODUCER, "Belarusfilm", 180 * K, letter_days_ago=20),
                FinancingSpec(
                    FinancingKind.NATIONAL_FUND, "Ministry of Culture of the Republic of Belarus", 200 * K
                ),
            ),
            in_kind=(
                InKindSpec(
                    InKindCategory.ANIMATION, "Belarusfilm animation studio: 40 % of the animation", 100 * K
                ),
            ),
            artistic=("Music, animation direction and Russian voices",),
        ),
    ),
    # Points of the programme's animation table held by nationals of the parties: 14 for the posts, 2 for
    # drawing and finishing in Iran and Belarus (the threshold is 15).
    creatives=(
        CreativeSpec(CreativeRole.DIRECTOR, "Maryam Sadeghi (fictional)", "IR"),
        CreativeSpec(CreativeRole.SCREENWRITER, "Hamid Rezaei (fictional)", "IR"),
        CreativeSpec(CreativeRole.CHARACTER_DESIGNER, "Sara Kamali (fictional)", "IR"),
        CreativeSpec(CreativeRole.STORYBOARD, "Nima Ahmadi (fictional)", "IR"),
        CreativeSpec(CreativeRole.COMPOSER, "Pavel Lutsevich (fictional)", "BY"),
        CreativeSpec(CreativeRole.ANIMATION_DIRECTOR, "Dmitry Kovalenko (fictional)", "BY"),
        CreativeSpec(CreativeRole.BACKGROUND, "Yulia Kasper (fictional)", "BY"),
        CreativeSpec(CreativeRole.LEAD_ANIMATOR, "Kirill Sakovich (fictional)", "BY"),
        CreativeSpec(CreativeRole.VOICE_1, "Elena Borzova", "BY", days_worked=6, person="Elena Borzova"),
    ),
    needs=(
        NeedSpec(
            "",
            (Capability.DUBBING,),
            20 * K,
            60 * K,
            "Dubbing into Arabic and Belarusian for the festival copies.",
        ),
    ),
)

PUSHCHA = ProjectSpec(
    key="pushcha",
    lead="belarusfilm",
    titles=_names(
        "Tales of the Pushcha",
        "قصه‌های جنگل پوشچا",
        "حكايات غابة بوشتشا",
        "Сказки Пущи",
        "Казкі Пушчы",
    ),
    loglines=_names(
        "A bison calf and a girl from Tehran who came to see her grandmother guard the old forest of "
        "Belovezhskaya Pushcha through one winter.",
        "گوساله‌ای گاومیش و دختری از تهران که به دیدن مادربزرگش آمده، یک زمستان از جنگل کهن بلاوژسکایا "
        "پوشچا نگهبانی می‌کنند.",
        "عجل بيسون وفتاة من طهران جاءت لزيارة جدتها يحرسان غابة بيلوفيجسكايا بوشتشا القديمة طوال شتاء.",
        "Зубрёнок и девочка из Тегерана, приехавшая к бабушке, целую зиму охраняют древнюю Беловежскую пущу.",
        "Зубраня і дзяўчынка з Тэгерана, якая прыехала да бабулі, цэлую зіму ахоўваюць старажытную "
        "Белавежскую пушчу.",
    ),
    synopses={
        "en": "An animated feature for children, drawn at Belarusfilm with backgrounds painted at Kanoon.",
        "ru": "Полнометражный мультфильм для детей, нарисованный на «Беларусьфильме» с фонами студии «Канун».",
    },
    kind=ProjectKind.ANIMATION,
    audience=Audience.CHILDREN,
    stage=ProjectStage.FINANCING,
    runtime_minutes=75,
    languages=("ru", "be", "fa"),
    budget=1000 * K,
    currency="EUR",
    shooting_countries=(),
    post_countries=("BY",),
    animation_countries=("BY", "IR"),
    start_year_after=1,
    coproducers=(
        CoProducerSpec(
            "belarusfilm",
            financing=(
                FinancingSpec(FinancingKind.COPRODUCER, "Belarusfilm", 520 * K, letter_days_ago=25),
                FinancingSpec(
                    FinancingKind.NATIONAL_FUND, "Ministry of Culture of the Republic of Belarus", 300 * K
                ),
                FinancingSpec(
                    FinancingKind.BROADCASTER,
                    "Belteleradio (pre-sale, pending)",
                    100 * K,
                    confirmed=False,
                    letter_days_ago=None,
                ),
            ),
            artistic=("Director, screenplay and animation",),
        ),
        CoProducerSpec(
            "kanoon",
            financing=(FinancingSpec(FinancingKind.COPRODUCER, "Kanoon", 40 * K, letter_days_ago=15),),
            in_kind=(InKindSpec(InKindCategory.ANIMATION, "Kanoon animation studio: backgrounds", 40 * K),),
            artistic=("Background painting",),
        ),
    ),
    creatives=(
        CreativeSpec(CreativeRole.DIRECTOR, "Olga Zhukovskaya (fictional)", "BY"),
        CreativeSpec(CreativeRole.SCREENWRITER, "Olga Zhukovskaya (fictional)", "BY"),
        CreativeSpec(CreativeRole.ANIMATION_DIRECTOR, "Tatsiana Bialova (fictional)", "BY"),
        CreativeSpec(CreativeRole.CHARACTER_DESIGNER, "Tatsiana Bialova (fictional)", "BY"),
        CreativeSpec(CreativeRole.STORYBOARD, "Ihar Sidarenka (fictional)", "BY"),
        CreativeSpec(CreativeRole.LEAD_ANIMATOR, "Kirill Sakovich (fictional)", "BY"),
        CreativeSpec(CreativeRole.BACKGROUND, "Reza Tavakoli (fictional)", "IR"),
        CreativeSpec(CreativeRole.COMPOSER, "Pavel Lutsevich (fictional)", "BY"),
        CreativeSpec(CreativeRole.VOICE_1, "Elena Borzova", "BY", days_worked=5, person="Elena Borzova"),
    ),
    seeking_partners=True,
    needs=(
        NeedSpec(
            "IR",
            (Capability.ANIMATION_STUDIO, Capability.FINANCING),
            100 * K,
            250 * K,
            "An Iranian co-producer to bring Iran's share up to the programme's minimum.",
        ),
    ),
    eligible=False,
)

PROJECTS: tuple[ProjectSpec, ...] = (WHITE_STORK, PUSHCHA)

# --- company profiles and a meeting -------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileSpec:
    organisation: str
    capabilities: tuple[Capability, ...]
    audiences: tuple[Audience, ...]
    languages: tuple[str, ...]
    contribution_min: Decimal | None
    contribution_max: Decimal | None
    currency: str
    descriptions: Mapping[str, str]
    past_coproductions: tuple[str, ...] = ()  # English titles of demo films


PROFILES: tuple[ProfileSpec, ...] = (
    ProfileSpec(
        "belarusfilm",
        (
            Capability.ANIMATION_STUDIO,
            Capability.STAGES,
            Capability.POST_PRODUCTION,
            Capability.SOUND,
            Capability.DUBBING,
            Capability.LOCATIONS,
        ),
        (Audience.CHILDREN, Audience.YOUTH, Audience.GENERAL),
        ("ru", "be", "en"),
        100 * K,
        600 * K,
        "EUR",
        {
            "en": "The national studio of Belarus: stages, an animation studio, sound and post-production "
            "in Minsk, and line production on locations across Belarus.",
            "ru": "Национальная киностудия Беларуси: павильоны, студия анимации, звук и постпродакшн в "
            "Минске, организация съёмок на натуре по всей Беларуси.",
        },
        past_coproductions=("Come and See",),  # with Mosfilm, 1985
    ),
    ProfileSpec(
        "kanoon",
        (
            Capability.ANIMATION_STUDIO,
            Capability.SCREENWRITING,
            Capability.DISTRIBUTION,
            Capability.FINANCING,
        ),
        (Audience.CHILDREN, Audience.YOUTH),
        ("fa", "en"),
        50 * K,
        800 * K,
        "EUR",
        {
            "en": "Animation (hand-drawn, cut-out, stop-motion) and stories for children from Iran's "
            "oldest children's publisher; distribution to Iranian schools and cultural centres.",
            "fa": "انیمیشن (دستی، کات‌اوت، استاپ‌موشن) و داستان برای کودکان از قدیمی‌ترین ناشر کودک ایران؛ "
            "پخش در مدارس و مراکز فرهنگی ایران.",
        },
    ),
    ProfileSpec(
        "farabi",
        (Capability.FINANCING, Capability.DISTRIBUTION),
        (Audience.CHILDREN, Audience.YOUTH, Audience.GENERAL),
        ("fa", "en"),
        100 * K,
        400 * K,
        "EUR",
        {"en": "Support for Iranian co-producers and sales of Iranian films abroad."},
    ),
)


@dataclass(frozen=True)
class MeetingSpec:
    from_organisation: str
    to_organisation: str
    project: str  # ProjectSpec.key
    message: str
    days_ahead: int  # the proposed meeting, after the day the demo is loaded


MEETINGS: tuple[MeetingSpec, ...] = (
    MeetingSpec(
        "belarusfilm",
        "farabi",
        PUSHCHA.key,
        "We are looking for Iranian money for Tales of the Pushcha: could we meet at the next Fajr "
        "festival market?",
        days_ahead=60,
    ),
)

# --- the directory --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StageSpec:
    name: str
    width_m: Decimal
    length_m: Decimal
    height_m: Decimal | None
    features: str = ""


@dataclass(frozen=True)
class ClosureSpec:
    starts: tuple[int, int]  # (month, day) of the year after the demo is loaded
    ends: tuple[int, int]
    reason: str


@dataclass(frozen=True)
class StudioSpec:
    slug: str
    organisation: str
    names: Mapping[str, str]
    descriptions: Mapping[str, str]
    country: str
    region: str
    city: str
    capabilities: tuple[Capability, ...]
    equipment: str
    stages: tuple[StageSpec, ...]
    closures: tuple[ClosureSpec, ...] = ()


@dataclass(frozen=True)
class PhotoSpec:
    caption: str
    palette: tuple[tuple[int, int, int], tuple[int, int, int], tuple[int, int, int]]  # sky, land, detail
    image_format: str = "JPEG"  # or PNG


@dataclass(frozen=True)
class LocationSpec:
    slug: str
    organisation: str
    names: Mapping[str, str]
    descriptions: Mapping[str, str]
    country: str
    region: str
    permits_needed: str
    photos: tuple[PhotoSpec, ...]


@dataclass(frozen=True)
class SpecialistSpec:
    slug: str
    organisation: str
    names: Mapping[str, str]
    bios: Mapping[str, str]
    country: str
    skills: tuple[CreativeRole, ...]
    languages: tuple[str, ...]
    person: str = ""  # English name of a catalogue person of the demo
    available_months: tuple[int, int] | None = None  # months of the year after the demo is loaded


@dataclass(frozen=True)
class BookingSpec:
    studio: str  # slug
    stage: str  # name, or "" for the whole studio
    requester: str
    project: str  # ProjectSpec.key
    starts: tuple[int, int]
    ends: tuple[int, int]
    message: str


@dataclass(frozen=True)
class InvitationSpec:
    project: str
    specialist: str  # slug
    role: CreativeRole
    starts: tuple[int, int]
    ends: tuple[int, int]
    message: str


D = Decimal

STUDIOS: tuple[StudioSpec, ...] = (
    StudioSpec(
        "belarusfilm-minsk",
        "belarusfilm",
        _names(
            "Belarusfilm studio and animation studio, Minsk",
            "استودیو و استودیوی انیمیشن بلاروس‌فیلم، مینسک",
            "استوديو بيلاروس فيلم واستوديو الرسوم المتحركة، مينسك",
            "Киностудия «Беларусьфильм» и студия анимации, Минск",
            "Кінастудыя «Беларусьфільм» і студыя анімацыі, Мінск",
        ),
        {
            "en": "Sound stages, the animation studio (drawn and computer animation), sound recording and "
            "dubbing, and post-production. Stage sizes are demo values.",
            "ru": "Павильоны, студия анимации (рисованная и компьютерная), тонстудия и дубляж, "
            "постпродакшн. Размеры павильонов — демонстрационные.",
        },
        "BY",
        "Minsk",
        "Minsk",
        (
            Capability.STAGES,
            Capability.ANIMATION_STUDIO,
            Capability.SOUND,
            Capability.DUBBING,
            Capability.POST_PRODUCTION,
        ),
        "Animation: 30 drawing stations with pen displays, a rostrum camera; sound: a mixing stage for 5.1.",
        (
            StageSpec("Павильон 1", D(40), D(24), D(12), "Cyclorama, green screen"),
            StageSpec("Павильон 2", D(30), D(18), D(10)),
            StageSpec("Стоп-моушен", D(10), D(8), D(5), "Stop-motion tables, blackout"),
        ),
        closures=(ClosureSpec((8, 1), (8, 21), "Maintenance of the stages"),),
    ),
    StudioSpec(
        "kanoon-animation-tehran",
        "kanoon",
        _names(
            "Kanoon animation studio, Tehran",
            "استودیوی انیمیشن کانون پرورش فکری، تهران",
            "استوديو الرسوم المتحركة في كانون، طهران",
            "Студия анимации «Канун», Тегеран",
            "Студыя анімацыі «Канун», Тэгеран",
        ),
        {
            "en": "Hand-drawn, cut-out and stop-motion animation for children, with a recording room for "
            "voices. Stage sizes are demo values.",
            "fa": "انیمیشن دستی، کات‌اوت و استاپ‌موشن برای کودکان، با اتاق ضبط صدا.",
        },
        "IR",
        "Tehran",
        "Tehran",
        (Capability.ANIMATION_STUDIO, Capability.SOUND, Capability.SCREENWRITING),
        "Drawing stations, stop-motion rigs, a voice recording room.",
        (StageSpec("Stop-motion stage", D(12), D(8), D("4.5"), "Stop-motion tables, motion control"),),
    ),
)

LOCATIONS: tuple[LocationSpec, ...] = (
    LocationSpec(
        "belovezhskaya-pushcha",
        "belarusfilm",
        _names(
            "Belovezhskaya Pushcha",
            "جنگل بلاوژسکایا پوشچا",
            "غابة بيلوفيجسكايا بوشتشا",
            "Беловежская пуща",
            "Белавежская пушча",
        ),
        {
            "en": "The old-growth forest on the Polish border, home of the European bison.",
            "ru": "Древний лес на границе с Польшей, где живут зубры.",
        },
        "BY",
        "Brest Region",
        "Permission of the national park's administration; no filming in the strictly protected zone.",
        (
            PhotoSpec("Forest in winter", ((196, 214, 230), (235, 240, 244), (38, 70, 45))),
            PhotoSpec("Bison meadow", ((150, 190, 225), (120, 150, 70), (90, 60, 40)), "PNG"),
        ),
    ),
    LocationSpec(
        "mir-castle",
        "belarusfilm",
        _names("Mir Castle", "قلعه میر", "قلعة مير", "Мирский замок", "Мірскі замак"),
        {"en": "A sixteenth-century castle, a UNESCO World Heritage site."},
        "BY",
        "Grodno Region",
        "Permission of the museum complex; night shoots by arrangement.",
        (PhotoSpec("The castle from the pond", ((170, 200, 235), (70, 110, 150), (160, 70, 50))),),
    ),
    LocationSpec(
        "masuleh",
        "kanoon",
        _names("Masuleh", "ماسوله", "ماسوله", "Масуле", "Масуле"),
        {
            "en": "A terraced mountain village where the roofs are the streets.",
            "fa": "روستایی پلکانی در کوهستان که بام خانه‌ها کوچهٔ خانه‌های بالاتر است.",
        },
        "IR",
        "Gilan",
        "Permit of the Cultural Heritage organisation of Gilan; the residents' consent for rooftops.",
        (PhotoSpec("Roofs in the mist", ((205, 210, 215), (60, 110, 60), (190, 160, 110))),),
    ),
    LocationSpec(
        "ghazali-cinema-town",
        "kanoon",
        _names(
            "Ghazali Cinema Town",
            "شهرک سینمایی غزالی",
            "مدينة غزالي السينمائية",
            "Киногородок Газали",
            "Кінагарадок Газалі",
        ),
        {"en": "Standing sets of old Tehran streets and bazaars, west of the city."},
        "IR",
        "Tehran",
        "Booking with the Cinema Town's management; a filming permit of the Cinema Organization.",
        (PhotoSpec("Old Tehran street", ((180, 205, 230), (200, 170, 120), (120, 80, 50)), "PNG"),),
    ),
)

SPECIALISTS: tuple[SpecialistSpec, ...] = (
    SpecialistSpec(
        "mahmoud-kalari",
        "farabi",
        {"en": "Mahmoud Kalari", "fa": "محمود کلاری", "ru": "Махмуд Калари", "be": "Махмуд Калары"},
        {"en": "Director of photography of A Separation."},
        "IR",
        (CreativeRole.DIRECTOR_OF_PHOTOGRAPHY,),
        ("fa", "en"),
        person="Mahmoud Kalari",
        available_months=(3, 9),
    ),
    SpecialistSpec(
        "maryam-sadeghi",
        "kanoon",
        {"en": "Maryam Sadeghi (fictional)", "fa": "مریم صادقی (خیالی)", "ru": "Марьям Садеги (вымышл.)"},
        {"en": "Animation director and character designer (a fictional person of the demo)."},
        "IR",
        (CreativeRole.ANIMATION_DIRECTOR, CreativeRole.CHARACTER_DESIGNER, CreativeRole.STORYBOARD),
        ("fa", "en"),
        available_months=(1, 12),
    ),
    SpecialistSpec(
        "elena-borzova",
        "belarusfilm",
        {"en": "Elena Borzova", "ru": "Елена Борзова", "be": "Алена Борзава", "fa": "یلنا بورزوا"},
        {"en": "Actress (People on the Swamp); voice roles in Russian and Belarusian."},
        "BY",
        (CreativeRole.VOICE_1, CreativeRole.LEAD_1),
        ("ru", "be"),
        person="Elena Borzova",
        available_months=(2, 6),
    ),
    SpecialistSpec(
        "andrei-zhuk",
        "belarusian-state-academy-of-arts",
        {"en": "Andrei Zhuk (fictional)", "ru": "Андрей Жук (вымышл.)", "be": "Андрэй Жук (выдуманы)"},
        {
            "en": "Animator who teaches animation at the Belarusian State Academy of Arts (a fictional "
            "person of the demo)."
        },
        "BY",
        (CreativeRole.LEAD_ANIMATOR, CreativeRole.ANIMATION_DIRECTOR, CreativeRole.LAYOUT),
        ("ru", "be", "en"),
        available_months=(1, 12),
    ),
)

BOOKINGS: tuple[BookingSpec, ...] = (
    BookingSpec(
        "belarusfilm-minsk",
        "Стоп-моушен",
        "kanoon",
        WHITE_STORK.key,
        (3, 2),
        (3, 20),
        "The stop-motion scenes of the storks' flight, with two of our animators.",
    ),
)

INVITATIONS: tuple[InvitationSpec, ...] = (
    InvitationSpec(
        WHITE_STORK.key,
        "andrei-zhuk",
        CreativeRole.LAYOUT,
        (2, 1),
        (6, 30),
        "We would like you to lay out the storks' flight with our animators in Tehran, February to June.",
    ),
)


def logins_needed() -> set[str]:
    """The demo logins the co-production demo acts as."""
    return set(LOGIN_OF.values())


# --- loading ----------------------------------------------------------------------------------------------


@dataclass
class Loaded:
    """What coproduction_load made, by kind (the loader's report counts them)."""

    created: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, n: int = 1) -> None:
        self.created[what] = self.created.get(what, 0) + n


def _today() -> date:
    return timezone.localdate()


def _next_year_day(month_day: tuple[int, int]) -> date:
    month, day = month_day
    return date(_today().year + 1, month, day)


def photo_bytes(spec: PhotoSpec, *, seed: int, size: tuple[int, int] = (480, 320)) -> bytes:
    """A small landscape drawn for the demo: sky, hills and a few shapes, the same for the same seed."""
    sky, land, detail = spec.palette
    width, height = size
    image = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    rng = random.Random(seed)  # noqa: S311 - shapes of a demo picture, not security
    horizon = int(height * 0.6)
    points = [(0, height), (0, horizon)]
    for x in range(0, width + 1, width // 8):
        points.append((x, horizon + rng.randint(-30, 20)))
    points += [(width, height)]
    draw.polygon(points, fill=land)
    for _ in range(7):
        x, y = rng.randint(0, width - 40), rng.randint(horizon - 40, height - 40)
        w, h = rng.randint(12, 40), rng.randint(20, 70)
        draw.rectangle((x, y - h, x + w, y), fill=detail)
    draw.ellipse((width - 90, 20, width - 40, 70), fill=(250, 240, 200))
    buffer = io.BytesIO()
    image.save(buffer, format=spec.image_format, **({"quality": 80} if spec.image_format == "JPEG" else {}))
    return buffer.getvalue()


def coproduction_load(
    *,
    organisations: Mapping[str, Organisation],
    users: Mapping[str, User],
    people: Mapping[str, Person],
    films: Mapping[str, Film],
) -> Loaded:
    """Make what is missing of the co-production demo through the services; a second call adds nothing.

    Each part is found by its address (the rule set's slug, a project's English title, a studio's,
    location's or specialist's slug, an organisation's profile) and left alone when it is there.
    """
    loaded = Loaded()
    if _rule_set(organisations, users):
        loaded.add("rule sets")
    projects: dict[str, Project] = {}
    for spec in PROJECTS:
        project, created = _project(spec, organisations, users, people)
        projects[spec.key] = project
        if created:
            loaded.add("co-production projects")
    for profile in PROFILES:
        if _profile(profile, organisations, users, films):
            loaded.add("company profiles")
    _directory(organisations, users, people, projects, loaded)
    for meeting in MEETINGS:
        if _meeting(meeting, organisations, users, projects):
            loaded.add("meeting requests")
    return loaded


# --- the rule set -------------------------------------------------------------------------------------------


def _rule_set(organisations: Mapping[str, Organisation], users: Mapping[str, User]) -> bool:
    if RuleSet.objects.filter(slug=RULE_SET_SLUG).exists():
        return False
    editors = [organisations[slug] for slug in RULE_SET_EDITORS]
    rule_set = ruleset_services.rule_set_create_from(
        actor=users[LOGIN_OF[RULE_SET_EDITORS[0]]],
        slug=RULE_SET_SLUG,
        template=RULE_SET_TEMPLATE,
        editors=editors,
    )
    # The Ministry's edit: the programme's note on where it stands (the revision shows both bodies).
    document: dict[str, Any] = dict(rule_set.document)
    source = dict(document.get("source", {}))
    source["note"] = (
        "Programme rules agreed by the Cinema Organization of Iran and the Ministry of Culture of the "
        "Republic of Belarus under the 2025 memorandum on cinema (demo edition)."
    )
    document["source"] = source
    ruleset_services.rule_set_update(
        actor=users[LOGIN_OF[RULE_SET_EDITORS[1]]],
        rule_set=rule_set,
        document=document,
        expected_version=rule_set.version,
        note="Added the programme's note on its source.",
    )
    return True


# --- projects ---------------------------------------------------------------------------------------------


def _find_project(spec: ProjectSpec) -> Project | None:
    return Project.objects.filter(lead__slug=spec.lead, titles__en=spec.titles["en"]).first()


def _project(
    spec: ProjectSpec,
    organisations: Mapping[str, Organisation],
    users: Mapping[str, User],
    people: Mapping[str, Person],
) -> tuple[Project, bool]:
    existing = _find_project(spec)
    if existing is not None:
        return existing, False
    lead_user = users[LOGIN_OF[spec.lead]]
    project = project_services.project_create(
        actor=lead_user,
        lead=organisations[spec.lead],
        titles=dict(spec.titles),
        loglines=dict(spec.loglines),
        synopses=dict(spec.synopses),
        kind=spec.kind,
        audience=spec.audience,
        stage=spec.stage,
        target_runtime_minutes=spec.runtime_minutes,
        languages=list(spec.languages),
        budget=spec.budget,
        currency=spec.currency,
        shooting_countries=list(spec.shooting_countries),
        post_countries=list(spec.post_countries),
        animation_countries=list(spec.animation_countries),
        start_year=_today().year + spec.start_year_after,
        seeking_partners=spec.seeking_partners,
    )
    today = _today()
    for position, coproducer_spec in enumerate(spec.coproducers):
        organisation = organisations[coproducer_spec.organisation]
        actor = users[LOGIN_OF[coproducer_spec.organisation]]
        if position == 0:
            coproducer = project.coproducers.get(organisation=organisation)
        else:
            coproducer = project_services.coproducer_add(
                actor=lead_user, project=project, organisation=organisation
            )
        for source in coproducer_spec.financing:
            project_services.financing_source_add(
                actor=actor,
                coproducer=coproducer,
                kind=source.kind,
                name=source.name,
                amount=source.amount,
                is_confirmed=source.confirmed,
                letter_date=None
                if source.letter_days_ago is None
                else today - timedelta(days=source.letter_days_ago),
            )
        for item in coproducer_spec.in_kind:
            project_services.contribution_add(
                actor=actor,
                coproducer=coproducer,
                kind=ContributionKind.IN_KIND,
                category=item.category,
                description=item.description,
                value=item.value,
            )
        for text in coproducer_spec.artistic:
            project_services.contribution_add(
                actor=actor,
                coproducer=coproducer,
                kind=ContributionKind.ARTISTIC,
                category="",
                description=text,
                value=Decimal(0),
            )
    for creative in spec.creatives:
        project_services.creative_add(
            actor=lead_user,
            project=project,
            role=creative.role,
            name=creative.name,
            nationality=creative.nationality,
            person=people.get(creative.person) if creative.person else None,
            days_worked=creative.days_worked,
        )
    project.refresh_from_db()
    _needs(spec, project, lead_user)
    return project, True


def _needs(spec: ProjectSpec, project: Project, actor: User) -> None:
    for need in spec.needs:
        matchmaking_services.partner_need_add(
            actor=actor,
            project=project,
            country=need.country,
            capabilities=list(need.capabilities),
            contribution_min=need.contribution_min,
            contribution_max=need.contribution_max,
            note=need.note,
        )


# --- matchmaking ------------------------------------------------------------------------------------------


def _profile(
    spec: ProfileSpec,
    organisations: Mapping[str, Organisation],
    users: Mapping[str, User],
    films: Mapping[str, Film],
) -> bool:
    organisation = organisations[spec.organisation]
    if CompanyProfile.objects.filter(organisation=organisation).exists():
        return False
    matchmaking_services.profile_set(
        actor=users[LOGIN_OF[spec.organisation]],
        organisation=organisation,
        capabilities=list(spec.capabilities),
        audiences=list(spec.audiences),
        languages=list(spec.languages),
        contribution_min=spec.contribution_min,
        contribution_max=spec.contribution_max,
        currency=spec.currency,
        descriptions=dict(spec.descriptions),
        past_coproductions=[films[title] for title in spec.past_coproductions if title in films],
        is_open=True,
    )
    return True


def _meeting(
    spec: MeetingSpec,
    organisations: Mapping[str, Organisation],
    users: Mapping[str, User],
    projects: Mapping[str, Project],
) -> bool:
    """Ask for the meeting unless the same request is there (whatever its answer)."""
    from_organisation, to_organisation = (
        organisations[spec.from_organisation],
        organisations[spec.to_organisation],
    )
    project = projects[spec.project]
    if MeetingRequest.objects.filter(
        from_organisation=from_organisation, to_organisation=to_organisation, project=project
    ).exists():
        return False
    proposed = timezone.now().replace(hour=8, minute=0, second=0, microsecond=0) + timedelta(
        days=spec.days_ahead
    )
    matchmaking_services.meeting_request(
        actor=users[LOGIN_OF[spec.from_organisation]],
        from_organisation=from_organisation,
        to_organisation=to_organisation,
        project=project,
        message=spec.message,
        proposed_at=proposed,
    )
    return True


# --- the directory ------------------------------------------------------------------------------------------


def _directory(
    organisations: Mapping[str, Organisation],
    users: Mapping[str, User],
    people: Mapping[str, Person],
    projects: Mapping[str, Project],
    loaded: Loaded,
) -> None:
    """Studios, locations and specialists (each unless its address is taken), then the booking request
    and the invitation (each unless the same request of the same party is there, whatever its answer)."""
    studios: dict[str, Studio] = {}
    for studio_spec in STUDIOS:
        found = Studio.objects.filter(slug=studio_spec.slug).first()
        studios[studio_spec.slug] = found or _studio(studio_spec, organisations, users)
        if found is None:
            loaded.add("studios")
    for location_spec in LOCATIONS:
        if not Location.objects.filter(slug=location_spec.slug).exists():
            _location(location_spec, organisations, users)
            loaded.add("locations")
    specialists: dict[str, Specialist] = {}
    for specialist_spec in SPECIALISTS:
        found_specialist = Specialist.objects.filter(slug=specialist_spec.slug).first()
        specialists[specialist_spec.slug] = found_specialist or _specialist(
            specialist_spec, organisations, users, people
        )
        if found_specialist is None:
            loaded.add("specialists")
    for booking in BOOKINGS:
        studio = studios[booking.studio]
        requester = organisations[booking.requester]
        if Booking.objects.filter(
            studio=studio, requester=requester, project=projects[booking.project]
        ).exists():
            continue
        directory_services.booking_request(
            actor=users[LOGIN_OF[booking.requester]],
            requester=requester,
            studio=studio,
            stage=studio.stages.get(name=booking.stage) if booking.stage else None,
            project=projects[booking.project],
            starts_on=_next_year_day(booking.starts),
            ends_on=_next_year_day(booking.ends),
            message=booking.message,
        )
        loaded.add("booking requests")
    for invitation in INVITATIONS:
        project = projects[invitation.project]
        specialist = specialists[invitation.specialist]
        if Invitation.objects.filter(project=project, specialist=specialist).exists():
            continue
        directory_services.invitation_create(
            actor=users[LOGIN_OF[project.lead.slug]],
            project=project,
            specialist=specialist,
            role=invitation.role,
            starts_on=_next_year_day(invitation.starts),
            ends_on=_next_year_day(invitation.ends),
            message=invitation.message,
        )
        loaded.add("invitations")


def _studio(spec: StudioSpec, organisations: Mapping[str, Organisation], users: Mapping[str, User]) -> Studio:
    actor = users[LOGIN_OF[spec.organisation]]
    studio: Studio = directory_services.studio_create(
        actor=actor,
        organisation=organisations[spec.organisation],
        slug=spec.slug,
        data=directory_services.StudioData(
            names=dict(spec.names),
            country=spec.country,
            city=spec.city,
            region=spec.region,
            descriptions=dict(spec.descriptions),
            capabilities=list(spec.capabilities),
            equipment=spec.equipment,
        ),
    )
    for stage in spec.stages:
        directory_services.stage_add(
            actor=actor,
            studio=studio,
            name=stage.name,
            width_m=stage.width_m,
            length_m=stage.length_m,
            height_m=stage.height_m,
            features=stage.features,
        )
    for closure in spec.closures:
        directory_services.closure_add(
            actor=actor,
            studio=studio,
            starts_on=_next_year_day(closure.starts),
            ends_on=_next_year_day(closure.ends),
            reason=closure.reason,
        )
    return studio


def _location(
    spec: LocationSpec, organisations: Mapping[str, Organisation], users: Mapping[str, User]
) -> Location:
    actor = users[LOGIN_OF[spec.organisation]]
    location: Location = directory_services.location_create(
        actor=actor,
        organisation=organisations[spec.organisation],
        slug=spec.slug,
        data=directory_services.LocationData(
            names=dict(spec.names),
            country=spec.country,
            region=spec.region,
            descriptions=dict(spec.descriptions),
            permits_needed=spec.permits_needed,
        ),
    )
    for number, photo in enumerate(spec.photos):
        extension = "png" if photo.image_format == "PNG" else "jpg"
        upload = SimpleUploadedFile(
            f"{spec.slug}-{number + 1}.{extension}",
            photo_bytes(photo, seed=sum(map(ord, spec.slug)) + number),
            content_type=f"image/{'png' if extension == 'png' else 'jpeg'}",
        )
        directory_services.location_photo_add(
            actor=actor, location=location, image=upload, caption=photo.caption
        )
    return location


def _specialist(
    spec: SpecialistSpec,
    organisations: Mapping[str, Organisation],
    users: Mapping[str, User],
    people: Mapping[str, Person],
) -> Specialist:
    available_from = available_until = None
    if spec.available_months is not None:
        first, last = spec.available_months
        year = _today().year + 1
        available_from = date(year, first, 1)
        available_until = (date(year + (last == 12), last % 12 + 1, 1)) - timedelta(days=1)
    specialist: Specialist = directory_services.specialist_create(
        actor=users[LOGIN_OF[spec.organisation]],
        organisation=organisations[spec.organisation],
        slug=spec.slug,
        data=directory_services.SpecialistData(
            names=dict(spec.names),
            country=spec.country,
            bios=dict(spec.bios),
            skills=list(spec.skills),
            languages=list(spec.languages),
            available_from=available_from,
            available_until=available_until,
            person=people.get(spec.person) if spec.person else None,
        ),
    )
    return specialist
