"""A database session that has served many regencies is closed after its request.

PostgreSQL keeps, per backend, the catalogue entries of every relation it has touched; a regency
schema has about 300 relations, so a session that visits hundreds of schemas grows by hundreds
of megabytes (docs/scaling.md section 3). `CONN_MAX_AGE` and the pool's `max_lifetime` bound a
session's life in seconds, not in schemas: a busy process reaches every regency well within a
minute. Here a session is closed at the end of the request in which it has served more than
`DATABASE_SCHEMAS_PER_CONNECTION` distinct schemas (public not counted); the next request opens
a fresh one (or the pool replaces it). Schema: both (it counts schemas, reads none).

A schema counts when a cursor was opened in it (`schema_queried_note`, called by the database
wrapper), not when a request was merely routed to it: a page served from the cache sends no
statement and loads no catalogue entry, so it must not bring the next reconnect closer (issue
#15: across 500 portals in rotation every 51st cached page reconnected); and a request that
walks many schemas (the console's fan-out) counts each of them, not only the one it ends in.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import connections
from django_tenants.utils import get_public_schema_name

logger = logging.getLogger(__name__)


def _session_of(conn: Any) -> Any:
    return getattr(conn, "connection", None)


def schema_queried_note(conn: Any) -> None:
    """A cursor was opened on `conn` in its current schema: count the schema for its session."""
    schema_name = getattr(conn, "schema_name", "") or ""
    if not schema_name or schema_name == get_public_schema_name():
        return
    session = _session_of(conn)
    if conn.__dict__.get("_schemas_session") is not session:
        conn.__dict__["_schemas_session"] = session
        conn.__dict__["_schemas_seen"] = set()
    conn.__dict__["_schemas_seen"].add(schema_name)


def schemas_served_note(**kwargs: Any) -> None:
    """request_finished: close each open session past the limit."""
    limit = getattr(settings, "DATABASE_SCHEMAS_PER_CONNECTION", 0)
    if limit:
        schemas_count_and_recycle(connections.all(initialized_only=True), limit=limit)


def schemas_count_and_recycle(conns: Any, *, limit: int) -> None:
    for conn in conns:
        session = _session_of(conn)
        if session is None or conn.__dict__.get("_schemas_session") is not session:
            continue  # no session, or none that has run a statement in a regency schema
        if len(conn.__dict__.get("_schemas_seen") or ()) > limit:
            recycle(conn)


def recycle(conn: Any) -> None:
    """Close the server session itself (also when a pool lends it: a closed session is not
    given out again) and forget the count."""
    session = _session_of(conn)
    conn.__dict__.pop("_schemas_seen", None)
    conn.__dict__.pop("_schemas_session", None)
    try:
        if session is not None and getattr(conn, "pool", None) is not None:
            session.close()  # the pool discards a closed connection when it is given back
        conn.close()
    except Exception:  # a broken session is closed anyway; the next request reconnects
        logger.warning("closing a database session after many schemas failed", exc_info=True)
