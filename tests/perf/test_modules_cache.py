"""A regency's plan modules are cached (every citizen page asks) and forgotten when its
subscription or a plan changes, per regency."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from billing.models import Plan
from billing.selectors import regency_modules
from tests.complaints.conftest import plan_set


def test_modules_are_cached_per_regency_and_follow_subscription_and_plan_changes(alpha, beta):
    assert not regency_modules(schema_name=alpha.schema_name).complaints
    plan_set(alpha, "lengkap")
    assert regency_modules(schema_name=alpha.schema_name).complaints  # subscription changed
    assert not regency_modules(schema_name=beta.schema_name).complaints  # beta's own entry
    with CaptureQueriesContext(connection) as queries:
        assert regency_modules(schema_name=alpha.schema_name).complaints
    assert not queries.captured_queries
    plan = Plan.objects.get(code="lengkap")
    plan.complaint_module = False
    plan.save()
    assert not regency_modules(schema_name=alpha.schema_name).complaints  # plan changed
