import pytest
from hypothesis import given
from hypothesis import strategies as st

from cinebridge.catalogue.engine.identifiers import (
    IdentifierError,
    eidr_check_character,
    format_eidr,
    mod37_36_check_character,
    parse_eidr,
    parse_imdb_id,
    parse_isan,
)

HEX = "0123456789ABCDEF"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

# Title and edit EIDRs published by EIDR and schema.org: Ghostbusters, its edits, The Hitchhiker's Guide
# to the Galaxy and others; every one must validate.
REAL_EIDRS = [
    "10.5240/7791-8534-2C23-9030-8610-5",
    "10.5240/B752-5B47-DBBE-E5D4-5A3F-N",
    "10.5240/7EC7-228A-510A-053E-CBB8-J",
    "10.5240/1F2A-E1C5-680A-14C6-E76B-I",
    "10.5240/0196-4177-FF62-A346-D0F6-Z",
    "10.5240/DF48-AB62-4486-C185-9E1B-4",
]

hex20 = st.text(alphabet=HEX, min_size=20, max_size=20)


@pytest.mark.parametrize("eidr", REAL_EIDRS)
def test_published_eidrs_validate(eidr):
    assert parse_eidr(eidr) == eidr


def test_an_eidr_whose_check_character_was_mistyped_names_the_right_one():
    # Handed to us as real but it fails Mod 37,36 while the ones above pass; L is what its digits give.
    with pytest.raises(IdentifierError) as excinfo:
        parse_eidr("10.5240/EA73-8BC0-7EB2-DC8B-2E73-H")
    assert excinfo.value.code == "eidr_check"
    assert excinfo.value.params["expected"] == "L"
    assert excinfo.value.params["found"] == "H"


def test_eidr_check_character_of_known_digits():
    assert eidr_check_character("779185342C2390308610") == "5"
    assert eidr_check_character("b7525b47dbbee5d45a3f") == "N"


@pytest.mark.parametrize(
    "typed",
    [
        "7791-8534-2C23-9030-8610-5",
        "  10.5240/7791-8534-2c23-9030-8610-5 ",
        "10.5240/779185342C2390308610-5",
        "doi:10.5240/7791-8534-2C23-9030-8610-5",
        "https://doi.org/10.5240/7791-8534-2C23-9030-8610-5",
        "10.5240/7791 8534 2C23 9030 8610 5",
        "10.5240/7791\u20118534\u20112C23\u20119030\u20118610\u20115",
    ],
)
def test_eidr_is_normalised_to_its_canonical_form(typed):
    assert parse_eidr(typed) == "10.5240/7791-8534-2C23-9030-8610-5"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "10.5240/7791-8534-2C23-9030-8610",
        "10.5240/7791-8534-2C23-9030-8610-55",
        "10.5240/7791-8534-2C23-9030-861G-5",
        "10.5237/7791-8534-2C23-9030-8610-5",
        "10.5240/7791-8534-2C23-9030-8610-*",
    ],
)
def test_malformed_eidr_is_a_format_error(typed):
    with pytest.raises(IdentifierError) as excinfo:
        parse_eidr(typed)
    assert excinfo.value.code == "eidr_format"
    assert excinfo.value.params["value"] == typed


def test_eidr_check_character_rejects_non_hex_input():
    with pytest.raises(IdentifierError) as excinfo:
        eidr_check_character("XYZ")
    assert excinfo.value.code == "eidr_format"


@given(hex20)
def test_any_digits_with_their_check_character_validate(digits):
    canonical = format_eidr(digits)
    assert parse_eidr(canonical) == canonical
    assert canonical.endswith("-" + eidr_check_character(digits))


@given(hex20, st.integers(min_value=0, max_value=20), st.data())
def test_every_single_character_change_is_detected(digits, position, data):
    body = digits + eidr_check_character(digits)
    alphabet = HEX if position < 20 else ALPHABET
    replacement = data.draw(st.sampled_from([c for c in alphabet if c != body[position]]))
    changed = body[:position] + replacement + body[position + 1 :]
    with pytest.raises(IdentifierError) as excinfo:
        parse_eidr(changed)
    assert excinfo.value.code == "eidr_check"


def _iso7064_hybrid_verifies(s: str) -> bool:
    """ISO 7064's verification rule for Mod 37,36: after the check character, the running sum is 1."""
    product = 36
    total = 0
    for ch in s:
        total = (product + ALPHABET.index(ch)) % 36 or 36
        product = total * 2 % 37
    return total == 1


@given(st.text(alphabet=ALPHABET, min_size=1, max_size=40))
def test_check_character_satisfies_the_iso7064_verification_rule(s):
    check = mod37_36_check_character(s)
    assert _iso7064_hybrid_verifies(s + check)
    assert [c for c in ALPHABET if _iso7064_hybrid_verifies(s + c)] == [check]


# ISANs printed in ISAN's own documentation and in python-stdnum's tests.
REAL_ISANS = [
    "ISAN 0000-0001-8CFA-0000-I-0000-0000-K",
    "ISAN 0000-0000-D07A-0090-Q-0000-0000-X",
    "ISAN 1881-66C7-3420-6541-Y-9F3A-0245-O",
    "ISAN 0000-0000-D07A-0090-Q",
]


@pytest.mark.parametrize("isan", REAL_ISANS)
def test_published_isans_validate(isan):
    assert parse_isan(isan) == isan


@pytest.mark.parametrize(
    "typed",
    [
        "0000-0001-8CFA-0000-I-0000-0000-K",
        "isan 0000-0001-8cfa-0000-i-0000-0000-k",
        "URN:ISAN:0000-0001-8CFA-0000-I-0000-0000-K",
        "ISAN: 000000018CFA0000I00000000K",
    ],
)
def test_isan_is_normalised_to_its_canonical_form(typed):
    assert parse_isan(typed) == "ISAN 0000-0001-8CFA-0000-I-0000-0000-K"


def test_isan_first_check_character_error_names_the_expected_one():
    with pytest.raises(IdentifierError) as excinfo:
        parse_isan("ISAN 0000-0001-8CFA-0000-A-0000-0000-K")
    assert excinfo.value.code == "isan_check"
    assert excinfo.value.params == {
        "value": "ISAN 0000-0001-8CFA-0000-A-0000-0000-K",
        "expected": "I",
        "found": "A",
        "position": 1,
    }


def test_isan_version_check_character_is_verified_too():
    with pytest.raises(IdentifierError) as excinfo:
        parse_isan("ISAN 1881-66C7-3420-6541-Y-9F3A-0245-P")
    assert excinfo.value.code == "isan_check"
    assert excinfo.value.params["expected"] == "O"
    assert excinfo.value.params["position"] == 2


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "ISAN 0000-0001-8CFA-0000",
        "ISAN 0000-0001-8CFA-0000-0000-0000",
        "ISAN 0000-0001-8CFG-0000-I",
        "ISAN 0000-0001-8CFA-0000-*",
        "ISAN 0000-0001-8CFA-0000-I-0000-0000",
    ],
)
def test_malformed_isan_is_a_format_error(typed):
    with pytest.raises(IdentifierError) as excinfo:
        parse_isan(typed)
    assert excinfo.value.code == "isan_format"


@given(st.text(alphabet=HEX, min_size=16, max_size=16), st.text(alphabet=HEX, min_size=8, max_size=8))
def test_isan_built_with_the_algorithm_validates(work, version):
    check1 = mod37_36_check_character(work)
    check2 = mod37_36_check_character(work + version)
    assert parse_isan(work + check1 + version + check2).replace("-", "") == (
        f"ISAN {work}{check1}{version}{check2}"
    )


@pytest.mark.parametrize(
    "typed",
    [
        "tt0118849",
        "TT0118849",
        " tt0118849 ",
        "https://www.imdb.com/title/tt0118849/",
        "http://imdb.com/title/tt0118849",
        "https://m.imdb.com/title/tt0118849/?ref_=fn_al_tt_1",
        "www.imdb.com/title/tt0118849/fullcredits",
        "https://www.imdb.com/fr/title/tt0118849/",
    ],
)
def test_imdb_id_is_taken_from_the_id_or_its_page(typed):
    assert parse_imdb_id(typed) == "tt0118849"


def test_eight_digit_imdb_ids_are_accepted():
    assert parse_imdb_id("https://www.imdb.com/title/tt10872600/") == "tt10872600"


@pytest.mark.parametrize(
    "typed",
    ["", "0118849", "tt011884", "tt011884900", "nm0000001", "https://www.imdb.com/name/nm0000001/",
     "https://example.com/title/tt0118849/", "tt0118849x"],
)  # fmt: skip
def test_malformed_imdb_id_is_a_format_error(typed):
    with pytest.raises(IdentifierError) as excinfo:
        parse_imdb_id(typed)
    assert excinfo.value.code == "imdb_format"
    assert excinfo.value.params == {"value": typed}
