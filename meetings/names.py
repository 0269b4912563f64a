"""Resolving the names real records use to economies and organisations.

``resolve_economy("the Republic of Korea")`` and ``resolve_economy("KOREA.")`` both give
the Republic of Korea; an unknown name raises ``UnknownName`` with the name in its message.

Code that resolves many names (a CSV file, an imported summary, a saved record) builds one
``NameIndex`` and asks it: the economies, their aliases and the organisations are read in
three queries, not one or more per name.
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


class NameIndex:
    """Every economy and organisation under each of its normalised names."""

    def __init__(self):
        from .models import Economy, EconomyAlias, Organisation

        economies = {economy.pk: economy for economy in Economy.objects.all()}
        self.economies = {}
        for economy in economies.values():
            self.economies[normalize_name(economy.name)] = economy
            self.economies[normalize_name(economy.code)] = economy
        for normalized, economy_id in EconomyAlias.objects.values_list("normalized", "economy_id"):
            self.economies[normalized] = economies[economy_id]
        self.organisations = {}
        for organisation in Organisation.objects.all():
            names = [organisation.name, organisation.short_name, organisation.name_in_text]
            for name in names + ORGANISATION_ALIASES.get(organisation.name, []):
                if name:
                    self.organisations.setdefault(normalize_name(name), organisation)

    def economy(self, name: str):
        """The member economy a name, code or alias refers to; ``UnknownName`` if none."""
        try:
            return self.economies[normalize_name(name or "")]
        except KeyError:
            raise UnknownName(name or "") from None

    def organisation(self, name: str):
        """The organisation a name, short name or alias refers to; ``UnknownName`` if none."""
        try:
            return self.organisations[normalize_name(name or "")]
        except KeyError:
            raise UnknownName(name or "", "organisation") from None

    def party(self, name: str):
        """(economy, None) or (None, organisation); ``UnknownName`` if it is neither."""
        key = normalize_name(name or "")
        if key in self.economies:
            return self.economies[key], None
        if key in self.organisations:
            return None, self.organisations[key]
        raise UnknownName(name or "", "economy or organisation")


def resolve_economy(name: str):
    """One economy by name (see ``NameIndex.economy``); for many names, keep a ``NameIndex``."""
    return NameIndex().economy(name)


def resolve_organisation(name: str):
    """One organisation by name (see ``NameIndex.organisation``)."""
    return NameIndex().organisation(name)
