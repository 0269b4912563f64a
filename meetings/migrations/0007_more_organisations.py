"""Ships more organisations summaries name: WLN, SCE, GFPN, EPWG, PSU and PSC (reference.py)."""
from django.db import migrations

from meetings.data.load import reference_data_load


def load_reference_data(apps, schema_editor):
    reference_data_load(apps)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0006_import_drafts")]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]
