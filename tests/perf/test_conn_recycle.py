"""A database session that has served more than DATABASE_SCHEMAS_PER_CONNECTION regency schemas
is closed after its request (satupintu.conn_recycle): its server process, which holds the
catalogue entries of every schema it touched, ends; the next request gets a fresh one."""

from __future__ import annotations

import pytest
from django.db import connections

from satupintu.conn_recycle import schemas_count_and_recycle


@pytest.fixture
def second_session():
    """A real session of its own (not the test's transaction), closed at the end."""
    conn = connections.create_connection("default")
    yield conn
    conn.close()


def backend_pid(conn) -> int:
    with conn.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=False)
def test_a_session_past_the_schema_limit_is_closed_and_the_next_is_fresh(
    alpha, beta, second_session
):
    conn = second_session
    conn.set_schema(alpha.schema_name)
    first_pid = backend_pid(conn)
    schemas_count_and_recycle([conn], limit=1)
    assert conn.connection is not None  # one schema: kept
    conn.set_schema_to_public()
    backend_pid(conn)
    schemas_count_and_recycle([conn], limit=1)
    assert conn.connection is not None  # public is not counted
    conn.set_schema(beta.schema_name)
    assert backend_pid(conn) == first_pid
    schemas_count_and_recycle([conn], limit=1)
    assert conn.connection is None  # two regencies: closed
    conn.set_schema(alpha.schema_name)
    assert backend_pid(conn) != first_pid
    schemas_count_and_recycle([conn], limit=1)
    assert conn.connection is not None  # the count starts again with the new session


@pytest.mark.django_db(transaction=False)
def test_a_schema_routed_to_without_a_statement_is_not_counted(alpha, beta, second_session):
    """A page served from the cache sends no statement, so it loads no catalogue entry and must
    not bring the reconnect closer (issue #15: a rotation over 500 cached portals)."""
    conn = second_session
    conn.set_schema(alpha.schema_name)
    first_pid = backend_pid(conn)
    conn.set_schema(beta.schema_name)  # a request for beta answered from the page cache
    schemas_count_and_recycle([conn], limit=1)
    assert conn.connection is not None
    conn.set_schema(alpha.schema_name)
    assert backend_pid(conn) == first_pid


@pytest.mark.django_db(transaction=False)
def test_each_schema_one_request_walked_counts_not_only_the_last(alpha, beta, second_session):
    """A fan-out over regencies (the operators' console) that ends in public still counts every
    regency schema it ran statements in."""
    conn = second_session
    conn.set_schema(alpha.schema_name)
    backend_pid(conn)
    conn.set_schema(beta.schema_name)
    backend_pid(conn)
    conn.set_schema_to_public()
    backend_pid(conn)
    schemas_count_and_recycle([conn], limit=1)
    assert conn.connection is None
