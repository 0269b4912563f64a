"""GIN indexes for search, on PostgreSQL only (SQLite searches without them).

Each index is on the very expression ``insights.search`` queries, ``to_tsvector('english',
<fields>)``; the fields are written out here, as a migration must not change when the code
does. ``tests/insights/test_search.py`` checks that PostgreSQL uses them.
"""
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEXES = [
    ("meetings", "Meeting", "meeting", ("city", "chair_name", "chair_title")),
    ("meetings", "AgendaItem", "item", ("title", "text")),
    ("meetings", "Decision", "decision", ("text",)),
    ("meetings", "Action", "action", ("text", "responsible_other")),
    ("meetings", "ProgressNote", "note", ("text",)),
    ("meetings", "Document", "document", ("symbol", "title")),
    ("projects", "Project", "project", ("title", "code", "description")),
]


def _index(key, fields):
    return GinIndex(SearchVector(*fields, config="english"), name=f"insights_fts_{key}")


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app_label, model_name, key, fields in INDEXES:
        schema_editor.add_index(apps.get_model(app_label, model_name), _index(key, fields))


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app_label, model_name, key, fields in INDEXES:
        schema_editor.remove_index(apps.get_model(app_label, model_name), _index(key, fields))


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_actionreminder"),
        ("projects", "0002_project_unique_title_and_code_ignore_case"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
