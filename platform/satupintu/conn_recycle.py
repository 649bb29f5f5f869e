"""A database session that has served many regencies is closed after its request.

PostgreSQL keeps, per backend, the catalogue entries of every relation it has touched; a regency
schema has about 300 relations, so a session that visits hundreds of schemas grows by hundreds
of megabytes (docs/scaling.md section 3). `CONN_MAX_AGE` and the pool's `max_lifetime` bound a
session's life in seconds, not in schemas: a busy process reaches every regency well within a
minute. Here a session is closed at the end of the request in which it has served more than
`DATABASE_SCHEMAS_PER_CONNECTION` distinct schemas (public not counted); the next request opens
a fresh one (or the pool replaces it). Schema: both (it counts schemas, reads none).
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)


def _session_of(conn: Any) -> Any:
    return getattr(conn, "connection", None)


def schemas_served_note(**kwargs: Any) -> None:
    """request_finished: count the schema each open session served; close one past the limit."""
    limit = getattr(settings, "DATABASE_SCHEMAS_PER_CONNECTION", 0)
    if limit:
        schemas_count_and_recycle(connections.all(initialized_only=True), limit=limit)


def schemas_count_and_recycle(conns: Any, *, limit: int) -> None:
    for conn in conns:
        session = _session_of(conn)
        schema_name = getattr(conn, "schema_name", "") or ""
        if session is None:
            continue
        seen: set[str] = conn.__dict__.get("_schemas_seen") or set()
        if conn.__dict__.get("_schemas_session") is not session:
            seen = set()
            conn.__dict__["_schemas_session"] = session
        if schema_name and schema_name != "public":
            seen.add(schema_name)
        conn.__dict__["_schemas_seen"] = seen
        if len(seen) > limit:
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
