"""Spare schemas: copies of the base schema made ahead of time, so that a new regency's schema is
one `ALTER SCHEMA ... RENAME` instead of a copy of ~1,000 statements (docs/adr/0050).
Schema: public -> tenant.

A spare is named `spare_<hex>` (never a regency's `r_<code>`, so no Domain or Regency row can point
at one and no request is ever served from one) and carries, as its schema comment, the
fingerprint of the base schema it was copied from: the base's applied migrations. A spare is
taken only when its fingerprint is the base's current one; `base_schema_prepare` (bootstrap, a
deploy that migrates the base) drops every spare and makes new ones, because the portal skeleton
it writes can change without a migration. Making a spare is one transaction (a killed maker
leaves nothing), and so is taking one (a killed taker leaves the spare a spare); two takers never
get the same spare (a transaction-scoped advisory lock per spare, and the rename itself).
"""

from __future__ import annotations

import logging
import secrets
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import OperationalError, transaction

from regencies.cloning import quote_identifier, schema_copy
from satupintu.db import connection

logger = logging.getLogger(__name__)

SPARE_PREFIX = "spare_"
# An arbitrary number naming the key space of the spares' take locks (pg_locks `classid`).
LOCK_SPACE = 50202


def spares_wanted() -> int:
    return getattr(settings, "REGENCY_SPARE_SCHEMAS", 2)


def base_fingerprint(cursor, base: str) -> str:
    """What a spare must match to stand for the base schema: its applied migrations."""
    cursor.execute(
        "SELECT md5(coalesce(string_agg(app || '.' || name, ',' ORDER BY app, name), '')) "  # noqa: S608 - quoted schema name
        f"FROM {quote_identifier(base)}.django_migrations"
    )
    return "spare of " + base + " " + cursor.fetchone()[0]


def spares_list(cursor) -> list[tuple[str, str]]:
    """Every spare schema with its fingerprint, oldest name first."""
    cursor.execute(
        "SELECT nspname, coalesce(obj_description(oid, 'pg_namespace'), '') FROM pg_namespace"
        " WHERE starts_with(nspname, %s) ORDER BY nspname",
        [SPARE_PREFIX],
    )
    return list(cursor.fetchall())


def spare_take(*, base: str, new: str) -> bool:
    """Rename a spare copy of `base` to `new`; False (nothing changed) when no fitting spare is
    free. Run inside the transaction that makes the regency's schema."""
    with connection.cursor() as cursor:
        wanted = base_fingerprint(cursor, base)
        for name, fingerprint in spares_list(cursor):
            if fingerprint != wanted:
                continue  # left for spares_fill to drop, outside this transaction
            cursor.execute(
                "SELECT pg_try_advisory_xact_lock(%s, %s)", [LOCK_SPACE, _lock_key(name)]
            )
            if not cursor.fetchone()[0]:
                continue  # another creation is taking it
            cursor.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [name])
            if cursor.fetchone() is None:
                continue  # taken and committed between our list and our lock
            cursor.execute(
                f"ALTER SCHEMA {quote_identifier(name)} RENAME TO {quote_identifier(new)}"
            )
            cursor.execute(f"COMMENT ON SCHEMA {quote_identifier(new)} IS NULL")
            logger.info("schema %s made from spare %s", new, name)
            return True
    return False


def spare_make(*, base: str, attempts: int = 3) -> str:
    """One new spare copy of `base`, committed whole or not at all.

    A copy holds a lock per object it creates until it commits (about 2,400); several copies at
    once on one server can fill PostgreSQL's lock table ("out of shared memory", SQLSTATE 53200).
    The copy is one transaction, so it is rolled back whole and tried again a little later."""
    for attempt in range(1, attempts + 1):
        name = SPARE_PREFIX + secrets.token_hex(6)
        connection.set_schema_to_public()
        try:
            with transaction.atomic():
                schema_copy(base=base, new=name)
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"COMMENT ON SCHEMA {quote_identifier(name)} IS %s",
                        [base_fingerprint(cursor, base)],
                    )
            return name
        except OperationalError as exc:
            if attempt == attempts or getattr(exc.__cause__, "sqlstate", "") != "53200":
                raise
            logger.warning("spare copy %s ran out of lock slots; trying again", name)
            time.sleep(attempt)
    raise AssertionError("unreachable")


def spares_fill(*, base: str, count: int | None = None) -> int:
    """Drop the spares that no longer match the base schema and make new ones until `count`
    (REGENCY_SPARE_SCHEMAS) match; returns how many were made (0 when another process fills)."""
    with _fill_lock(wait=False) as held:
        return _fill(base=base, count=count) if held else 0


def spares_replace(*, base: str) -> int:
    """Every spare dropped, whatever its fingerprint, and new ones made (the base schema was just
    prepared again). Waits for a fill under way, so no spare copied before this survives it."""
    with _fill_lock(wait=True):
        _drop_all()
        return _fill(base=base, count=None)


def spares_drop_all() -> None:
    """Every spare, whatever its fingerprint (tests, and the benchmark's old path)."""
    with _fill_lock(wait=True):
        _drop_all()


def _drop_all() -> None:
    with connection.cursor() as cursor:
        names = [name for name, _fingerprint in spares_list(cursor)]
    for name in names:
        spare_drop(name)


@contextmanager
def _fill_lock(*, wait: bool) -> Iterator[bool]:
    connection.set_schema_to_public()
    key = [LOCK_SPACE, _lock_key("fill")]
    with connection.cursor() as cursor:
        if wait:
            cursor.execute("SELECT pg_advisory_lock(%s, %s), true", key)
        else:
            cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", key)
        held = bool(cursor.fetchone()[-1])
    try:
        yield held
    finally:
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", key)


def _fill(*, base: str, count: int | None) -> int:
    count = spares_wanted() if count is None else count
    with connection.cursor() as cursor:
        wanted = base_fingerprint(cursor, base)
        spares = spares_list(cursor)
    fitting = 0
    for name, fingerprint in spares:
        if fingerprint == wanted:
            fitting += 1
        else:
            spare_drop(name)
    for _index in range(count - fitting):
        spare_make(base=base)
    return max(count - fitting, 0)


def spare_drop(name: str) -> None:
    """Drop a spare, after any creation taking it at this moment has finished (then it is gone)."""
    if not name.startswith(SPARE_PREFIX):
        raise ValueError(f"refusing to drop schema {name!r}: not a spare")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_SPACE, _lock_key(name)])
        cursor.execute(f"DROP SCHEMA IF EXISTS {quote_identifier(name)} CASCADE")


def _lock_key(name: str) -> int:
    return zlib.crc32(name.encode()) & 0x7FFFFFFF
