"""The console's per-regency go-live progress is cached in each regency's own namespace under
its content version (satupintu.portal_door): a list of 500 regencies' rows must not re-run every
checklist, one regency's entry never answers another's, and a catalogue edit shows at once."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from cms.golive import golive_progress
from satupintu.portal_door import golive_progress_for_tenant
from tenants_app.catalogue.models import Location


def test_progress_is_read_once_kept_per_regency_and_follows_an_edit(alpha, beta):
    before = golive_progress_for_tenant(schema_name=alpha.schema_name)
    beta_before = golive_progress_for_tenant(schema_name=beta.schema_name)
    with CaptureQueriesContext(connection) as queries:
        assert golive_progress_for_tenant(schema_name=alpha.schema_name) == before
    assert not [q for q in queries.captured_queries if "search_path" not in q["sql"]]

    with schema_context(alpha.schema_name):
        locations = list(Location.objects.filter(is_active=True))
        for location in locations:  # saved as the admin does: bumps alpha's content version
            location.address, location.phone = "Jl. Contoh 1", "0361 000000"
            location.latitude, location.longitude = Decimal("-8.6"), Decimal("115.2")
            location.save()
        confirmed = golive_progress()  # the checklist itself, uncached
    assert locations
    assert confirmed["todo"] < before["todo"]  # the edit confirmed the locations

    assert golive_progress_for_tenant(schema_name=alpha.schema_name) == confirmed  # at once
    assert golive_progress_for_tenant(schema_name=beta.schema_name) == beta_before


def test_a_new_staff_member_shows_at_once_and_a_login_recomputes_nothing(alpha, beta):
    from accounts.models import User
    from satupintu.portal_door import console_figures_for_tenant

    def staff_group(schema_name: str) -> int:
        figures = console_figures_for_tenant(schema_name=schema_name)
        return figures["golive"]["todo"]

    with schema_context(alpha.schema_name):
        User.objects.filter(is_active=True).update(is_active=False)  # nobody: "invite staff" open
        User.objects.create_user(email="admin@alpha.test", password="x-panjang-sekali")
    from satupintu.portal_door import staff_changed

    with schema_context(alpha.schema_name):
        staff_changed()  # the bulk update above sends no signal
    before, beta_before = staff_group(alpha.schema_name), staff_group(beta.schema_name)

    with schema_context(alpha.schema_name):
        clerk = User.objects.create_user(email="clerk@alpha.test", password="x-panjang-sekali")
    assert staff_group(alpha.schema_name) == before - 1  # the staff group is done now
    assert staff_group(beta.schema_name) == beta_before

    with schema_context(alpha.schema_name):
        clerk.last_login = clerk.date_joined
        clerk.save(update_fields=["last_login"])
    with CaptureQueriesContext(connection) as queries:
        staff_group(alpha.schema_name)
    assert not [q for q in queries.captured_queries if "search_path" not in q["sql"]]


def test_the_console_list_leaves_what_its_budget_cannot_compute_to_the_worker(alpha, beta):
    from django.core.cache import cache

    from regencies.usage import PENDING, console_figures_for_tenants

    cache.clear()
    regencies = [alpha, beta]
    first = console_figures_for_tenants(regencies, budget_seconds=0)
    assert first == {alpha.pk: PENDING, beta.pk: PENDING}
    # Tasks run in-process in tests: the worker's warm-up has run by now.
    with CaptureQueriesContext(connection) as queries:
        second = console_figures_for_tenants(regencies, budget_seconds=0)
    assert second[alpha.pk]["golive"] == golive_progress_for_tenant(schema_name=alpha.schema_name)
    assert second[alpha.pk]["counts"]["services"] > 0
    assert second[alpha.pk] != second[beta.pk]  # each regency its own figures
    reads = [q["sql"] for q in queries.captured_queries if "search_path" not in q["sql"]]
    assert len(reads) == 1  # which schemas exist, nothing else
    assert "pg_namespace" in reads[0]


def test_the_beat_keeps_every_serving_regencys_figures(alpha, beta):
    from django.core.cache import cache

    from regencies.usage import console_figures_for_tenants
    from satupintu.fanout import job_get

    cache.clear()
    for regency in (alpha, beta):
        with schema_context(regency.schema_name):
            assert job_get("regencies.console_figures_keep")() is True
    kept = console_figures_for_tenants([alpha, beta], budget_seconds=0)
    assert all(isinstance(figures, dict) for figures in kept.values())
