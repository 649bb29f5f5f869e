"""Shared set-up for benchmarks: Django on a throwaway database of the configured server.

Benchmarks never touch the demo or test databases: each run creates `satupintu_bench_<name>`,
bootstraps it (public schema and the base schema), and drops it at the end.

Importing this module puts the project root on `sys.path`, so benchmarks can also use the process
helpers in `tests.processes`.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


@contextlib.contextmanager
def bench_database(name: str, keep: bool = False) -> Iterator[bool]:
    """Yields whether the database is new; `keep` keeps it after the run and reuses a kept one."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "satupintu.settings.test")
    from django.conf import settings

    db = settings.DATABASES["default"]
    # BENCH_DATABASE_SUFFIX keeps two people's runs on one server apart.
    bench_name = f"satupintu_bench_{name}{os.environ.get('BENCH_DATABASE_SUFFIX', '')}"
    if keep and _exists(db, bench_name):
        db["NAME"] = bench_name
        import django

        django.setup()
        quiet_logging()
        yield False
        return
    _admin(db, f'DROP DATABASE IF EXISTS "{bench_name}" WITH (FORCE)')
    _admin(db, f'CREATE DATABASE "{bench_name}"')
    db["NAME"] = bench_name
    import django

    django.setup()
    try:
        quiet_logging()
        from django.core.management import call_command

        from regencies.schemas import base_schema_prepare

        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        base_schema_prepare()
        yield True
    finally:
        from django.db import connections

        connections.close_all()
        if not keep:
            _admin(db, f'DROP DATABASE IF EXISTS "{bench_name}" WITH (FORCE)')


def _exists(db: dict, name: str) -> bool:
    with _maintenance(db) as conn:
        row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return row is not None


def _admin(db: dict, statement: str, attempts: int = 10) -> None:
    """Run a statement on the server's maintenance database; a DROP may have to wait for an
    autovacuum worker (which a non-superuser role cannot terminate) to finish."""
    import psycopg

    for attempt in range(attempts):
        try:
            return _admin_once(db, statement)
        except psycopg.errors.InsufficientPrivilege:
            if attempt == attempts - 1:
                raise
            time.sleep(1)
    return None


def _admin_once(db: dict, statement: str) -> None:
    with _maintenance(db) as conn:
        conn.execute(statement)


def _maintenance(db: dict):
    """A connection to the server's maintenance database (autocommit)."""
    import psycopg

    return psycopg.connect(
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


def timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def quiet_logging() -> None:
    import logging

    logging.disable(logging.WARNING)
