"""Django for a benchmark: a temporary SQLite database and media folder, tasks in-process.

``bench_django()`` sets the environment and calls ``django.setup()``; call it before
importing anything of the app. The folder is in memory-backed /dev/shm where there is one:
SQLite's fsync on each commit would otherwise time the disk (about 0.15 s a commit on a slow
one) rather than the app.
"""
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def bench_django() -> Path:
    """Set Django up for a benchmark; returns the temporary folder."""
    sys.path.insert(0, str(ROOT))
    work = Path(tempfile.mkdtemp(prefix="smewg-bench-", dir="/dev/shm" if Path("/dev/shm").is_dir() else None))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="smewg.settings",
        DATABASE_URL=f"sqlite:///{work / 'bench.sqlite3'}",
        MEDIA_ROOT=str(work / "media"),
        ALLOWED_HOSTS="testserver,localhost",
        LOG_LEVEL="WARNING",
        STATIC_MANIFEST="0",
        BACKGROUND_THREAD="0",  # tasks in the calling thread, so the bench times them to the end
    )
    for variable in ("REDIS_URL", "CELERY_BROKER_URL"):  # in-process tasks: the bench times the work itself
        os.environ.pop(variable, None)
    import django

    django.setup()
    return work
