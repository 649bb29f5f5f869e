"""Fixtures of the complaint tests: the module switched on by the plan, and the staff roles."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.test import Client

from billing.actions import plans_ensure
from billing.models import Plan, Subscription
from staff.actions import roles_sync
from staff.roles import ROLE_AGENCY_ADMIN, ROLE_COMPLAINT_VERIFIER
from tests.clock import WITA
from tests.conftest import in_schema, staff_client
from tests.notify.conftest import fake_server, providers  # noqa: F401  (the fake providers)

# Monday 16 March 2026, three days before Nyepi and the Idul Fitri holidays.
BEFORE_NYEPI = datetime(2026, 3, 16, 9, 0, tzinfo=WITA)


def plan_set(regency, code: str) -> None:
    plans_ensure()
    Subscription.objects.update_or_create(
        regency=regency, defaults={"plan": Plan.objects.get(code=code)}
    )


def roles_ensure(regency) -> None:
    with in_schema(regency):
        roles_sync()


@pytest.fixture
def complaints_on(alpha, beta):
    for regency in (alpha, beta):
        plan_set(regency, "lengkap")
        roles_ensure(regency)
    return alpha


def coordinator_client(regency, email="koordinator@alpha.test") -> Client:
    return staff_client(regency, email, group=ROLE_COMPLAINT_VERIFIER)


def agency_client(regency, agency_key: str, email: str) -> Client:
    return staff_client(regency, email, group=ROLE_AGENCY_ADMIN, agencies=(agency_key,))
