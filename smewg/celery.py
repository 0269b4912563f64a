"""The Celery application.

With no broker configured (the laptop default) tasks run in-process
(``task_always_eager``); with ``CELERY_BROKER_URL`` or ``REDIS_URL`` set they go to
the broker and a separate worker runs them.
"""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smewg.settings")

app = Celery("smewg")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
