"""In-process background tasks (make run, no broker) can be waited for: bootstrap waits, so it
no longer exits while a thread still refills a spare schema (the embedded database stopped
under it, printing tracebacks after "SatuPintu siap")."""

import threading

from satupintu.tasks_runtime import background_tasks_wait, enqueue


class SlowTask:
    def __init__(self, release: threading.Event):
        self.release = release
        self.done = threading.Event()

    def apply(self, args):
        self.release.wait(5)
        self.done.set()


def test_waiting_returns_after_the_background_tasks_have_finished(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.TASKS_IN_BACKGROUND_THREAD = True
    release = threading.Event()
    task = SlowTask(release)

    enqueue(task)
    assert not task.done.is_set()  # it runs in a thread, not in enqueue
    threading.Timer(0.2, release.set).start()
    waited = background_tasks_wait()

    assert task.done.is_set()
    assert waited == 1
    assert background_tasks_wait() == 0
