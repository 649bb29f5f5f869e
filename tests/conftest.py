"""Test fixtures: the real PostgreSQL database, the public schema, and two regencies built once per
session (`alpha` and `beta`) through the same clone path production uses.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import struct
import time
from collections.abc import Iterator

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django_tenants.utils import schema_context

from accounts.models import User
from regencies.models import Regency
from satupintu.page_cache import fragment_local_forget
from tests.clock import PINNED

OPERATOR_PASSWORD = "operator-kuat-2026"
STAFF_PASSWORD = "kata-sandi-123"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

ALPHA = {"code": "16.08", "subdomain": "alpha", "brand_name": "MPP Alpha"}
BETA = {"code": "64.01", "subdomain": "beta", "brand_name": "MPP Beta"}
PLATFORM_HOST = "localhost"


def ensure_regency(spec: dict) -> Regency:
    """The regency of `spec`, created through the clone path if its row is missing.

    A transactional test's flush empties the public tables but leaves schemas alone; the regency
    is then registered again and its existing schema reused.
    """
    from regencies.actions import RegencyRequest, regency_create

    regency = Regency.objects.filter(code=spec["code"]).first()
    if regency is None:
        regency = regency_create(request=RegencyRequest(**spec))
    connection.set_schema_to_public()
    return regency


def test_data_remove() -> None:
    """Bring a reused test database back to what pytest-django's migrations made: every regency
    schema dropped (the base schema, migrated, is kept) and the public tables emptied as a
    transactional test's teardown empties them (Django's flush; post_migrate then recreates the
    content types and permissions). Migrating is the slow part of a fresh database and is kept;
    whatever an earlier run committed is not: rows of transactional tests in alpha's and beta's
    schemas (their flush empties only the public schema), regencies a test created, and rows that
    tests without a test transaction committed after the last flush."""
    from django.core.management import call_command

    from regencies.schemas import base_schema_name, schema_drop

    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_schema FROM information_schema.tables"
            " WHERE table_name = 'django_migrations' AND table_schema NOT IN ('public', %s)",
            [base_schema_name()],
        )
        regency_schemas = [name for (name,) in cursor.fetchall()]
    for name in regency_schemas:
        schema_drop(name)
    call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """After pytest-django made (or reused) the test database: nothing of an earlier run left
    (`test_data_remove`), the base schema, and two regencies made as in a fresh database."""
    from onboarding.seeding import template_apply_for_tenant
    from regencies.schemas import base_schema_prepare
    from tests.factories.catalogues import alpha_catalogue, beta_catalogue

    with django_db_blocker.unblock():
        test_data_remove()
        base_schema_prepare()
        for spec, catalogue in ((ALPHA, alpha_catalogue), (BETA, beta_catalogue)):
            regency = ensure_regency(spec)
            with schema_context(regency.schema_name):
                from catalogue.models import Service

                has_catalogue = Service.objects.exists()
            if not has_catalogue:
                template_apply_for_tenant(regency, document=catalogue())
        connection.set_schema_to_public()


@pytest.fixture(autouse=True)
def _fresh_state():
    """Every test starts in the public schema with an empty cache."""
    with contextlib.suppress(Exception):
        connection.set_schema_to_public()
    cache.clear()
    fragment_local_forget()
    yield
    with contextlib.suppress(Exception):
        connection.set_schema_to_public()
    cache.clear()
    fragment_local_forget()


@pytest.fixture
def pinned_clock(time_machine):
    """The test runs at `tests.clock.PINNED` (Monday 09.00 WIB), time running on from there."""
    time_machine.move_to(PINNED, tick=True)
    return time_machine


@pytest.fixture
def alpha(db) -> Regency:
    return ensure_regency(ALPHA)


@pytest.fixture
def beta(db) -> Regency:
    return ensure_regency(BETA)


@contextlib.contextmanager
def in_schema(regency: Regency) -> Iterator[Regency]:
    with schema_context(regency.schema_name):
        yield regency


def host_of(regency: Regency) -> str:
    return f"{regency.domains.get(is_primary=True).domain}"


def staff_user(
    regency: Regency,
    email: str,
    *,
    password: str = STAFF_PASSWORD,
    group: str | None = None,
    superuser: bool = False,
    agencies: tuple[str, ...] | list[str] = (),
    pk: int | None = None,
) -> User:
    """A staff user of `regency` with a verified primary address; optionally in `group` (e.g.
    "Admin MPP"), a superuser, a member of the agencies keyed `agencies`, or with a chosen
    primary key."""
    from catalogue.models import Agency, AgencyMembership

    extra = {"pk": pk} if pk is not None else {}
    with in_schema(regency):
        user = User.objects.create_user(
            email=email, password=password, is_staff=True, is_superuser=superuser, **extra
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        if group:
            user.groups.add(Group.objects.get(name=group))
        for key in agencies:
            AgencyMembership.objects.create(user=user, agency=Agency.objects.get(key=key))
    return user


def staff_login(
    regency: Regency,
    email: str,
    password: str = STAFF_PASSWORD,
    *,
    totp_secret: str | None = None,
    ip: str = "127.0.0.1",
    lands: str = "/admin/",
) -> Client:
    """A client at `regency`'s host from address `ip`, signed in to its Wagtail admin through the
    host's one sign-in page (allauth's, where `/admin/login/` leads), with a TOTP code of
    `totp_secret` when the user has enrolled one; the user lands on `lands` (a counter officer,
    who may not use the admin, on the counter screen)."""
    client = Client(HTTP_HOST=host_of(regency), REMOTE_ADDR=ip)
    response = client.post("/accounts/login/?next=/admin/", {"login": email, "password": password})
    if totp_secret is not None:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/2fa/authenticate/")
        response = client.post(response["Location"], {"code": rfc6238_code(totp_secret)})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == lands
    return client


def staff_client(regency: Regency, email: str, *, lands: str = "/admin/", **options) -> Client:
    """`staff_user(regency, email, **options)`, signed in at `regency`'s admin (see
    `staff_login` for `lands`)."""
    staff_user(regency, email, **options)
    return staff_login(regency, email, options.get("password", STAFF_PASSWORD), lands=lands)


@pytest.fixture
def platform_client(db) -> Client:
    return Client(HTTP_HOST=PLATFORM_HOST)


@pytest.fixture
def alpha_client(alpha) -> Client:
    return Client(HTTP_HOST=host_of(alpha))


@pytest.fixture
def beta_client(beta) -> Client:
    return Client(HTTP_HOST=host_of(beta))


def data_queries(captured) -> int:
    """Queries that read or write data; django-tenants' `SET search_path` before each cursor is
    the price of never trusting a pooled connection's schema, and is not counted."""
    return sum(1 for q in captured.captured_queries if not q["sql"].startswith("SET search_path"))


def rfc6238_code(secret: str, at: float | None = None) -> str:
    """A TOTP code computed independently of allauth (RFC 6238, SHA-1, 30 s, 6 digits)."""
    counter = int((at or time.time()) // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def _operator(*, with_totp: bool, staff: bool = True) -> User:
    user = User.objects.create_user(
        email="operator@satupintu.test",
        password=OPERATOR_PASSWORD,
        is_staff=staff,
        is_superuser=staff,
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    if with_totp:
        TOTP.activate(user, SECRET)
    return user


def _password_login(client: Client):
    return client.post(
        "/accounts/login/", {"login": "operator@satupintu.test", "password": OPERATOR_PASSWORD}
    )


@pytest.fixture
def operator_client(db) -> Client:
    """An operator signed in with password and TOTP code, as production requires."""
    _operator(with_totp=True)
    client = Client(HTTP_HOST="localhost")
    first = _password_login(client)
    assert first.status_code == 302
    assert "/2fa/authenticate" in first["Location"]
    second = client.post(first["Location"], {"code": rfc6238_code(SECRET)})
    assert second.status_code == 302
    return client


@pytest.fixture
def fake_stripe(db):
    """The real `stripe` library talking to a local fake of Stripe's API (tests/stripe_fake.py),
    with the plan catalogue already synced to it."""
    from billing.actions import stripe_catalogue_sync
    from tests.stripe_fake import API_KEY, WEBHOOK_SECRET, FakeStripe

    fake = FakeStripe().start()
    with override_settings(
        STRIPE_API_KEY=API_KEY,
        STRIPE_API_BASE=fake.url,
        STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
        STRIPE_NETWORK_RETRIES=0,
    ):
        stripe_catalogue_sync()
        yield fake
    fake.stop()


from tests.browser import browser  # noqa: E402, F401  (the one browser of the run)
