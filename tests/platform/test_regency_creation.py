"""Creating regencies: the clone path, the command, bad input, and failure."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client, override_settings
from django_tenants.utils import schema_context, schema_exists

from audit.models import AuditEntry
from regencies.actions import RegencyBuildError, RegencyRequest, regency_create
from regencies.models import Domain, Regency


def _counts():
    return Regency.objects.count(), Domain.objects.count()


def test_database_role_is_not_a_superuser(db):
    """Every test (and so every clone below) runs as a role without superuser rights."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        (is_superuser,) = cursor.fetchone()
    if is_superuser:
        pytest.skip("DATABASE_URL connects as a superuser; point it at a NOSUPERUSER role (README)")
    assert is_superuser is False


def test_create_regency_command_clones_the_base_schema(db, capsys):
    call_command("create_regency", code="74.13", subdomain="munabarat", brand="MPP Muna Barat")

    regency = Regency.objects.get(code="74.13")
    assert regency.status == "active"
    assert regency.activated_at is not None
    assert regency.time_zone == "Asia/Makassar"
    assert regency.schema_name == "r_74_13"
    assert schema_exists("r_74_13")
    assert list(regency.domains.values_list("domain", "is_primary")) == [
        ("munabarat.localhost", True)
    ]
    assert "munabarat.localhost" in capsys.readouterr().out
    with schema_context("r_74_13"):
        from wagtail.models import Site

        site = Site.objects.get(is_default_site=True)
        assert site.hostname == "munabarat.localhost"
        assert site.root_page.specific.title == "MPP Muna Barat"
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM django_migrations")
            (applied,) = cursor.fetchone()
    with schema_context("base_regency"), connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM django_migrations")
        (base_applied,) = cursor.fetchone()
    assert applied == base_applied > 50
    assert AuditEntry.objects.filter(regency=regency, action="regency.activate").exists()
    response = Client(HTTP_HOST="munabarat.localhost").get("/")
    assert response.status_code == 200
    assert "MPP Muna Barat" in response.text


def test_new_regency_time_zone_follows_the_province(db):
    papua = regency_create(request=RegencyRequest(code="91.03", subdomain="jayapura-kab"))
    jakarta = regency_create(request=RegencyRequest(code="31.71", subdomain="jaksel"))

    assert papua.time_zone == "Asia/Jayapura"
    assert jakarta.time_zone == "Asia/Jakarta"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"code": "99.99", "subdomain": "entah"}, "tidak ada di data wilayah"),
        ({"code": "16.08", "subdomain": "okutimur"}, "sudah memiliki portal"),
        ({"code": "74.13", "subdomain": "www"}, "dicadangkan"),
        ({"code": "74.13", "subdomain": "admin"}, "dicadangkan"),
        ({"code": "74.13", "subdomain": "Muna Barat!"}, "huruf kecil"),
        ({"code": "74.13", "subdomain": "muna-"}, "huruf kecil"),
        ({"code": "74.13", "subdomain": "mb"}, "3 sampai 40"),
        ({"code": "74.13", "subdomain": "alpha"}, "sudah dipakai"),
        ({"code": "74.13", "subdomain": "munabarat", "domain": ["beta.localhost"]}, "subdomain"),
        ({"code": "74.13", "subdomain": "munabarat", "domain": ["bukan domain"]}, "tidak valid"),
    ],
)
def test_create_regency_refuses_bad_input_and_creates_nothing(alpha, options, message):
    before = _counts()

    with pytest.raises(CommandError) as excinfo:
        call_command("create_regency", **options)

    assert message in str(excinfo.value)
    assert _counts() == before
    assert not schema_exists("r_74_13")


def test_a_duplicate_custom_domain_is_refused(alpha):
    from regencies.actions import domain_add

    domain_add(regency=alpha, hostname="mpp.okutimurkab.go.id", actor=None)
    before = _counts()

    with pytest.raises(CommandError, match="sudah dipakai"):
        call_command(
            "create_regency", code="74.13", subdomain="munabarat", domain=["mpp.okutimurkab.go.id"]
        )

    assert _counts() == before


@override_settings(TENANT_BASE_SCHEMA="no_such_base_schema")
def test_a_regency_whose_creation_fails_ends_failed_with_the_reason(db):
    with pytest.raises(RegencyBuildError):
        regency_create(request=RegencyRequest(code="74.13", subdomain="munabarat"))

    regency = Regency.objects.get(code="74.13")
    assert regency.status == "failed"
    assert "no_such_base_schema" in regency.status_reason
    assert regency.activated_at is None
    assert not schema_exists("r_74_13")
    assert AuditEntry.objects.filter(regency=regency, action="regency.failed").exists()
    # A failed regency never serves a portal that looks active.
    response = Client(HTTP_HOST="munabarat.localhost").get("/")
    assert response.status_code == 503
    assert "sedang disiapkan" in response.text.lower()


def _structure(schema: str) -> dict[str, list]:
    """Tables with columns, constraints and indexes (names and definitions) of a schema."""
    with connection.cursor() as cursor:
        cursor.execute(f'SET LOCAL search_path TO "{schema}"')
        cursor.execute(
            """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   a.attidentity, pg_get_expr(d.adbin, d.adrelid)
              FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
              LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
             WHERE c.relnamespace = %s::regnamespace AND c.relkind = 'r' AND a.attnum > 0
               AND NOT a.attisdropped ORDER BY 1, 2""",
            [schema],
        )
        columns = cursor.fetchall()
        cursor.execute(
            """SELECT c.relname, con.conname, pg_get_constraintdef(con.oid) FROM pg_constraint con
               JOIN pg_class c ON c.oid = con.conrelid WHERE con.connamespace = %s::regnamespace
               ORDER BY 1, 2""",
            [schema],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = %s ORDER BY 1", [schema]
        )
        # A partial index's WHERE clause is printed differently once re-parsed (same meaning), so
        # predicates are compared by presence; names, columns and uniqueness by text.
        indexes = [
            (
                name,
                definition.replace(f"{schema}.", "").split(" WHERE ")[0],
                " WHERE " in definition,
            )
            for name, definition in cursor.fetchall()
        ]
        cursor.execute("SET LOCAL search_path TO DEFAULT")
    return {"columns": columns, "constraints": constraints, "indexes": indexes}


def test_a_clone_has_exactly_the_structure_names_and_rows_of_the_base_schema(alpha):
    base = _structure("base_regency")
    clone = _structure(alpha.schema_name)

    assert clone["columns"] == base["columns"]
    assert clone["constraints"] == base["constraints"]
    assert clone["indexes"] == base["indexes"]
    assert len(base["indexes"]) > 200


def test_a_clone_continues_identity_sequences_and_keeps_foreign_keys(db):
    from django.db import IntegrityError, transaction

    regency = regency_create(request=RegencyRequest(code="74.13", subdomain="munabarat"))
    with schema_context(regency.schema_name):
        from wagtail.models import Page

        home = Page.objects.get(depth=2)
        child = home.add_child(instance=Page(title="Halaman uji", slug="halaman-uji"))
        assert child.pk > home.pk  # the identity sequence continued after the copied rows
        orphan_revision = (
            "SET CONSTRAINTS ALL IMMEDIATE; "  # Django's foreign keys are deferred
            "INSERT INTO wagtailcore_revision (content_type_id, base_content_type_id, "
            "object_id, content, created_at, user_id, object_str, approved_go_live_at) "
            "VALUES (999999, 999999, '1', '{}', now(), NULL, 'x', NULL)"
        )
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(orphan_revision)
