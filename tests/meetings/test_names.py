"""Every alias and spelling that records use resolves to its economy."""
import pytest

from meetings.data.reference import ECONOMIES
from meetings.names import UnknownName, normalize_name, resolve_economy, resolve_organisation

pytestmark = pytest.mark.django_db

ALL_ALIASES = [
    (alias, code)
    for code, name, name_in_text, aliases in ECONOMIES
    for alias in [name, name_in_text, code, *aliases]
]


@pytest.mark.parametrize(("alias", "code"), ALL_ALIASES)
def test_resolve_economy_every_alias(alias, code):
    assert resolve_economy(alias).code == code


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("Korea", "ROK"),
        ("the Republic of Korea", "ROK"),
        ("Russia", "RUS"),
        ("Vietnam", "VN"),
        ("People's Republic of China", "PRC"),
        ("the People’s Republic of China", "PRC"),
        ("Hong Kong, China", "HKC"),
        ("HONG KONG CHINA", "HKC"),
        ("Chinese Taipei", "CT"),
        ("the Philippines", "PHL"),
        ("the United States of America", "USA"),
        ("  korea. ", "ROK"),
        ("Viet-Nam", "VN"),
    ],
)
def test_resolve_economy_case_and_punctuation_insensitive(spelling, code):
    assert resolve_economy(spelling).code == code


@pytest.mark.parametrize("name", ["Atlantis", "Macao, China", "", "Korea North", "China Taipei Hong Kong"])
def test_resolve_economy_unknown_name_says_so(name):
    with pytest.raises(UnknownName) as raised:
        resolve_economy(name)

    assert str(raised.value) == f"Unknown economy: “{name}”."


@pytest.mark.parametrize(
    ("name", "expected"),
    [("PECC", "Pacific Economic Cooperation Council"), ("the APEC Secretariat", "APEC Secretariat"),
     ("Macao, China", "Macao, China"), ("OECD", "Organisation for Economic Co-operation and Development"),
     ("ABAC", "APEC Business Advisory Council"), ("ASEAN Secretariat", "ASEAN Secretariat"),
     ("Pacific Islands Forum", "Pacific Islands Forum Secretariat")],
)
def test_resolve_organisation_names(name, expected):
    assert resolve_organisation(name).name == expected


def test_resolve_organisation_unknown():
    with pytest.raises(UnknownName) as raised:
        resolve_organisation("World Bank")

    assert str(raised.value) == "Unknown organisation: “World Bank”."


def test_normalize_name_drops_leading_the_and_punctuation():
    assert normalize_name("The  Republic of Korea.") == "republic of korea"
