"""How tasks leave the request. Schema: both.

With a broker, a task is sent to Celery when the transaction commits. Without one (the local
demo), it runs in-process: in a background thread when TASKS_IN_BACKGROUND_THREAD is set, so a
progress page can watch it, and otherwise synchronously (tests).
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.db import connections

_threads: set[threading.Thread] = set()
_threads_lock = threading.Lock()


def enqueue(task, *args) -> None:
    if settings.CELERY_TASK_ALWAYS_EAGER and getattr(settings, "TASKS_IN_BACKGROUND_THREAD", False):
        thread = threading.Thread(target=_run_in_thread, args=(task, args), daemon=True)
        with _threads_lock:
            _threads.add(thread)
        thread.start()
    else:
        task.apply_async(args=args)


def background_tasks_wait() -> int:
    """Wait for the in-process background tasks still running (a command that enqueued work, such
    as bootstrap refilling spare schemas, must not exit and stop the database under them).
    Returns how many were waited for."""
    waited = 0
    while True:
        with _threads_lock:
            running = [t for t in _threads if t.is_alive()]
            _threads.difference_update(t for t in list(_threads) if not t.is_alive())
        if not running:
            return waited
        for thread in running:
            thread.join()
            waited += 1


def _run_in_thread(task, args) -> None:
    try:
        task.apply(args=args)
    finally:
        connections.close_all()
