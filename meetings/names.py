"""Resolving the names real records use to economies and organisations.

``resolve_economy("the Republic of Korea")`` and ``resolve_economy("KOREA.")`` both give
the Republic of Korea; an unknown name raises ``UnknownName`` with the name in its message.
"""
import re
import unicodedata

from .data.reference import ORGANISATION_ALIASES


class UnknownName(LookupError):
    """A name that matches no economy or organisation."""

    def __init__(self, name: str, what: str = "economy"):
        self.name = name
        self.what = what
        super().__init__(f"Unknown {what}: “{name}”.")


def normalize_name(name: str) -> str:
    """Lower case, accents and punctuation dropped, a leading “the” dropped, spaces collapsed."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.replace("’", "'").lower()
    text = re.sub(r"[^\w\s]", " ", text.replace("'", ""))
    text = re.sub(r"\s+", " ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def resolve_economy(name: str):
    """The member economy a name, code or alias refers to; ``UnknownName`` if none."""
    from .models import Economy, EconomyAlias

    key = normalize_name(name or "")
    if not key:
        raise UnknownName(name or "")
    alias = EconomyAlias.objects.select_related("economy").filter(normalized=key).first()
    if alias:
        return alias.economy
    for economy in Economy.objects.all():
        if key in (normalize_name(economy.name), normalize_name(economy.code)):
            return economy
    raise UnknownName(name)


def resolve_organisation(name: str):
    """The organisation a name, short name or alias refers to; ``UnknownName`` if none."""
    from .models import Organisation

    key = normalize_name(name or "")
    if not key:
        raise UnknownName(name or "", "organisation")
    for organisation in Organisation.objects.all():
        candidates = [organisation.name, organisation.short_name, organisation.name_in_text]
        candidates += ORGANISATION_ALIASES.get(organisation.name, [])
        if key in {normalize_name(candidate) for candidate in candidates if candidate}:
            return organisation
    raise UnknownName(name, "organisation")


def resolve_party(name: str):
    """(economy, None) or (None, organisation) for a name; ``UnknownName`` if it is neither."""
    try:
        return resolve_economy(name), None
    except UnknownName:
        pass
    try:
        return None, resolve_organisation(name)
    except UnknownName:
        raise UnknownName(name, "economy or organisation") from None
