"""Handing a task to the background without letting a broker failure reach the user.

``task_publish`` returns False (and logs why) when the broker cannot take the task; callers
keep their row as the record of what is still to do, and the sweep sends it again. With no
broker configured (a laptop), tasks run in one background thread of the web process, so a
page that follows a task sees it queued, running and done as it would with a worker.
"""
import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from celery import Task
from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()


def tasks_run_in_thread() -> bool:
    """True with no broker (tasks eager) and ``BACKGROUND_THREAD`` on: tasks go to a thread."""
    from smewg.celery import app

    return bool(app.conf.task_always_eager) and settings.BACKGROUND_THREAD


def _background_executor() -> ThreadPoolExecutor:
    # One thread, like a worker with concurrency 1: renders wait their turn instead of
    # competing for a laptop's memory.
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="background-task")
        return _executor


def _run_in_thread(task: Task, kwargs: dict) -> None:
    try:
        task.apply(kwargs=kwargs)
    except Exception:  # apply() records task errors; this is a bug in the plumbing itself
        logger.exception("Background task %s %s failed in the web process.", task.name, kwargs)
    finally:
        connections.close_all()


def task_publish(task: Task, *, kwargs: dict, **options) -> bool:
    """Send ``task`` with ``kwargs``; False if the broker could not take it (logged, not raised).

    ``options`` go to ``apply_async`` (time limits, queue). Without a broker the task runs
    in the background thread (``BACKGROUND_THREAD``) or at once.
    """
    if tasks_run_in_thread():
        _background_executor().submit(_run_in_thread, task, kwargs)
        return True
    try:
        task.apply_async(kwargs=kwargs, **options)
    except Exception as error:  # kombu's OperationalError, a refused or timed-out connection, ...
        logger.warning(
            "Could not send %s %s to the broker (%s: %s); it stays in the outbox for the sweep.",
            task.name, kwargs, type(error).__name__, error,
        )
        return False
    return True
