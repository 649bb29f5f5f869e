"""Deploy-time migrations: public, then only the schemas that lack one. Schema: public -> tenant.

A stock `migrate_schemas` builds Django's migration plan once per schema, so a release with nothing
to apply still costs about half a second per regency (about 300 s for 553 regencies on 2 cores).
Here one statement asks every schema's `django_migrations` at once which of the migrations the
tenant apps define on disk it lacks, and the stock per-schema migration runs only where something
is missing, in parallel worker processes (benchmarks/migrations.py measures both).

Each schema is migrated on its own and the set is recomputed on every run, so a run that was
killed halfway is finished by the next one, which skips the schemas already done.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Protocol

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django_tenants.utils import get_public_schema_name

from regencies.cloning import quote_identifier
from regencies.models import Regency
from regencies.schemas import base_schema_name, base_schema_prepare
from satupintu.db import connection

logger = logging.getLogger(__name__)

Migration = tuple[str, str]


class Writer(Protocol):
    """Where progress lines go: a command's stdout, or any text stream."""

    def write(self, text: str, /) -> object: ...


@dataclass(frozen=True)
class SchemaLag:
    """A schema and the tenant migrations (app label, name) its `django_migrations` lacks."""

    schema: str
    missing: tuple[Migration, ...]


@dataclass(frozen=True)
class TenantSchemas:
    """The schemas a tenant migration pass covers, as found in the database."""

    # Schemas that exist and have a `django_migrations` table.
    recorded: tuple[str, ...]
    # Schemas that exist but were never migrated (no `django_migrations` table yet).
    unrecorded: tuple[str, ...]
    # Regencies whose schema does not exist (a failed creation dropped it): nothing to migrate.
    absent: tuple[str, ...]


@dataclass
class MigrationRun:
    """What one `regency_schemas_migrate` did; `summary()` is the line operators read."""

    checked: int = 0
    behind: list[str] = field(default_factory=list)
    migrated: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    absent: list[str] = field(default_factory=list)
    check_seconds: float = 0.0
    total_seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"migrate_regencies checked={self.checked} behind={len(self.behind)} "
            f"migrated={len(self.migrated)} failed={len(self.failed)} "
            f"absent={len(self.absent)} check_s={self.check_seconds:.3f} "
            f"total_s={self.total_seconds:.1f}"
        )


# --- reading ----------------------------------------------------------------------------------


def tenant_app_labels() -> frozenset[str]:
    return frozenset(
        config.label for config in apps.get_app_configs() if config.name in settings.TENANT_APPS
    )


def tenant_migrations_required() -> frozenset[Migration]:
    """Every (app label, name) of a tenant app's migration on disk, as Django's graph has them.

    The loader reads the migration files once, without a connection, so a squashed migration
    stands for the ones it replaces (Django records its name once they are all applied).
    Migrations of public-only apps are left out: in a regency schema the router turns them into
    no-ops, so a release that only adds one of them leaves the regency schemas alone.
    """
    labels = tenant_app_labels()
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return frozenset(key for key in loader.graph.nodes if key[0] in labels)


def tenant_schemas_get() -> TenantSchemas:
    """The base schema and every regency's schema, split by what exists in the database."""
    public = get_public_schema_name()
    regency_schemas = sorted(
        set(Regency.objects.exclude(schema_name=public).values_list("schema_name", flat=True))
    )
    wanted = [base_schema_name(), *regency_schemas]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT n.nspname,
                   EXISTS (SELECT 1 FROM pg_class c
                           WHERE c.relnamespace = n.oid AND c.relname = 'django_migrations'
                             AND c.relkind IN ('r', 'p'))
            FROM pg_namespace n
            WHERE n.nspname = ANY(%s)
            """,
            [wanted],
        )
        found = dict(cursor.fetchall())
    base = base_schema_name()
    # The base schema goes first: regencies are cloned from it, so it is migrated before them.
    ordered = [base, *(name for name in regency_schemas if name != base)]
    return TenantSchemas(
        recorded=tuple(name for name in ordered if found.get(name) is True),
        unrecorded=tuple(name for name in ordered if found.get(name) is False),
        absent=tuple(name for name in regency_schemas if name not in found),
    )


def schemas_behind_list(
    *, schemas: Sequence[str], required: Iterable[Migration]
) -> list[SchemaLag]:
    """The schemas among `schemas` lacking any of `required`, in `schemas` order.

    One statement for all of them: a UNION ALL with one anti-join per schema against the
    required set, so the cost is one round trip, not one migration plan per schema. Every name
    in `schemas` must have a `django_migrations` table (`tenant_schemas_get().recorded`).
    """
    required = sorted(required)
    if not schemas or not required:
        return []
    branches = [
        # Schema names come from pg_namespace and are quoted as identifiers.
        f"SELECT %s AS schema_name, r.app, r.name FROM required r WHERE NOT EXISTS ("  # noqa: S608
        f"SELECT 1 FROM {quote_identifier(name)}.django_migrations m "
        f"WHERE m.app = r.app AND m.name = r.name)"
        for name in schemas
    ]
    required_rows = "WITH required (app, name) AS (SELECT * FROM unnest(%s::text[], %s::text[]))"
    statement = f"{required_rows} {' UNION ALL '.join(branches)}"
    params: list[object] = [[app for app, _n in required], [name for _a, name in required]]
    params.extend(schemas)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    missing: dict[str, list[Migration]] = {}
    for schema, app, name in rows:
        missing.setdefault(schema, []).append((app, name))
    return [
        SchemaLag(schema=name, missing=tuple(sorted(missing[name])))
        for name in schemas
        if name in missing
    ]


# --- writing ----------------------------------------------------------------------------------


def schema_migrate_for_tenant(schema_name: str, *, verbosity: int = 0) -> str | None:
    """Run the stock migration of one tenant schema; the error as text, or None when it worked.

    Errors are returned, not raised, so one broken regency does not stop the others; the run
    reports it and exits non-zero.
    """
    try:
        if schema_name == base_schema_name():
            # The base schema also holds the portal skeleton and sequence names clones rely on.
            base_schema_prepare(verbosity=verbosity)
        else:
            call_command(
                "migrate_schemas",
                tenant=True,
                schema_name=schema_name,
                executor="standard",
                interactive=False,
                verbosity=verbosity,
            )
    except Exception as exc:
        logger.exception("migrating schema %s failed", schema_name)
        return f"{type(exc).__name__}: {exc}"
    finally:
        connection.set_schema_to_public()
    return None


def _migrate_in_worker(schema_name: str, verbosity: int) -> str | None:
    return schema_migrate_for_tenant(schema_name, verbosity=verbosity)


def _migrate_many(schemas: list[str], *, parallel: int, verbosity: int) -> dict[str, str | None]:
    if parallel <= 1 or len(schemas) <= 1:
        return {name: schema_migrate_for_tenant(name, verbosity=verbosity) for name in schemas}
    # Forked workers inherit the loaded apps and settings (django-tenants' multiprocessing
    # executor does the same); they must not inherit an open socket to the database.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(parallel, len(schemas)), mp_context=context) as pool:
        results = pool.map(_migrate_in_worker, schemas, [verbosity] * len(schemas))
        return dict(zip(schemas, results, strict=True))


def regency_schemas_migrate(
    *,
    parallel: int = 2,
    shared: bool = True,
    verbosity: int = 1,
    stdout: Writer | None = None,
) -> MigrationRun:
    """Migrate the public schema (unless `shared` is False), then every tenant schema behind.

    The base schema is migrated first and on its own; the regencies after it, `parallel` at a
    time. After a round the check is repeated, so a regency cloned from the old base schema while
    this ran is caught too; a schema is tried at most once per run.
    """
    started = time.perf_counter()
    run = MigrationRun()
    child_verbosity = max(verbosity - 1, 0)
    if shared:
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=child_verbosity)
    required = tenant_migrations_required()
    attempted: set[str] = set()
    first_round = True
    while True:
        check_started = time.perf_counter()
        schemas = tenant_schemas_get()
        lags = schemas_behind_list(schemas=schemas.recorded, required=required)
        if first_round:
            run.check_seconds = time.perf_counter() - check_started
            run.checked = len(schemas.recorded) + len(schemas.unrecorded)
            run.absent = list(schemas.absent)
            first_round = False
        behind = [
            name
            for name in (*schemas.unrecorded, *(lag.schema for lag in lags))
            if name not in attempted
        ]
        base = base_schema_name()
        if base not in attempted and base not in schemas.recorded + schemas.unrecorded:
            behind.insert(0, base)  # a new installation: the base schema does not exist yet
        if not behind:
            break
        attempted.update(behind)
        run.behind.extend(behind)
        ordered = sorted(behind, key=lambda name: name != base)
        results: dict[str, str | None] = {}
        if ordered[0] == base:
            results[base] = schema_migrate_for_tenant(base, verbosity=child_verbosity)
            ordered = ordered[1:]
        results.update(_migrate_many(ordered, parallel=parallel, verbosity=child_verbosity))
        for name, error in results.items():
            if error is None:
                run.migrated.append(name)
            else:
                run.failed[name] = error
            if stdout is not None and verbosity >= 1:
                stdout.write(f"{name}: {'migrated' if error is None else 'FAILED ' + error}\n")
    run.total_seconds = time.perf_counter() - started
    return run
