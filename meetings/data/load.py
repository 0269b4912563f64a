"""Loads the reference data into the database; used by the data migration and by tests."""
from django.apps import apps as global_apps

from ..names import normalize_name
from . import reference


def reference_data_load(apps=global_apps) -> None:
    """Create or update economies, aliases, organisations and forums; idempotent."""
    Economy = apps.get_model("meetings", "Economy")
    EconomyAlias = apps.get_model("meetings", "EconomyAlias")
    Organisation = apps.get_model("meetings", "Organisation")
    Forum = apps.get_model("meetings", "Forum")

    for position, (code, name, name_in_text, aliases) in enumerate(reference.ECONOMIES, start=1):
        economy, _ = Economy.objects.update_or_create(
            code=code, defaults={"name": name, "name_in_text": name_in_text, "position": position}
        )
        for alias in [name, name_in_text, code, *aliases]:
            EconomyAlias.objects.get_or_create(
                normalized=normalize_name(alias), defaults={"economy": economy, "alias": alias}
            )
    for name, short_name, name_in_text, kind in reference.ORGANISATIONS:
        Organisation.objects.update_or_create(
            name=name, defaults={"short_name": short_name, "name_in_text": name_in_text, "kind": kind}
        )
    for code, name in reference.FORUMS:
        Forum.objects.update_or_create(code=code, defaults={"name": name})
