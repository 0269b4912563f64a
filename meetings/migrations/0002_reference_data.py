"""Ships the 21 member economies, their aliases, the organisations and the SMEWG forum."""
from django.db import migrations

from meetings.data.load import reference_data_load


def load_reference_data(apps, schema_editor):
    reference_data_load(apps)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]
