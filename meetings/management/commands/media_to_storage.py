"""Copy every stored file of an installation from its local folder to the configured storage.

For moving to object storage: set the S3 variables, then run
``python manage.py media_to_storage`` (``--source`` names the old folder if it is not
MEDIA_ROOT). Each file the database names (every ``FileField`` of every model: documents,
summary PDFs, records of adoption, import uploads) is copied once under the same name;
a file already in the storage is left alone, so the command can run again after a failure.
It ends with what it copied, what was there already and what the database names but the
folder does not hold.
"""
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import models


@dataclass
class CopyReport:
    copied: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def stored_names() -> list[str]:
    """Every file name the database holds in a ``FileField``, once, in a stable order."""
    names = set()
    for model in apps.get_models():
        for model_field in model._meta.get_fields():
            if isinstance(model_field, models.FileField) and not model_field.many_to_many:
                values = model._default_manager.exclude(**{model_field.name: ""}).values_list(model_field.name, flat=True)
                names.update(name for name in values.iterator() if name)
    return sorted(names)


def media_copy(*, source: FileSystemStorage, target=default_storage, names=None) -> CopyReport:
    """Copy ``names`` (default: every stored file) from ``source`` to ``target``, skipping those
    ``target`` has already."""
    report = CopyReport()
    for name in names if names is not None else stored_names():
        if target.exists(name):
            report.present.append(name)
        elif not source.exists(name):
            report.missing.append(name)
        else:
            with source.open(name, "rb") as handle:
                saved = target.save(name, File(handle, name=Path(name).name))
            if saved != name:
                raise CommandError(f"The storage saved {name} as {saved}; nothing else was copied after it.")
            report.copied.append(name)
    return report


class Command(BaseCommand):
    help = "Copy every file the database names from the local folder to the configured storage (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--source", default=str(settings.MEDIA_ROOT),
                            help="The folder the files are in now (default: MEDIA_ROOT).")

    def handle(self, *args, source: str, **options):
        folder = Path(source)
        if not folder.is_dir():
            raise CommandError(f"No folder at {folder}.")
        if isinstance(default_storage, FileSystemStorage) and Path(default_storage.location).resolve() == folder.resolve():
            raise CommandError("The configured storage is this folder itself: set S3_BUCKET (and the other "
                               "S3_ variables) to copy the files to object storage.")
        report = media_copy(source=FileSystemStorage(location=folder))
        for name in report.copied:
            self.stdout.write(f"copied   {name}")
        for name in report.missing:
            self.stdout.write(f"missing  {name}")
        self.stdout.write(
            f"{len(report.copied)} copied, {len(report.present)} already in the storage, "
            f"{len(report.missing)} missing from {folder}."
        )
