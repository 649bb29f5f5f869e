"""Per-regency scheduled work: one job, run in each active regency's own schema."""

from __future__ import annotations

import psycopg
import pytest
from django.conf import settings

from catalogue.models import Agency
from regencies.models import Regency, RegencyStatus
from satupintu import fanout as fanout_module
from satupintu.db import connection
from satupintu.fanout import LOCK_SPACE, UnknownJob, fanout, fanout_run, per_regency

pytestmark = pytest.mark.django_db


@per_regency("tests.schema_and_agencies")
def _schema_and_agencies() -> tuple[str, int]:
    return connection.schema_name, Agency.objects.count()


FAILING_SCHEMAS: set[str] = set()


@per_regency("tests.fails_somewhere")
def _fails_somewhere() -> str:
    if connection.schema_name in FAILING_SCHEMAS:
        raise RuntimeError("this regency's job failed")
    return connection.schema_name


def test_a_job_runs_once_in_each_active_regency_in_its_own_schema(alpha, beta):
    results = fanout_run("tests.schema_and_agencies")

    assert results[alpha.schema_name][0] == alpha.schema_name
    assert results[beta.schema_name][0] == beta.schema_name
    assert results[alpha.schema_name][1] > 0
    assert results[beta.schema_name][1] > 0
    assert connection.schema_name == "public"  # the caller's schema is restored


def test_a_regency_that_is_not_serving_is_left_out(alpha, beta):
    Regency.objects.filter(pk=beta.pk).update(status=RegencyStatus.SUSPENDED)

    results = fanout_run("tests.schema_and_agencies")

    assert alpha.schema_name in results
    assert beta.schema_name not in results


def test_a_job_already_running_in_a_regency_is_skipped_there_only(alpha, beta):
    key = (
        fanout_module.zlib.crc32(f"tests.schema_and_agencies|{alpha.schema_name}".encode())
        & 0x7FFFFFFF
    )
    db = settings.DATABASES["default"]
    other = psycopg.connect(
        host=db["HOST"],
        port=db["PORT"] or 5432,
        user=db["USER"],
        dbname=db["NAME"],
        autocommit=True,
    )
    try:
        other.execute("SELECT pg_advisory_lock(%s, %s)", [LOCK_SPACE, key])  # a run in progress

        results = fanout_run("tests.schema_and_agencies")
        # Released in a statement, not by closing: a closed connection's backend lets go of its
        # locks some time after the client returns, and a loaded machine showed the gap.
        other.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_SPACE, key])
    finally:
        other.close()

    assert results[alpha.schema_name] is None
    assert results[beta.schema_name][0] == beta.schema_name
    assert fanout_run("tests.schema_and_agencies")[alpha.schema_name] is not None  # released


def test_one_regencys_failure_does_not_stop_the_others(alpha, beta, monkeypatch):
    monkeypatch.setattr(fanout_module, "logger", fanout_module.logging.getLogger("quiet"))
    FAILING_SCHEMAS.add(alpha.schema_name)
    try:
        results = fanout_run("tests.fails_somewhere")
    finally:
        FAILING_SCHEMAS.clear()

    failed = [schema for schema, result in results.items() if isinstance(result, Exception)]
    assert failed == [alpha.schema_name]
    assert results[beta.schema_name] == beta.schema_name


def test_the_beat_task_sends_one_task_per_active_regency(alpha, beta):
    serving = Regency.objects.filter(status=RegencyStatus.ACTIVE).count()

    sent = fanout.delay("tests.schema_and_agencies").get()

    assert sent == serving >= 2


def test_an_unknown_job_is_refused_before_anything_runs(alpha):
    with pytest.raises(UnknownJob):
        fanout_run("tests.no_such_job")
    with pytest.raises(UnknownJob):
        fanout.delay("tests.no_such_job").get()
