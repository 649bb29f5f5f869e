"""The dashboard's reading of the queue's and complaints' figures: absent apps are None (the
dashboard says "tidak aktif"); present ones are read in the shape their branches return. The
neighbours' modules are stood in for by the shape they return (the contract), registered as
installed and in the plan for the test only."""

from __future__ import annotations

import sys
import types
from datetime import date

import pytest
from django.apps import apps

from billing.selectors import RegencyModules
from surveys import neighbours

QUEUE_SHAPE = {
    "total": {
        "tickets": 1200,
        "served": 1100,
        "no_shows": 80,
        "wait_median": 14.5,
        "service_median": 6.0,
    },
    "by_service": [],
    "by_agency": [],
    "by_counter": [],
    "by_officer": [],
}
COMPLAINT_SHAPE = {"received": 40, "closed": 35, "closed_within_deadlines": 33, "by_month": []}


def test_modules_absent_or_off_in_the_plan_give_none(db):
    """Test regencies have no plan: an installed module (complaints) is off as well."""
    kwargs = {"start": date(2026, 1, 1), "end": date(2026, 6, 30), "agency_ids": None}
    assert neighbours.queue_figures_get(**kwargs) is None
    assert neighbours.complaint_figures_get(**kwargs) is None
    assert (
        neighbours.service_users_from_queue(start=date(2026, 1, 1), end=date(2026, 6, 30)) is None
    )


@pytest.fixture
def installed_neighbours(monkeypatch, db):
    calls = []

    def breakdown(*, start, end, agency_ids, detail, kept=True):
        calls.append(("queue_breakdown", start, end, agency_ids))
        return QUEUE_SHAPE

    monkeypatch.setattr(neighbours, "queue_breakdown", breakdown)  # the rollup's reading
    for _app, module, function, shape in (
        ("complaints", "complaints.figures", "complaint_figures", COMPLAINT_SHAPE),
    ):
        stand_in = types.ModuleType(module)

        def figures(*, start, end, agency_ids, shape=shape, name=function, detail=True):
            calls.append((name, start, end, agency_ids))
            return shape

        setattr(stand_in, function, figures)
        monkeypatch.setitem(sys.modules, module, stand_in)
    real = apps.is_installed
    monkeypatch.setattr(
        apps, "is_installed", lambda name: name in {"queueing", "complaints"} or real(name)
    )
    monkeypatch.setattr(neighbours, "regency_modules", _both_modules_on)
    return calls


def _both_modules_on(*, schema_name: str) -> RegencyModules:
    return RegencyModules(queue=True, complaints=True)


def test_present_modules_are_read_in_their_shape(installed_neighbours):
    kwargs = {"start": date(2026, 1, 1), "end": date(2026, 6, 30), "agency_ids": {3}}
    assert neighbours.queue_figures_get(**kwargs) == {
        "tickets": 1200,
        "served": 1100,
        "no_shows": 80,
        "wait_minutes_median": 14.5,
        "service_minutes_median": 6.0,
    }
    assert neighbours.complaint_figures_get(**kwargs) == {
        "received": 40,
        "closed": 35,
        "closed_within_deadline": 33,
    }
    assert (
        neighbours.service_users_from_queue(start=date(2025, 7, 1), end=date(2025, 12, 31)) == 1100
    )
    assert installed_neighbours[0] == ("queue_breakdown", date(2026, 1, 1), date(2026, 6, 30), {3})


def test_a_failing_neighbour_does_not_take_the_dashboard_down(monkeypatch, db):
    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(neighbours, "queue_breakdown", broken)
    real = apps.is_installed
    monkeypatch.setattr(apps, "is_installed", lambda name: name == "queueing" or real(name))
    monkeypatch.setattr(neighbours, "regency_modules", _both_modules_on)
    assert (
        neighbours.queue_figures_get(start=date(2026, 1, 1), end=date(2026, 1, 31), agency_ids=None)
        is None
    )


def test_kpi_page_and_dashboard_show_the_neighbours_figures(
    installed_neighbours, alpha, alpha_client, pinned_clock
):
    from tests.conftest import staff_client

    body = alpha_client.get("/kinerja/").content.decode()
    assert "Pengaduan selesai tepat waktu" in body
    assert "94%" in body  # 33 of 35 closed within the deadlines
    assert "14,5 menit" in body
    admin = staff_client(alpha, "kpi@alpha.test", group="Admin MPP")
    dashboard = admin.get("/admin/kinerja/?periode=2026-S1").content.decode()
    assert "Modul antrean tidak aktif." not in dashboard
    assert "1200" in dashboard
    csv_text = admin.get("/admin/kinerja/csv/?periode=2026-S1").content.decode()
    assert "2026-S1,complaints,closed_within_deadline,33" in csv_text
