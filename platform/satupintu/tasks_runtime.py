"""How tasks leave the request. Schema: both.

With a broker, a task is sent to Celery when the transaction commits. Without one (the local
demo), it runs in-process: in a background thread when TASKS_IN_BACKGROUND_THREAD is set, so a
progress page can watch it, and otherwise synchronously (tests).
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.db import connections


def enqueue(task, *args) -> None:
    if settings.CELERY_TASK_ALWAYS_EAGER and getattr(settings, "TASKS_IN_BACKGROUND_THREAD", False):
        threading.Thread(target=_run_in_thread, args=(task, args), daemon=True).start()
    else:
        task.apply_async(args=args)


def _run_in_thread(task, args) -> None:
    try:
        task.apply(args=args)
    finally:
        connections.close_all()
