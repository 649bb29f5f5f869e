"""Who is building a regency right now: one builder at a time per regency code. Schema: public.

Whoever creates or finishes a regency (the `create_regency` command, the console, a provisioning
job, the stuck-regency sweep, the demo) holds the regency's build lock for as long as it works on
it. The lock is a PostgreSQL session-level advisory lock keyed by the regency's Kemendagri code:
it is taken before the regency's row exists (so there is no moment when a row is being built by
nobody), it outlives the transactions inside the build (the clone is one of them), and PostgreSQL
releases it when the holder's connection ends. A killed builder therefore leaves no lock behind,
and "nobody holds the lock" is exactly "nobody is building it" (docs/adr/0016).
"""

from __future__ import annotations

import logging
import sys
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError

from satupintu.db import connection

logger = logging.getLogger(__name__)

# An arbitrary number naming this lock's key space; pg_locks shows it as `classid`.
LOCK_SPACE = 50201


def lock_key(code: str) -> int:
    """`64.01` -> 6401: Kemendagri kab/kota codes are NN.NN, so the key is exact. Anything else
    (input not yet validated) gets a checksum; no regency is ever registered with such a code."""
    digits = code.replace(".", "")
    if digits.isdigit() and len(digits) <= 9:
        return int(digits)
    return zlib.crc32(code.encode()) & 0x7FFFFFFF


@contextmanager
def regency_build_lock(code: str) -> Iterator[bool]:
    """Hold the build lock of the regency with `code` for the block.

    Yields True when this process holds it, False (at once, without waiting) when another live
    process does. Nested use in one process is allowed (PostgreSQL counts the holds).
    """
    key = lock_key(code)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_SPACE, key])
        held = bool(cursor.fetchone()[0])
    try:
        yield held
    finally:
        if held:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_SPACE, key])
            except DatabaseError:
                # The connection broke: the lock went with it.
                logger.warning("could not release the build lock of %s", code, exc_info=True)


def regency_builder_alive(code: str) -> bool:
    """Whether another live process holds the build lock of the regency with `code`.

    Read from pg_locks without taking the lock, so looking (the console does) never makes a
    builder that starts at that instant think it is busy. Advisory locks belong to one database;
    pg_locks shows every database's, so the query keeps to ours.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT EXISTS (
                SELECT 1 FROM pg_locks
                 WHERE locktype = 'advisory' AND classid = %s::oid AND objid = %s::oid
                   AND objsubid = 2 AND granted AND pid <> pg_backend_pid()
                   AND database = (SELECT oid FROM pg_database
                                    WHERE datname = current_database()))""",
            [LOCK_SPACE, lock_key(code)],
        )
        return bool(cursor.fetchone()[0])


def pause_point(name: str) -> None:
    """A seam for crash tests: a process started with REGENCY_CREATE_PAUSE_AT=<name> says so on
    stderr and waits there, so a test can kill it at a known point of a creation."""
    if getattr(settings, "REGENCY_CREATE_PAUSE_AT", "") != name:
        return
    sys.stderr.write(f"satupintu: paused at {name}\n")
    sys.stderr.flush()
    time.sleep(getattr(settings, "REGENCY_CREATE_PAUSE_SECONDS", 60))
