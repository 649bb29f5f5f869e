"""Starting and stopping the real processes some tests need (a Celery worker, a web server).

Each helper stops exactly the process it started, by its id.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_available(url: str = TEST_REDIS_URL) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=1
        ):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def django_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "satupintu.settings.test")
    env.update(extra)
    return env


def stop(process: subprocess.Popen, *, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
    """Stop the process we started (and only it): polite signal first, then SIGKILL."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(process.pid, sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@contextlib.contextmanager
def celery_worker(
    *, queues: str = "celery", env: dict[str, str] | None = None, log_path: Path | None = None
) -> Iterator[subprocess.Popen]:
    """A real Celery worker (solo pool: one process, one id) on the test Redis."""
    log = open(log_path, "wb") if log_path else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        [
            str(VENV_BIN / "celery"),
            "-A",
            "satupintu",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-Q",
            queues,
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=django_env(
            CELERY_BROKER_URL=TEST_REDIS_URL,
            CELERY_RESULT_BACKEND=TEST_REDIS_URL,
            CELERY_TASK_ALWAYS_EAGER="false",
            **(env or {}),
        ),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield process
    finally:
        stop(process)
        if log_path:
            log.close()


def wait_for(predicate, *, timeout: float = 60, interval: float = 0.2, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout}s waiting for {what}")


def django_env_on_test_clock(**extra: str) -> dict[str, str]:
    """A child process's environment on this test's database and this test's (pinned) clock."""
    from django.db import connection
    from django.utils import timezone
    from time_machine import escape_hatch

    offset = timezone.now().timestamp() - escape_hatch.time.time()
    return django_env(
        SATUPINTU_DATABASE_NAME=connection.settings_dict["NAME"],
        SATUPINTU_TEST_CLOCK_OFFSET=str(offset),
        **extra,
    )


def python_killed_at(script: str, *args: str, marker: str, log_path: Path, what: str) -> None:
    """Run `python -c script *args` on the test's database and clock, wait until it prints
    `marker` (it then pauses inside the write under test), and SIGKILL it there: a real kill,
    not an exception."""
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-c", script, *args],
            cwd=ROOT,
            env=django_env_on_test_clock(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(
                lambda: marker in log_path.read_text() or process.poll() is not None,
                timeout=90,
                what=what,
            )
            assert process.poll() is None, log_path.read_text()
            os.kill(process.pid, signal.SIGKILL)
            assert process.wait(timeout=30) == -signal.SIGKILL
        finally:
            stop(process)
