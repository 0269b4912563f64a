"""Ships the 21 member economies, their aliases, the organisations and the SMEWG forum."""
from django.db import migrations

from meetings.data import reference
from meetings.names import normalize_name


def load_reference_data(apps, schema_editor):
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


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]
