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
