"""Deploy-time migrations: which schemas are behind (one statement for all), and only those run.

A schema is made "behind" by deleting the row of a migration from its `django_migrations`. The
migration used is a leaf of the graph whose only operation is `AlterModelOptions`, so applying it
again changes no table; the first test guards that choice.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import AlterModelOptions
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import CaptureQueriesContext
from django_tenants.signals import schema_migrated
from django_tenants.utils import schema_context

from regencies.migrating import (
    SchemaLag,
    regency_schemas_migrate,
    schema_migrate_for_tenant,
    schemas_behind_list,
    tenant_migrations_required,
    tenant_schemas_get,
)
from regencies.models import Regency, RegencyStatus
from tests.conftest import ALPHA, BETA, ensure_regency
from tests.processes import ROOT, django_env

LEAF = ("wagtailredirects", "0008_add_verbose_name_plural")
# Its parent: unrecorded while LEAF is recorded, Django refuses to migrate the schema at all.
LEAF_PARENT = ("wagtailredirects", "0007_add_autocreate_fields")
ALPHA_SCHEMA, BETA_SCHEMA = "r_16_08", "r_64_01"


def forget(schema: str, migration: tuple[str, str]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f'DELETE FROM "{schema}".django_migrations WHERE app = %s AND name = %s',
            list(migration),
        )
        assert cursor.rowcount == 1


def recorded(schema: str, migration: tuple[str, str]) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT count(*) FROM "{schema}".django_migrations WHERE app = %s AND name = %s',
            list(migration),
        )
        (count,) = cursor.fetchone()
    return count == 1


def row_count(schema: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT count(*) FROM "{schema}".django_migrations')
        (count,) = cursor.fetchone()
    return count


@pytest.fixture
def migrated_schemas() -> Iterator[list[str]]:
    """The schemas django-tenants migrated in this process, in order (its own signal)."""
    seen: list[str] = []

    def receiver(sender, schema_name, **kwargs):
        seen.append(schema_name)

    schema_migrated.connect(receiver)
    try:
        yield seen
    finally:
        schema_migrated.disconnect(receiver)


def behind_now() -> list[SchemaLag]:
    return schemas_behind_list(
        schemas=tenant_schemas_get().recorded, required=tenant_migrations_required()
    )


def test_the_migration_these_tests_forget_is_a_state_only_leaf():
    loader = MigrationLoader(None, ignore_no_migrations=True)

    assert LEAF in loader.graph.leaf_nodes()
    assert loader.graph.node_map[LEAF].parents == {loader.graph.node_map[LEAF_PARENT]}
    assert [type(op) for op in loader.graph.nodes[LEAF].operations] == [AlterModelOptions]


def test_required_migrations_are_the_tenant_apps_only():
    required = tenant_migrations_required()

    assert LEAF in required
    assert ("tenants_app", "0001_initial") in required
    assert ("accounts", "0001_initial") in required  # installed in both schemas
    assert {app for app, _name in required}.isdisjoint({"regencies", "regions", "audit", "admin"})


def test_tenant_schemas_are_the_base_schema_then_every_regency(db, alpha, beta):
    schemas = tenant_schemas_get()

    regency_schemas = sorted(Regency.objects.values_list("schema_name", flat=True))
    assert schemas.recorded == ("base_regency", *regency_schemas)
    assert {ALPHA_SCHEMA, BETA_SCHEMA} <= set(regency_schemas)
    assert schemas.unrecorded == ()
    assert schemas.absent == ()


def test_up_to_date_schemas_are_not_behind(db, alpha, beta):
    assert behind_now() == []


def test_detection_finds_exactly_the_schema_missing_a_migration(db, alpha, beta):
    forget(ALPHA_SCHEMA, LEAF)

    assert behind_now() == [SchemaLag(schema=ALPHA_SCHEMA, missing=(LEAF,))]

    # Fake-applying it again (what `migrate --fake` would record) makes the schema current.
    with schema_context(ALPHA_SCHEMA):
        MigrationRecorder(connection).record_applied(*LEAF)
    assert behind_now() == []


def test_detection_asks_every_schema_in_one_statement(db, alpha, beta):
    schemas = tenant_schemas_get().recorded
    required = tenant_migrations_required()

    with CaptureQueriesContext(connection) as queries:
        schemas_behind_list(schemas=schemas, required=required)

    statements = [q["sql"] for q in queries.captured_queries if "django_migrations" in q["sql"]]
    assert len(statements) == 1
    assert [name for name in schemas if f'"{name}".django_migrations' in statements[0]] == list(
        schemas
    )


def test_a_regency_whose_schema_is_gone_is_reported_not_migrated(db, alpha, beta):
    Regency.objects.create(
        schema_name="r_99_98",
        code="99.98",
        name="Kabupaten Tanpa Skema",
        status=RegencyStatus.FAILED,
        time_zone="Asia/Jakarta",
    )

    schemas = tenant_schemas_get()

    assert schemas.absent == ("r_99_98",)
    assert "r_99_98" not in schemas.recorded + schemas.unrecorded


def test_a_run_with_nothing_behind_migrates_no_tenant_schema(db, alpha, beta, migrated_schemas):
    run = regency_schemas_migrate(parallel=1)

    assert migrated_schemas == ["public"]
    assert (run.behind, run.migrated, run.failed, run.absent) == ([], [], {}, [])
    assert run.checked == 1 + Regency.objects.count()
    assert run.summary().startswith(
        f"migrate_regencies checked={run.checked} behind=0 migrated=0 failed=0 absent=0 check_s="
    )


def test_a_behind_schema_is_migrated_and_no_other(db, alpha, beta, migrated_schemas):
    forget(ALPHA_SCHEMA, LEAF)

    run = regency_schemas_migrate(parallel=1, shared=False)

    assert migrated_schemas == [ALPHA_SCHEMA]
    assert (run.behind, run.migrated, run.failed) == ([ALPHA_SCHEMA], [ALPHA_SCHEMA], {})
    assert recorded(ALPHA_SCHEMA, LEAF)
    assert behind_now() == []


def test_a_rerun_after_an_interruption_migrates_only_what_is_left(db, alpha, beta):
    forget(ALPHA_SCHEMA, LEAF)
    forget(BETA_SCHEMA, LEAF)
    # The interrupted run had migrated alpha, then was killed before beta.
    assert schema_migrate_for_tenant(ALPHA_SCHEMA) is None
    seen: list[str] = []

    def receiver(sender, schema_name, **kwargs):
        seen.append(schema_name)

    schema_migrated.connect(receiver)
    try:
        run = regency_schemas_migrate(parallel=1, shared=False)
    finally:
        schema_migrated.disconnect(receiver)

    assert seen == [BETA_SCHEMA]
    assert run.behind == [BETA_SCHEMA]
    assert recorded(ALPHA_SCHEMA, LEAF)
    assert recorded(BETA_SCHEMA, LEAF)


def test_a_failing_schema_fails_the_command_and_the_others_still_migrate(db, alpha, beta):
    forget(ALPHA_SCHEMA, LEAF_PARENT)  # alpha's history is now inconsistent: Django refuses
    forget(BETA_SCHEMA, LEAF)
    alpha_rows = row_count(ALPHA_SCHEMA)
    out = StringIO()

    with pytest.raises(CommandError, match=f"^Migrating failed for: {ALPHA_SCHEMA}$"):
        call_command("migrate_regencies", parallel=1, stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].startswith(f"{ALPHA_SCHEMA}: FAILED InconsistentMigrationHistory: ")
    assert lines[1] == f"{BETA_SCHEMA}: migrated"
    assert lines[2].startswith(
        f"migrate_regencies checked={1 + Regency.objects.count()} behind=2 migrated=1 failed=1 "
    )
    assert row_count(ALPHA_SCHEMA) == alpha_rows  # nothing was written there
    assert recorded(BETA_SCHEMA, LEAF)


def child_database_url() -> str:
    """A DATABASE_URL naming the test database, for a child process."""
    db = connection.settings_dict
    if db["HOST"].startswith("/"):  # the embedded server's socket directory
        return f"postgres://{db['USER']}@/{db['NAME']}?host={db['HOST']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def test_the_command_migrates_in_parallel_worker_processes(django_db_setup, django_db_blocker):
    """End to end in a child process: its two workers each migrate one schema, committed."""
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        # A transactional test elsewhere may have flushed their rows (not their schemas).
        ensure_regency(ALPHA)
        ensure_regency(BETA)
        schema_count = 1 + Regency.objects.count()
        try:
            forget(ALPHA_SCHEMA, LEAF)
            forget(BETA_SCHEMA, LEAF)
            result = subprocess.run(
                [sys.executable, "manage.py", "migrate_regencies", "--parallel", "2"],
                cwd=ROOT,
                env=django_env(
                    DJANGO_SETTINGS_MODULE="satupintu.settings.test",
                    DATABASE_URL=child_database_url(),
                ),
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
            )
            after = (recorded(ALPHA_SCHEMA, LEAF), recorded(BETA_SCHEMA, LEAF))
        finally:
            # Put back what this test took away if the child did not (committed data).
            for schema in (ALPHA_SCHEMA, BETA_SCHEMA):
                if not recorded(schema, LEAF):
                    with schema_context(schema):
                        MigrationRecorder(connection).record_applied(*LEAF)
            connection.set_schema_to_public()

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:-1] == [f"{ALPHA_SCHEMA}: migrated", f"{BETA_SCHEMA}: migrated"]
    assert lines[-1].startswith(
        f"migrate_regencies checked={schema_count} behind=2 migrated=2 failed=0 absent=0 "
    )
    assert after == (True, True)
