"""Migrations apply from zero, and the models have no change without a migration."""
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.django_db(transaction=True)
def test_migrations_apply_from_zero_and_back():
    executor = MigrationExecutor(connection)
    executor.migrate([("projects", None), ("accounts", None), ("meetings", None)])
    executor.loader.build_graph()

    call_command("migrate", verbosity=0)

    from meetings.models import Economy, Forum

    assert (Economy.objects.count(), Forum.objects.get().code) == (21, "SMEWG")


@pytest.mark.django_db
def test_no_missing_migrations():
    out = io.StringIO()

    call_command("makemigrations", "--check", "--dry-run", stdout=out)

    assert "No changes detected" in out.getvalue()
