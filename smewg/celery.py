"""The Celery application.

With no broker configured (the laptop default) tasks run in-process
(``task_always_eager``); with ``CELERY_BROKER_URL`` or ``REDIS_URL`` set they go to
the broker and a separate worker runs them.
"""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smewg.settings")

# Tasks that draw a PDF: on SUMMARY_RENDER_QUEUE; everything else on the default queue.
RENDER_TASKS = frozenset({"meetings.tasks.summary_export_render_task", "meetings.tasks.adopted_record_render_task"})


def task_route(name, args, kwargs, options, task=None, **extra):
    """Celery's router (``CELERY_TASK_ROUTES``): reads the queue's name from the settings at
    each call, so a test's worker may take a queue of its own."""
    from django.conf import settings

    if name in RENDER_TASKS:
        return {"queue": settings.SUMMARY_RENDER_QUEUE}
    return None


app = Celery("smewg")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
