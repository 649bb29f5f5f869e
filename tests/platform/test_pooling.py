"""Connection pooling and the schema boundary (docs/scaling.md).

django-tenants chooses a regency with a session-level `SET search_path`. A pool that hands one
session to several clients carries that setting from one to the next: PgBouncer in transaction
mode did, and one regency read another's rows. Django's own psycopg pool (OPTIONS "pool", what
production's DATABASE_POOL_MAX_SIZE turns on) is safe because django-tenants sets the search_path
again on every cursor. These tests prove both halves on the test database, with one pooled
session shared by two regencies.

The pooled sessions see only committed rows, so these tests run outside a test transaction: they
read the alpha and beta regencies conftest creates (committed) once per session, and write
nothing.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator

import psycopg
import pytest
from django.db import connection, connections
from psycopg_pool import ConnectionPool

from regencies.models import Regency
from tests.conftest import ALPHA, BETA, ensure_regency

ALIAS = "pooled_under_test"
ROUNDS = 20


def pooled_settings() -> dict:
    settings = copy.deepcopy(connection.settings_dict)
    settings["CONN_MAX_AGE"] = 0  # the pool keeps the connection, Django must not
    # One session for everyone, so every read below runs on a session another schema used last.
    settings["OPTIONS"] = {
        **settings.get("OPTIONS", {}),
        "pool": {"min_size": 1, "max_size": 1, "timeout": 30},
    }
    return settings


@pytest.fixture
def committed_regencies(django_db_setup, django_db_blocker) -> Iterator[tuple[Regency, Regency]]:
    """conftest's alpha and beta, read outside any test transaction (database access allowed
    for the whole test, threads included)."""
    with django_db_blocker.unblock():
        yield ensure_regency(ALPHA), ensure_regency(BETA)
        connection.close()


@pytest.fixture
def pooled_alias(committed_regencies) -> Iterator[str]:
    """A database alias served by Django's pool, registered for this test only."""
    connections.settings[ALIAS] = pooled_settings()
    try:
        yield ALIAS
    finally:
        connections[ALIAS].close_pool()
        del connections[ALIAS]
        del connections.settings[ALIAS]


def conninfo() -> str:
    db = connection.settings_dict
    params = {
        "dbname": db["NAME"],
        "user": db["USER"],
        "password": db["PASSWORD"],
        "host": db["HOST"],
        "port": str(db["PORT"]),
    }
    return psycopg.conninfo.make_conninfo(**{k: v for k, v in params.items() if v})


def serve_requests(schema: str, barrier: threading.Barrier, reads: list[tuple]) -> None:
    """One thread's requests: each picks its regency, reads, and gives the session back."""
    wrapper = connections[ALIAS]  # this thread's own wrapper, as in a threaded web server
    try:
        for _ in range(ROUNDS):
            barrier.wait(timeout=60)  # both threads queue for the one session every round
            wrapper.set_schema(schema)
            with wrapper.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_backend_pid(), array_agg(hostname ORDER BY hostname) "
                    "FROM wagtailcore_site"
                )
                pid, hostnames = cursor.fetchone()
            reads.append((schema, pid, hostnames))
            wrapper.close()  # end of the request: the session goes back to the pool
    finally:
        wrapper.close()


def test_djangos_pool_serves_two_regencies_from_one_session_without_leaking(
    committed_regencies, pooled_alias
):
    alpha, beta = committed_regencies
    reads: list[tuple] = []
    barrier = threading.Barrier(2)
    threads = [
        threading.Thread(target=serve_requests, args=(regency.schema_name, barrier, reads))
        for regency in (alpha, beta)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert [thread.is_alive() for thread in threads] == [False, False]
    assert len(reads) == 2 * ROUNDS
    assert len({pid for _schema, pid, _hosts in reads}) == 1  # one session served both
    seen = {(schema, tuple(hosts)) for schema, _pid, hosts in reads}
    assert seen == {
        (alpha.schema_name, ("alpha.localhost",)),
        (beta.schema_name, ("beta.localhost",)),
    }


def test_a_pooled_session_keeps_the_last_clients_search_path(committed_regencies):
    """Why the per-cursor SET matters: a client that does not set it reads the previous one's
    regency. This is the leak a transaction-mode PgBouncer produced."""
    alpha, _beta = committed_regencies
    with ConnectionPool(conninfo(), min_size=1, max_size=1, open=True) as pool:
        with pool.connection() as session:
            session.execute(f'SET search_path TO "{alpha.schema_name}", public')
        with pool.connection() as session:
            (hostnames,) = session.execute(
                "SELECT array_agg(hostname ORDER BY hostname) FROM wagtailcore_site"
            ).fetchone()

    assert hostnames == ["alpha.localhost"]


def test_the_pool_replaces_sessions_so_schema_caches_are_given_back(pooled_alias):
    """Django passes pool options to psycopg's pool unchanged; production bounds a session's
    life (DATABASE_POOL_MAX_LIFETIME), so a session that visited hundreds of schemas ends."""
    connections.settings[pooled_alias]["OPTIONS"]["pool"]["max_lifetime"] = 120.0

    pool = connections[pooled_alias].pool

    assert (pool.max_size, pool.max_lifetime) == (1, 120.0)


def test_with_limited_set_calls_a_pooled_session_is_set_again_after_each_request(
    committed_regencies, pooled_alias, settings
):
    """TENANT_LIMIT_SET_CALLS (on in base settings) skips the SET only while the wrapper keeps
    the same session and schema: giving the session back (close) or choosing a schema forgets it."""
    assert settings.TENANT_LIMIT_SET_CALLS
    alpha, beta = committed_regencies
    wrapper = connections[ALIAS]
    hosts = {alpha.schema_name: "alpha.localhost", beta.schema_name: "beta.localhost"}
    executed: list[str] = []

    def record(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    try:
        with wrapper.execute_wrapper(record):
            for regency in (alpha, beta, alpha):
                wrapper.set_schema(regency.schema_name)
                for _ in range(3):
                    with wrapper.cursor() as cursor:
                        cursor.execute("SELECT hostname FROM wagtailcore_site")
                        assert cursor.fetchone()[0] == hosts[regency.schema_name]
                wrapper.close()
    finally:
        wrapper.close()
    sets = [sql for sql in executed if sql.startswith("SET search_path")]
    assert len(sets) == 3  # once per request, not per cursor
