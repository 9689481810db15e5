"""The territory and media vocabularies: shipped data, expressions, dated memberships, EMA mapping."""

import copy
import json
import re
from datetime import date, timedelta

import pytest
from babel import Locale
from hypothesis import given, settings
from hypothesis import strategies as st

from cinebridge.rights.engine.vocabulary import (
    DATA_DIR,
    LANGUAGES,
    Expression,
    ExpressionError,
    MediaVocabulary,
    TerritoryVocabulary,
    Vocabularies,
    VocabularyDataError,
    load_vocabularies,
    parse_expression,
)
from conftest import shared_data_file

TODAY = date(2026, 6, 1)
VOCABULARIES = load_vocabularies()
TERRITORIES = VOCABULARIES.territories
MEDIA = VOCABULARIES.media
COUNTRIES = sorted(TERRITORIES.countries())
GROUPS = [group.code for group in TERRITORIES.groups()]
LEAVES = sorted(MEDIA.leaves())

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def raw(name):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def at(text):
    return date.fromisoformat(text)


# --- the shipped data --------------------------------------------------------------------------------


def test_both_files_carry_a_version_and_grants_record_both():
    assert raw("territories.json")["version"] == TERRITORIES.version
    assert raw("media.json")["version"] == MEDIA.version
    assert VOCABULARIES.version == f"{TERRITORIES.version}/{MEDIA.version}"
    assert len(VOCABULARIES.version) <= 40  # Grant.vocabulary_version's column


def test_every_country_is_an_iso_code_babel_names():
    english = Locale.parse("en").territories
    assert len(COUNTRIES) >= 249
    for code in COUNTRIES:
        assert re.fullmatch(r"[A-Z]{2}", code)
        assert code in english, code
    assert {"IR", "BY", "RU", "US", "GB", "XK", "TW", "PS", "AQ"} <= set(COUNTRIES)
    assert not {"EU", "UN", "EA", "IC", "AC", "QO", "ZZ"} & set(COUNTRIES)


def test_numeric_ids_are_the_iso_numbers_unique_and_reversible():
    ids = [TERRITORIES.numeric_id(code) for code in COUNTRIES]
    assert len(set(ids)) == len(ids)
    assert all(TERRITORIES.alpha2(TERRITORIES.numeric_id(code)) == code for code in COUNTRIES)
    # Stored in every grant's territory_keys: these never change.
    assert {code: TERRITORIES.numeric_id(code) for code in ("IR", "BY", "RU", "US", "GB", "DE", "TW")} == {
        "IR": 364,
        "BY": 112,
        "RU": 643,
        "US": 840,
        "GB": 826,
        "DE": 276,
        "TW": 158,
    }


def test_kosovo_has_a_user_assigned_number_and_says_so():
    assert TERRITORIES.numeric_id("XK") == 983
    entry = next(entry for entry in raw("territories.json")["countries"] if entry["code"] == "XK")
    assert "user-assigned" in entry["note"]


def test_world_holds_every_country_at_any_date():
    for day in (at("1960-01-01"), at("2000-01-01"), TODAY):
        assert TERRITORIES.members("WORLD", day) == TERRITORIES.countries()


def test_every_country_sits_in_exactly_one_lowest_m49_region_except_antarctica():
    m49 = [group for group in TERRITORIES.groups() if group.kind.startswith("m49")]
    lowest = [group for group in m49 if all(len(member.code) == 2 for member in group.members)]
    seen: dict[str, str] = {}
    for group in lowest:
        for member in group.members:
            assert member.code not in seen, f"{member.code} in {seen.get(member.code)} and {group.code}"
            seen[member.code] = group.code
    assert set(COUNTRIES) - set(seen) == {"AQ"}
    assert seen["IR"] == "SOUTHERN_ASIA"
    assert seen["BY"] == "EASTERN_EUROPE"
    assert seen["TR"] == "WESTERN_ASIA"


def test_the_named_groups_of_the_issue_exist_with_their_kinds():
    kinds = {group.code: group.kind for group in TERRITORIES.groups()}
    for code in ("WORLD", "AFRICA", "AMERICAS", "ASIA", "EUROPE", "OCEANIA"):
        assert kinds[code] == "m49 region"
    for code in ("WESTERN_ASIA", "EASTERN_EUROPE", "SOUTHERN_ASIA", "CENTRAL_ASIA", "SUB_SAHARAN_AFRICA"):
        assert kinds[code] == "m49 subregion"
    for code in ("EU", "CIS", "EAEU", "GCC", "MENA", "UNION_STATE", "ECO", "SCO", "BRICS", "ASEAN"):
        assert code in kinds
    for code in ("NORDIC", "BALTIC", "BENELUX", "DACH"):
        assert code in kinds
    assert kinds["MENA"] == "conventional"


@pytest.mark.parametrize("code", GROUPS)
def test_every_group_resolves_and_is_named_in_the_five_languages(code):
    group = TERRITORIES.group(code)
    assert TERRITORIES.members(code, TODAY), f"{code} is empty today"
    assert set(LANGUAGES) <= set(group.names)
    assert ARABIC_SCRIPT.search(group.names["fa"])
    assert ARABIC_SCRIPT.search(group.names["ar"])
    assert CYRILLIC.search(group.names["ru"])
    assert CYRILLIC.search(group.names["be"])
    assert not CYRILLIC.search(group.names["en"])
    assert not ARABIC_SCRIPT.search(group.names["en"])


def test_membership_dates_are_ordered_and_members_known():
    for group in TERRITORIES.groups():
        for member in group.members:
            assert TERRITORIES.is_known(member.code)
            if member.start and member.until:
                assert member.start < member.until, (group.code, member.code)


# --- expressions ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "World excluding US, CA",
        "World excl. US, CA",
        "world excl US and CA",
        "WORLD -US -CA",
        "WORLD − US, CA",
        "World – United States, Canada",
        "Worldwide except US, Canada",
        "WORLD excluding US excluding CA",
    ],
)
def test_the_ways_of_writing_world_excluding_us_and_canada(text):
    assert parse_expression(text) == Expression(("WORLD",), ("US", "CA"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CIS + IR", Expression(("CIS", "IR"))),
        ("CIS, IR", Expression(("CIS", "IR"))),
        ("cis+Iran", Expression(("CIS", "IR"))),
        ("EU+IR-FR", Expression(("EU", "IR"), ("FR",))),
        ("World except US", Expression(("WORLD",), ("US",))),
        ("Guinea-Bissau, Côte d’Ivoire, Cote d'Ivoire", Expression(("GW", "CI"))),
        ("Bosnia and Herzegovina + St Kitts & Nevis", Expression(("BA", "KN"))),
        ("St. Helena, Ascension & Tristan da Cunha", Expression(("SH",))),
        (
            "Europe excluding Eastern Europe and Baltic states",
            Expression(("EUROPE",), ("EASTERN_EUROPE", "BALTIC")),
        ),
        ("UK, USA", Expression(("GB", "US"))),
        ("ON_DEMAND excluding AVOD", Expression(("ON_DEMAND",), ("AVOD",))),
        ("Pay TV, SVOD", Expression(("PAY_TV", "SVOD"))),
    ],
)
def test_expressions_read_codes_and_english_names(text, expected):
    assert parse_expression(text) == expected


def test_the_canonical_text_reads_back_to_the_same_expression():
    expression = parse_expression("World excl. United States, Canada")
    assert str(expression) == "WORLD excluding US, CA"
    assert str(parse_expression("CIS, Iran")) == "CIS + IR"
    assert parse_expression(str(expression)) == expression


@given(
    include=st.lists(st.sampled_from(COUNTRIES + GROUPS), min_size=1, max_size=4, unique=True),
    exclude=st.lists(st.sampled_from(COUNTRIES + GROUPS), max_size=4, unique=True),
)
def test_any_expression_survives_its_canonical_text(include, exclude):
    expression = Expression(tuple(include), tuple(code for code in exclude if code not in include))
    assert parse_expression(str(expression)) == expression
    assert TERRITORIES.parse(str(expression)) == expression


@pytest.mark.parametrize(
    ("text", "code", "token"),
    [
        ("", "empty", ""),
        ("   ", "empty", ""),
        ("excluding US", "syntax", "excluding"),
        ("World excluding", "syntax", "excluding"),
        ("CIS +", "syntax", "+"),
        ("World excluding US + CA", "syntax", "+"),
        ("New Atlantis, US", "unknown", "New Atlantis"),
    ],
)
def test_unreadable_expressions_name_the_offending_token(text, code, token):
    with pytest.raises(ExpressionError) as caught:
        parse_expression(text)
    assert caught.value.code == code
    assert caught.value.token == token


def test_a_vocabulary_refuses_codes_of_the_other_one_when_reading():
    with pytest.raises(ExpressionError) as caught:
        TERRITORIES.parse("World excluding SVOD")
    assert (caught.value.code, caught.value.token) == ("unknown", "SVOD")
    with pytest.raises(ExpressionError):
        MEDIA.parse("IR")


# --- resolving at a date ------------------------------------------------------------------------------


def test_world_excluding_us_and_canada_is_every_other_country():
    resolved = TERRITORIES.resolve(parse_expression("World excluding US, CA"), TODAY)
    assert resolved == TERRITORIES.countries() - {"US", "CA"}


def test_cis_plus_iran_follows_the_membership_of_the_contract_date():
    expression = parse_expression("CIS + IR")
    today = TERRITORIES.resolve(expression, TODAY)
    assert {"IR", "RU", "BY", "KZ", "AM"} <= today
    assert not {"UA", "GE", "EE"} & today
    assert {"UA", "GE"} <= TERRITORIES.resolve(expression, at("2008-06-01"))
    assert "GE" not in TERRITORIES.resolve(expression, at("2009-08-18"))
    assert "UA" in TERRITORIES.resolve(expression, at("2018-05-18"))
    assert "UA" not in TERRITORIES.resolve(expression, at("2018-05-19"))


@pytest.mark.parametrize(
    ("group", "country", "last_day_out", "first_day_in", "first_day_out"),
    [
        ("EU", "GB", "1972-12-31", "1973-01-01", "2020-02-01"),
        ("EU", "HR", "2013-06-30", "2013-07-01", None),
        ("EU", "PL", "2004-04-30", "2004-05-01", None),
        ("EU", "RO", "2006-12-31", "2007-01-01", None),
        ("SCO", "IR", "2023-07-03", "2023-07-04", None),
        ("SCO", "BY", "2024-07-03", "2024-07-04", None),
        ("BRICS", "IR", "2023-12-31", "2024-01-01", None),
        ("BRICS", "ID", "2025-01-05", "2025-01-06", None),
        ("EAEU", "KG", "2015-08-11", "2015-08-12", None),
        ("CIS", "GE", "1993-12-02", "1993-12-03", "2009-08-18"),
    ],
)
def test_membership_counts_on_the_contract_date_half_open(
    group, country, last_day_out, first_day_in, first_day_out
):
    assert country not in TERRITORIES.members(group, at(last_day_out))
    assert country in TERRITORIES.members(group, at(first_day_in))
    if first_day_out:
        end = at(first_day_out)
        assert country in TERRITORIES.members(group, end - timedelta(days=1))
        assert country not in TERRITORIES.members(group, end)


def test_uk_in_the_eu_on_the_last_day_and_not_after_brexit():
    assert "GB" in TERRITORIES.members("EU", at("2019-12-31"))
    assert "GB" in TERRITORIES.members("EU", at("2020-01-31"))
    assert "GB" not in TERRITORIES.members("EU", at("2020-02-01"))
    outermost_and_aland = {"GF", "GP", "MQ", "RE", "YT", "MF", "AX"}
    assert len(TERRITORIES.members("EU", TODAY) - outermost_and_aland) == 27


def test_a_country_stands_for_itself_and_groups_nest():
    assert TERRITORIES.members("IR", TODAY) == {"IR"}
    assert TERRITORIES.members("WESTERN_ASIA", TODAY) <= TERRITORIES.members("ASIA", TODAY)
    assert TERRITORIES.members("UNION_STATE", TODAY) == {"RU", "BY"}


def test_unknown_codes_and_empty_results_are_refused_with_the_token():
    with pytest.raises(ExpressionError) as caught:
        TERRITORIES.resolve(parse_expression("CIS + ATLANTIS"), TODAY)
    assert (caught.value.code, caught.value.token) == ("unknown", "ATLANTIS")
    with pytest.raises(ExpressionError) as caught:
        TERRITORIES.resolve(parse_expression("Baltic states excluding Europe"), TODAY)
    assert caught.value.code == "empty_result"
    with pytest.raises(ExpressionError) as caught:
        TERRITORIES.resolve(parse_expression("EAEU + IR"), at("2010-01-01"))
    assert (caught.value.code, caught.value.token) == ("empty_group", "EAEU")


def test_resolve_is_memoised_for_bulk_imports():
    expression = parse_expression("World excluding US, CA")
    first = TERRITORIES.resolve(expression, at("2025-03-01"))
    assert TERRITORIES.resolve(expression, at("2025-09-30")) is first  # no membership changed between


# --- describing leaf sets -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "day", "described"),
    [
        ("World excluding US, CA", TODAY, "WORLD excluding CA, US"),
        ("EU", TODAY, "EU"),
        ("EU + IR", TODAY, "EU + IR"),
        ("Europe excluding France, Germany", TODAY, "EUROPE excluding DE, FR"),
        ("RU, BY, IR", TODAY, "BY + IR + RU"),
    ],
)
def test_describe_finds_the_short_form(expression, day, described):
    leaves = TERRITORIES.resolve(parse_expression(expression), day)
    assert str(TERRITORIES.describe(leaves, day)) == described


days = st.dates(min_value=date(1950, 1, 1), max_value=date(2035, 12, 31))


@st.composite
def territory_sets(draw):
    """Random leaf sets, often built from groups so that group-based descriptions are exercised."""
    day = draw(days)
    leaves = set(draw(st.lists(st.sampled_from(COUNTRIES), max_size=12)))
    for code in draw(st.lists(st.sampled_from(GROUPS), max_size=3)):
        leaves |= TERRITORIES.members(code, day)
    for code in draw(st.lists(st.sampled_from(COUNTRIES + GROUPS), max_size=4)):
        leaves -= TERRITORIES.members(code, day)
    leaves |= set(draw(st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=3)))
    return frozenset(leaves), day


@settings(max_examples=150, deadline=None)
@given(territory_sets())
def test_describe_then_resolve_gives_back_the_same_countries(case):
    leaves, day = case
    expression = TERRITORIES.describe(leaves, day)
    assert TERRITORIES.resolve(expression, day) == leaves
    assert parse_expression(str(expression)) == expression
    assert len(expression.include) + len(expression.exclude) <= len(leaves)


@given(st.sets(st.sampled_from(LEAVES), min_size=1))
def test_media_describe_then_resolve_gives_back_the_same_leaves(leaves):
    expression = MEDIA.describe(frozenset(leaves))
    assert MEDIA.resolve(expression) == leaves
    assert parse_expression(str(expression)) == expression


def test_describe_refuses_nothing_and_strangers():
    with pytest.raises(ExpressionError):
        TERRITORIES.describe(frozenset(), TODAY)
    with pytest.raises(ExpressionError):
        TERRITORIES.describe(frozenset({"ZZ"}), TODAY)


# --- names ----------------------------------------------------------------------------------------


def test_names_come_from_cldr_for_countries_and_the_data_for_groups():
    assert TERRITORIES.name("IR", "en") == "Iran"
    assert TERRITORIES.name("IR", "fa") == "ایران"
    assert TERRITORIES.name("BY", "be") == "Беларусь"
    assert TERRITORIES.name("EU", "ru") == "Европейский союз"
    assert TERRITORIES.name("CIS", "fa-IR") == TERRITORIES.name("CIS", "fa")
    assert TERRITORIES.name("CIS", "xx") == "Commonwealth of Independent States"
    assert MEDIA.name("SVOD", "ar").endswith("(SVOD)")
    with pytest.raises(ExpressionError):
        TERRITORIES.name("ATLANTIS", "en")


# --- media ----------------------------------------------------------------------------------------


def test_the_media_tree_has_the_branches_of_the_issue():
    def under(code):
        return MEDIA.members(code)

    assert under("ALL_MEDIA") == MEDIA.leaves()
    assert {"THEATRICAL", "FESTIVAL", "EDUCATIONAL", "CULTURAL"} <= under("CINEMATIC")
    assert {"FESTIVAL", "EDUCATIONAL", "CULTURAL"} <= under("NON_THEATRICAL")
    assert under("TELEVISION") == {"FREE_TV", "PAY_TV", "BASIC_TV", "PPV"}
    assert under("ON_DEMAND") == {"SVOD", "TVOD", "EST", "AVOD", "FAST"}
    assert {"AIRLINE", "HOTEL", "SHIP"} <= under("ANCILLARY")
    assert MEDIA.resolve(parse_expression("ON_DEMAND excluding AVOD")) == {"SVOD", "TVOD", "EST", "FAST"}


def test_nodes_come_in_tree_order_with_depth_and_parent():
    nodes = MEDIA.nodes()
    position = {node.code: index for index, node in enumerate(nodes)}
    depth = {node.code: node.depth for node in nodes}
    assert nodes[0].code == "ALL_MEDIA"
    assert nodes[0].depth == 0
    assert nodes[0].parent is None
    for node in nodes[1:]:
        assert node.parent is not None
        assert position[node.parent] < position[node.code]
        assert node.depth == depth[node.parent] + 1
        assert ARABIC_SCRIPT.search(node.names["fa"])
        assert CYRILLIC.search(node.names["be"])
        assert set(LANGUAGES) <= set(node.names)


# Stored in every grant's media_keys: a leaf keeps its id for ever, a new leaf takes a new one.
PINNED_LEAF_IDS = {
    "THEATRICAL": 1,
    "FESTIVAL": 2,
    "EDUCATIONAL": 3,
    "CULTURAL": 4,
    "FREE_TV": 7,
    "BASIC_TV": 8,
    "PAY_TV": 9,
    "PPV": 10,
    "TVOD": 11,
    "EST": 12,
    "SVOD": 13,
    "AVOD": 14,
    "FAST": 15,
    "AIRLINE": 18,
    "HOTEL": 19,
    "SHIP": 20,
}


def test_leaf_ids_are_stable_unique_and_never_reused():
    ids = {leaf: MEDIA.leaf_id(leaf) for leaf in LEAVES}
    assert {leaf: ids[leaf] for leaf in PINNED_LEAF_IDS} == PINNED_LEAF_IDS
    assert len(set(ids.values())) == len(ids)
    data = raw("media.json")
    assert not set(ids.values()) & set(data["retired_ids"])
    assert max(ids.values()) < data["next_id"]
    assert all(MEDIA.leaf_code(number) == leaf for leaf, number in ids.items())
    with pytest.raises(ExpressionError):
        MEDIA.leaf_id("ON_DEMAND")  # inner nodes are never stored


@pytest.mark.parametrize(
    ("license_type", "leaves"),
    [
        ("EST", {"EST"}),
        ("POEST", {"EST"}),
        ("VOD", {"TVOD"}),
        ("Pre-Release", {"TVOD"}),
        ("SVOD", {"SVOD"}),
        ("AVOD", {"AVOD"}),
        ("FVOD", {"AVOD"}),
        ("Library", set()),
        ("Hologram", set()),
    ],
)
def test_ema_license_types_import_as_leaves(license_type, leaves):
    assert MEDIA.leaves_for_ema(license_type) == leaves


def test_leaves_export_as_ema_license_types_where_ema_has_one():
    assert MEDIA.ema_license_type("TVOD") == "VOD"
    assert MEDIA.ema_license_type("EST") == "EST"
    assert MEDIA.ema_license_type("SVOD") == "SVOD"
    assert MEDIA.ema_license_type("THEATRICAL") is None
    for leaf in LEAVES:
        license_type = MEDIA.ema_license_type(leaf)
        if license_type:
            assert leaf in MEDIA.leaves_for_ema(license_type)


def test_the_ema_mapping_covers_the_ema_vocabulary():
    vocabulary = json.loads(shared_data_file("ema-avails/schema/vocab_avail_v2.7.json").read_text("utf-8"))
    license_types = set(vocabulary["avail"]["LicenseType"])
    assert {MEDIA.ema_license_type(leaf) for leaf in LEAVES} - {None} <= license_types
    assert {t for t in license_types if not MEDIA.leaves_for_ema(t)} == {"Library"}


# --- loading checks the data ----------------------------------------------------------------------


def broken(name, change):
    data = copy.deepcopy(raw(name))
    change(data)
    return data


def group_named(data, code):
    return next(group for group in data["groups"] if group["code"] == code)


def node_named(data, code):
    return next(node for node in data["nodes"] if node["code"] == code)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: group_named(d, "EU")["members"].append(
                {"code": "IR", "from": "2030-01-01", "until": "2020-01-01"}
            ),
            "leaves before",
        ),
        (lambda d: group_named(d, "CIS")["members"].append("ATLANTIS"), "unknown member"),
        (lambda d: group_named(d, "EUROPE")["members"].append("WORLD"), "contain each other"),
        (lambda d: group_named(d, "GCC")["names"].pop("be"), "names"),
        (lambda d: group_named(d, "GCC").update(kind="club"), "kind"),
        (lambda d: group_named(d, "GCC").update(code="IR"), "not a country"),
        (lambda d: d["countries"].append({"code": "QQ", "id": 364}), "share a numeric id"),
        (lambda d: d.pop("version"), "version"),
    ],
)
def test_inconsistent_territory_data_is_refused_on_load(change, message):
    with pytest.raises(VocabularyDataError, match=message):
        TerritoryVocabulary(broken("territories.json", change))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: node_named(d, "SVOD").update(id=11), "share an id"),
        (lambda d: d["retired_ids"].append(13), "never retired"),
        (lambda d: node_named(d, "FAST").update(id=99), "next_id"),
        (lambda d: node_named(d, "ON_DEMAND").update(id=50), "only leaves"),
        (lambda d: node_named(d, "SVOD").update(parent="NOWHERE"), "unknown parent"),
        (lambda d: d["ema_import"].update(SVOD=["ON_DEMAND"]), "not a leaf"),
    ],
)
def test_inconsistent_media_data_is_refused_on_load(change, message):
    with pytest.raises(VocabularyDataError, match=message):
        MediaVocabulary(broken("media.json", change))


def test_a_new_leaf_extends_its_group_without_touching_existing_ids():
    data = raw("media.json")
    names = {
        "en": "Catch-up TV",
        "fa": "تلویزیون بازپخش",
        "ar": "تلفزيون الاستدراك",
        "ru": "Отложенный просмотр",
        "be": "Адкладзены прагляд",
    }
    data["nodes"].append({"code": "CATCH_UP", "parent": "TELEVISION", "id": data["next_id"], "names": names})
    data["next_id"] += 1
    extended = MediaVocabulary(data)
    assert "CATCH_UP" in extended.members("TELEVISION")
    assert all(extended.leaf_id(leaf) == MEDIA.leaf_id(leaf) for leaf in LEAVES)


def test_a_name_that_would_mean_two_things_is_refused():
    territories = broken("territories.json", lambda d: d["country_aliases"].update({"Iran": "IQ"}))
    with pytest.raises(VocabularyDataError, match="names both"):
        TerritoryVocabulary(territories)
    media = broken("media.json", lambda d: node_named(d, "TELEVISION").update(aliases=["TV"]))  # Tuvalu
    with pytest.raises(VocabularyDataError, match="names both"):
        Vocabularies(TERRITORIES, MediaVocabulary(media))


def test_a_member_may_leave_and_come_back():
    data = raw("territories.json")
    data["groups"].append(
        {
            "code": "ARAB_LEAGUE",
            "kind": "political",
            "names": {
                "en": "Arab League",
                "fa": "اتحادیه عرب",
                "ar": "جامعة الدول العربية",
                "ru": "Лига арабских государств",
                "be": "Ліга арабскіх дзяржаў",
            },
            "members": [
                {"code": "EG", "from": "1945-03-22"},
                {"code": "SY", "from": "1945-03-22", "until": "2011-11-16"},
                {"code": "SY", "from": "2023-05-07"},
            ],
        }
    )
    territories = TerritoryVocabulary(data)
    assert territories.members("ARAB_LEAGUE", at("2011-11-15")) == {"EG", "SY"}
    assert territories.members("ARAB_LEAGUE", at("2015-01-01")) == {"EG"}
    assert territories.members("ARAB_LEAGUE", at("2023-05-07")) == {"EG", "SY"}
    assert territories.parse("Arab League excluding Egypt") == Expression(("ARAB_LEAGUE",), ("EG",))
