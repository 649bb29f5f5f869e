"""A portal provisioned from a spare schema (docs/adr/0050) is the portal the copy made: the same
rows in every table, the same localisation, the same held values and the same launch state."""

import pytest
from django.db import connection

from onboarding.library import seed_templates_ensure, template_latest_version
from onboarding.models import Template
from onboarding.provisioning import ProvisioningSpec, provisioning_run, provisioning_start
from regencies.actions import RegencyRequest
from regencies.cloning import quote_identifier
from regencies.models import Regency
from regencies.schemas import base_schema_name, schema_drop
from regencies.spares import spares_drop_all, spares_fill, spares_list, spares_wanted

CODE, SCHEMA, KEPT = "74.13", "r_74_13", "cmp_copied_the_old_way"
# Columns that hold the moment or a random identity of a row's creation, never equal twice.
VOLATILE_TYPES = ("timestamp with time zone", "uuid")


def _provision_badung() -> None:
    version = template_latest_version(template=Template.objects.get(slug="model-badung"))
    job = provisioning_start(
        request=RegencyRequest(code=CODE, subdomain="munabarat", brand_name="MPP Muna Barat"),
        spec=ProvisioningSpec(admin_email="admin@munabarat.test", template_version_id=version.pk),
        enqueue=False,
    )
    assert provisioning_run(job_id=job.pk) == "done"


def _spare_names() -> list[str]:
    with connection.cursor() as cursor:
        return [name for name, _fingerprint in spares_list(cursor)]


def _dump(schema: str) -> dict[str, list[tuple]]:
    """Every table's rows, ordered, without the columns that hold a creation moment or something
    random: Wagtail's revision snapshots embed both, an admin without a password has a random
    unusable one."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname, array_agg(a.attname ORDER BY a.attnum)
              FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
             WHERE c.relnamespace = %s::regnamespace AND c.relkind = 'r' AND a.attnum > 0
               AND NOT a.attisdropped AND format_type(a.atttypid, a.atttypmod) <> ALL(%s)
               AND (c.relname, a.attname) NOT IN (('wagtailcore_revision', 'content'),
                                                  ('accounts_user', 'password'))
             GROUP BY c.relname ORDER BY c.relname""",
            [schema, list(VOLATILE_TYPES)],
        )
        tables = cursor.fetchall()
        dump = {}
        for table, columns in tables:
            cols = ", ".join(quote_identifier(c) for c in columns)
            row = cols if len(columns) == 1 else f"({cols})"
            cursor.execute(
                f"SELECT {row}::text FROM {quote_identifier(schema)}.{quote_identifier(table)}"
            )
            dump[table] = sorted(row[0] for row in cursor.fetchall())
        cursor.execute(
            """
            SELECT c.relname, a.attname, pg_get_serial_sequence(format('%%I.%%I', %s, c.relname),
                                                                a.attname)
              FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
             WHERE c.relnamespace = %s::regnamespace AND c.relkind = 'r' AND a.attidentity <> ''
             ORDER BY 1, 2""",
            [schema, schema],
        )
        for table, column, sequence in cursor.fetchall():
            cursor.execute(f"SELECT last_value, is_called FROM {sequence}")
            dump[f"sequence of {table}.{column}"] = [cursor.fetchone()]
    return dump


@pytest.mark.django_db(transaction=True)
def test_a_portal_from_a_spare_equals_one_copied_the_old_way():
    seed_templates_ensure()
    try:
        # Given the old way: no spare, so the base schema is copied table by table.
        spares_drop_all()
        _provision_badung()
        assert _spare_names() == []  # nothing was taken, nothing refilled
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER SCHEMA {SCHEMA} RENAME TO {KEPT}")
        Regency.objects.filter(code=CODE).delete()

        # When the same regency is provisioned again with a spare ready.
        spares_fill(base=base_schema_name(), count=1)
        (spare,) = _spare_names()
        _provision_badung()

        # Then the spare became its schema (and a new one was made for the next regency) ...
        assert spare not in _spare_names()
        assert len(_spare_names()) == spares_wanted()
        # ... and every table holds the same rows as the copy made the old way.
        old, new = _dump(KEPT), _dump(SCHEMA)
        assert {t: len(rows) for t, rows in new.items()} == {
            t: len(rows) for t, rows in old.items()
        }
        assert len(new["tenants_app_service"]) > 100  # the Badung template, not an empty portal
        assert len(new["cms_heldvalue"]) > 100
        assert new == old
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT published_at FROM {SCHEMA}.cms_portallaunch")
            assert cursor.fetchall() == [(None,)]  # "sedang disiapkan" until the admin publishes
            cursor.execute(
                f"SELECT count(*) FROM {SCHEMA}.tenants_app_agency WHERE name ~ 'Badung'"
            )
            assert cursor.fetchone() == (0,)  # localised for Muna Barat
    finally:
        schema_drop(SCHEMA)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {KEPT} CASCADE")
