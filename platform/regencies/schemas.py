"""The PostgreSQL side of regencies: the base schema and cloning it. Schema: public -> tenant.

A new regency's schema is a copy of `TENANT_BASE_SCHEMA`, a schema that has every tenant migration
applied and the portal's skeleton pages in place, so creating a regency costs one clone instead of
running ~50 Wagtail migrations (benchmarks/provisioning.py measures both).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django_tenants.utils import schema_exists

from regencies.building import pause_point
from regencies.cloning import quote_identifier
from regencies.spares import spare_take, spares_replace
from satupintu.db import connection
from satupintu.portal_door import portal_skeleton_ensure_for_tenant

logger = logging.getLogger(__name__)


def base_schema_name() -> str:
    return settings.TENANT_BASE_SCHEMA


def base_schema_prepare(*, verbosity: int = 0) -> None:
    """Create or bring up to date the base schema every regency is cloned from."""
    name = base_schema_name()
    if not schema_exists(name):
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE SCHEMA "{name}"')
    call_command(
        "migrate_schemas", schema_name=name, tenant=True, interactive=False, verbosity=verbosity
    )
    portal_skeleton_ensure_for_tenant(schema_name=name)
    _rename_legacy_sequences(name)
    # Spares copied before this may lack what was just migrated or written (docs/adr/0050).
    spares_replace(base=name)


def _rename_legacy_sequences(schema: str) -> None:
    """Give sequences the names of the tables they serve.

    Wagtail renamed `wagtailcore_pagerevision` to `wagtailcore_revision`, but PostgreSQL kept the
    identity sequence's old name. django-tenants' `clone_schema` derives each sequence's name from
    its table, and as a non-superuser failed on the orphan-looking `..._pagerevision_id_seq`. Our
    own clone (regencies.cloning) does not depend on names, but the base schema stays tidy so that
    django-tenants' `clone_tenant` command also works for a non-superuser role.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT s.relname, t.relname, a.attname
            FROM pg_class s
            JOIN pg_namespace n ON n.oid = s.relnamespace
            JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
            JOIN pg_class t ON t.oid = d.refobjid
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
            WHERE s.relkind = 'S' AND n.nspname = %s
            """,
            [schema],
        )
        for seq, table, column in cursor.fetchall():
            wanted = f"{table}_{column}_seq"
            if seq != wanted and len(wanted) <= 63:
                logger.info("renaming sequence %s.%s to %s", schema, seq, wanted)
                cursor.execute(f'ALTER SEQUENCE "{schema}"."{seq}" RENAME TO "{wanted}"')


def schema_clone_from_base(new_schema: str) -> None:
    """Make `new_schema` a copy of the base schema (structure and data), atomically: a spare copy
    made ahead of time renamed (docs/adr/0050), else a copy made now."""
    from regencies.cloning import schema_copy

    base = base_schema_name()
    if not schema_exists(base):
        raise RuntimeError(f"Skema dasar '{base}' belum disiapkan (jalankan manage.py bootstrap).")
    connection.set_schema_to_public()
    with transaction.atomic():
        if spare_take(base=base, new=new_schema):
            transaction.on_commit(spares_refill_enqueue)
        else:
            schema_copy(base=base, new=new_schema)
        pause_point("cloning")  # the copy is made but not committed


def spares_refill_enqueue() -> None:
    """A worker makes a new spare for the one taken (off the new regency's path)."""
    from regencies.tasks import spares_refill
    from satupintu.tasks_runtime import enqueue

    enqueue(spares_refill)


def schema_drop(schema: str) -> None:
    if schema in ("public", base_schema_name()) or not schema:
        raise ValueError(f"refusing to drop schema {schema!r}")
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        if not connection.get_autocommit():
            # Deferred foreign-key checks pending in this transaction would block the drop
            # ("pending trigger events"); run them first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def schemas_existing(names: list[str]) -> set[str]:
    """Which of these schemas exist, in one query (schema_exists asks one at a time)."""
    if not names:
        return set()
    with connection.cursor() as cursor:
        cursor.execute("SELECT nspname FROM pg_namespace WHERE nspname = ANY(%s)", [names])
        return {row[0] for row in cursor.fetchall()}


def schema_problems(schema: str) -> list[str]:
    """What a regency schema lacks compared with the base schema it was cloned from; empty when
    it is whole. Checked before a regency is activated, so a half-made copy never serves.

    Whole means: every table, sequence and index and every constraint of the base schema under
    the same name, every migration the base schema records, and a default Wagtail site whose
    home page exists.
    """
    base = base_schema_name()
    existing = schemas_existing([schema, base])
    if schema not in existing:
        return [f"skema {schema} tidak ada"]
    if base not in existing:
        return [f"skema dasar {base} tidak ada, tidak dapat dibandingkan"]
    names = {"base": base, "new": schema}
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT relkind::text, relname FROM pg_class
             WHERE relnamespace = %(base)s::regnamespace AND relkind IN ('r', 'S', 'i')
            EXCEPT
            SELECT relkind::text, relname FROM pg_class
             WHERE relnamespace = %(new)s::regnamespace AND relkind IN ('r', 'S', 'i')
            UNION ALL (
            SELECT 'c', conname FROM pg_constraint WHERE connamespace = %(base)s::regnamespace
            EXCEPT
            SELECT 'c', conname FROM pg_constraint WHERE connamespace = %(new)s::regnamespace)
            ORDER BY 1, 2""",
            names,
        )
        kinds = {"r": "tabel", "S": "sekuens", "i": "indeks", "c": "constraint"}
        problems = [f"{kinds[kind]} {name} tidak ada" for kind, name in cursor.fetchall()]
        if problems:
            return problems
        b, n = quote_identifier(base), quote_identifier(schema)
        cursor.execute(
            f"SELECT app, name FROM {b}.django_migrations "  # noqa: S608 - quoted schema names
            f"EXCEPT SELECT app, name FROM {n}.django_migrations ORDER BY 1, 2"
        )
        problems = [f"migrasi {app}.{name} belum diterapkan" for app, name in cursor.fetchall()]
        cursor.execute(
            f"SELECT count(*) FROM {n}.wagtailcore_site s "  # noqa: S608 - quoted schema name
            f"JOIN {n}.wagtailcore_page p ON p.id = s.root_page_id WHERE s.is_default_site"
        )
        if cursor.fetchone()[0] != 1:
            problems.append("situs Wagtail bawaan dengan halaman berandanya tidak ada")
    return problems
