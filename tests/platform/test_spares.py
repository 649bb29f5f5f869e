"""Spare copies of the base schema (docs/adr/0050): a new regency's schema is a spare renamed; a
spare that no longer matches the base schema is never taken; a spare holds the base's rows and
nothing of any regency, is never served, and survives a creation killed while taking it."""

import os
import signal
import subprocess
import sys
import threading

import pytest
from django.db import connection, connections, transaction
from django.test import Client
from django_tenants.utils import schema_exists

from catalogue.models import Agency
from regencies.actions import RegencyRequest, regency_create
from regencies.building import regency_builder_alive
from regencies.cloning import quote_identifier
from regencies.models import Regency
from regencies.schemas import base_schema_name, schema_clone_from_base, schema_drop
from regencies.spares import (
    SPARE_PREFIX,
    spare_take,
    spares_drop_all,
    spares_fill,
    spares_list,
    spares_wanted,
)
from tests.conftest import in_schema
from tests.processes import ROOT, django_env, stop, wait_for


def _spares() -> list[str]:
    with connection.cursor() as cursor:
        return [name for name, _fingerprint in spares_list(cursor)]


def _row_counts(schema: str) -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relnamespace = %s::regnamespace AND relkind = 'r'"
            " ORDER BY relname",
            [schema],
        )
        counts = {}
        for (table,) in cursor.fetchall():
            cursor.execute(
                f"SELECT count(*) FROM {quote_identifier(schema)}.{quote_identifier(table)}"
            )
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.fixture
def munabarat():
    """Regency 74.13 created by the test, committed (each copy and drop of a schema is its own
    transaction, as in production: one test transaction holding two copies and a drop, about
    2,000 locks each, filled PostgreSQL's lock table while other suites ran); removed after."""
    yield "r_74_13"
    schema_drop("r_74_13")


# Committed transactions: see `munabarat`.
@pytest.mark.django_db(transaction=True)
def test_a_new_regency_takes_a_spare_and_the_spare_is_gone(munabarat):
    spares_fill(base=base_schema_name(), count=1)
    before = _spares()

    regency = regency_create(request=RegencyRequest(code="74.13", subdomain="munabarat"))

    assert regency.status == "active"
    assert regency.schema_name == munabarat
    (taken,) = set(before) - set(_spares())
    assert not schema_exists(taken)
    assert len(_spares()) == spares_wanted()  # the refill ran on commit
    assert Client(HTTP_HOST="munabarat.localhost").get("/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_spare_older_than_the_base_schemas_migrations_is_never_taken(munabarat):
    spares_fill(base=base_schema_name(), count=1)
    stale = _spares()
    base = quote_identifier(base_schema_name())
    with connection.cursor() as cursor:  # a migration applied to the base schema since
        cursor.execute(
            f"INSERT INTO {base}.django_migrations (app, name, applied) "
            "VALUES ('catalogue', '9999_since_the_spares', now())"
        )
    try:
        regency = regency_create(request=RegencyRequest(code="74.13", subdomain="munabarat"))

        assert regency.status == "active"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM r_74_13.django_migrations WHERE name LIKE '9999%%'"
            )
            assert cursor.fetchone() == (1,)  # copied the old way, from today's base
        assert not set(stale) & {regency.schema_name}
        assert spares_fill(base=base_schema_name(), count=1) == 1
        assert not set(stale) & set(_spares())  # the stale ones dropped, a fitting one made
        assert _spares()
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {base}.django_migrations WHERE name = '9999_since_the_spares'"
            )
        spares_drop_all()  # made against the altered base


@pytest.fixture
def alpha_only_agency(alpha):
    with in_schema(alpha):
        agency = Agency.objects.create(key="hanya-alpha", name="Dinas Hanya Alpha", kind="opd")
    yield agency
    with in_schema(alpha):
        Agency.objects.filter(pk=agency.pk).delete()


# Committed: three copies in one test transaction would hold about 6,000 locks (see `munabarat`).
@pytest.mark.django_db(transaction=True)
def test_a_spare_holds_the_base_schemas_rows_and_nothing_of_a_regency(alpha_only_agency):
    spares_fill(base=base_schema_name(), count=3)

    base = _row_counts(base_schema_name())
    for name in _spares():
        assert _row_counts(name) == base
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {quote_identifier(name)}.tenants_app_agency")
            assert cursor.fetchone() == (0,)
    assert not Regency.objects.filter(schema_name__startswith=SPARE_PREFIX).exists()
    for name in _spares():  # no host leads to a spare: an unknown host is not served
        host = name.replace("_", "-") + ".localhost"
        assert Client(HTTP_HOST=host).get("/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_two_creations_at_once_never_take_the_same_spare():
    spares_drop_all()
    spares_fill(base=base_schema_name(), count=1)
    (spare,) = _spares()
    taking, release = threading.Event(), threading.Event()
    taken: list[bool] = []

    def first() -> None:
        try:
            with transaction.atomic():
                taken.append(spare_take(base=base_schema_name(), new="r_first"))
                taking.set()
                release.wait(30)
        finally:
            connections.close_all()

    thread = threading.Thread(target=first)
    thread.start()
    try:
        assert taking.wait(30)
        schema_clone_from_base("r_second")  # the spare is being taken: copied the old way
        release.set()
        thread.join(30)
        assert taken == [True]
        assert not schema_exists(spare)
        assert schema_exists("r_first")
        assert schema_exists("r_second")
        assert _row_counts("r_first") == _row_counts("r_second") == _row_counts(base_schema_name())
    finally:
        release.set()
        thread.join(30)
        for name in ("r_first", "r_second"):
            schema_drop(name)


@pytest.mark.django_db(transaction=True)
def test_a_creation_killed_while_taking_a_spare_leaves_the_spare_and_the_same_command_finishes(
    tmp_path,
):
    spares_fill(base=base_schema_name(), count=1)
    spares = _spares()
    log_path = tmp_path / "create.log"
    command = [sys.executable, "manage.py", "create_regency", "--code", "74.13"]
    try:
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                [*command, "--subdomain", "munabarat"],
                cwd=ROOT,
                env=django_env(
                    SATUPINTU_DATABASE_NAME=connection.settings_dict["NAME"],
                    REGENCY_CREATE_PAUSE_AT="cloning",  # the spare renamed, not committed
                    REGENCY_CREATE_PAUSE_SECONDS="120",
                ),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                wait_for(
                    lambda: (
                        "paused at cloning" in log_path.read_text() or process.poll() is not None
                    ),
                    timeout=90,
                    what="create_regency to take a spare",
                )
                assert process.poll() is None, log_path.read_text()
                os.kill(process.pid, signal.SIGKILL)
                assert process.wait(timeout=30) == -signal.SIGKILL
            finally:
                stop(process)
        wait_for(lambda: not regency_builder_alive("74.13"), timeout=30, what="the lock")

        assert _spares() == spares  # the rename died with its transaction
        assert not schema_exists("r_74_13")

        subprocess.run(
            [*command, "--subdomain", "munabarat"],
            cwd=ROOT,
            env=django_env(SATUPINTU_DATABASE_NAME=connection.settings_dict["NAME"]),
            check=True,
            capture_output=True,
        )

        regency = Regency.objects.get(code="74.13")
        assert regency.status == "active"
        assert spares[0] not in _spares()  # the first spare became r_74_13 this time
        assert Client(HTTP_HOST="munabarat.localhost").get("/").status_code == 200
    finally:
        schema_drop("r_74_13")
