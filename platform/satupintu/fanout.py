"""Scheduled work done in every regency: one beat entry, one task per active regency, each run in
that regency's schema. Schema: public -> tenant.

A tenant app declares a job in its `tasks.py`:

    @per_regency("complaints.reminders_send")
    def reminders_send() -> int:  # runs inside one regency's schema; must be idempotent
        ...

and beat names it once (settings CELERY_BEAT_SCHEDULE):

    "complaints-reminders": {"task": "satupintu.fanout", "args": ["complaints.reminders_send"], ...}

`satupintu.fanout` sends one `satupintu.fanout_one` task per active regency. How many run at once
is bounded by the worker pool (CELERY_WORKER_CONCURRENCY), never by the number of regencies; one
regency's failure is logged and does not stop the others. A job never overlaps itself in the same
regency: each run holds a PostgreSQL advisory lock keyed by job and schema, and a run that finds
it held is skipped (the next beat tick catches up, which is why jobs must be idempotent).
Without a broker (`make run`, tests) the tasks run in-process, one regency after another.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.utils.module_loading import autodiscover_modules
from django_tenants.utils import tenant_context

from regencies.models import Regency
from regencies.selectors import regency_list_serving
from satupintu.celery_app import app
from satupintu.db import connection

logger = logging.getLogger(__name__)

# An arbitrary number naming this lock's key space in pg_locks (classid); see regencies.building.
LOCK_SPACE = 50202

Job = Callable[[], Any]
F = TypeVar("F", bound=Job)

_JOBS: dict[str, Job] = {}


class UnknownJob(LookupError):
    code = "fanout_unknown_job"


def per_regency(name: str) -> Callable[[F], F]:
    """Register `function` as the job `name`, run once per active regency in its schema."""

    def register(function: F) -> F:
        existing = _JOBS.get(name)
        if existing is not None and existing is not function:
            raise ValueError(f"per-regency job {name!r} is registered twice")
        _JOBS[name] = function
        return function

    return register


def job_get(name: str) -> Job:
    if name not in _JOBS:
        autodiscover_modules("tasks")  # jobs live in apps' tasks modules
    try:
        return _JOBS[name]
    except KeyError:
        raise UnknownJob(f"no per-regency job named {name!r}") from None


def job_names() -> list[str]:
    autodiscover_modules("tasks")
    return sorted(_JOBS)


def _regencies_serving() -> list[Regency]:
    """The active regencies a job runs in: the one list both `fanout` and `fanout_run` use."""
    return list(regency_list_serving())


@contextmanager
def _held(name: str, schema_name: str) -> Iterator[bool]:
    """A session-level advisory lock for (job, schema); yields whether we got it."""
    key = zlib.crc32(f"{name}|{schema_name}".encode()) & 0x7FFFFFFF
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_SPACE, key])
        got = bool(cursor.fetchone()[0])
    try:
        yield got
    finally:
        if got:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_SPACE, key])


def job_run_for_tenant(regency: Regency, *, name: str) -> Any:
    """Run the job `name` in `regency`'s schema; None when another run of it holds the lock."""
    job = job_get(name)
    with _held(name, regency.schema_name) as got:
        if not got:
            logger.info("fanout: %s already running in %s, skipped", name, regency.schema_name)
            return None
        with tenant_context(regency):
            return job()


def fanout_run(name: str) -> dict[str, Any]:
    """Run the job in every active regency now, in this process: {schema_name: result}.

    For tests, the `fanout` command and eager mode; a failing regency is logged with its schema
    and reported as the exception, and the others still run.
    """
    job_get(name)
    results: dict[str, Any] = {}
    for regency in _regencies_serving():
        try:
            results[regency.schema_name] = job_run_for_tenant(regency, name=name)
        except Exception as error:  # one regency's fault must not starve the others
            logger.exception("fanout: %s failed in %s", name, regency.schema_name)
            results[regency.schema_name] = error
    return results


@app.task(name="satupintu.fanout")
def fanout(name: str) -> int:
    """Beat's entry point: one `fanout_one` task per active regency; returns how many were sent."""
    job_get(name)  # an unknown job fails here, once, not once per regency
    schemas = [regency.schema_name for regency in _regencies_serving()]
    for schema_name in schemas:
        fanout_one.apply_async(args=[schema_name, name])
    return len(schemas)


@app.task(name="satupintu.fanout_one")
def fanout_one(schema_name: str, name: str) -> Any:
    regency = Regency.objects.filter(schema_name=schema_name).first()
    if regency is None:
        logger.warning("fanout: %s has no regency (deleted?); %s skipped", schema_name, name)
        return None
    result = job_run_for_tenant(regency, name=name)
    return result if isinstance(result, (int, str, bool, type(None), list, dict)) else repr(result)
