"""The SKM's screens in Chromium: the questionnaire by link (360 px) answered end to end, the
results page (360 and 1366 px) with no serious axe violation, and the dashboard (1366 px).
Screenshots go to SATUPINTU_SHOTS (default /tmp/satupintu-shots/surveys)."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from catalogue.models import Service
from surveys.actions import survey_link_issue
from surveys.models import FollowUpAction, SamplePopulation, SurveyLink, SurveyResponse
from tests.conftest import STAFF_PASSWORD, in_schema
from tests.e2e.conftest import portal_url
from tests.e2e.test_accessibility import AXE_OPTIONS
from tests.surveys.helpers import sheet

SHOTS = Path(os.environ.get("SATUPINTU_SHOTS", "") or Path(tempfile.gettempdir()) / "shots-surveys")


@pytest.fixture
def skm_data(alpha):
    with in_schema(alpha):
        from surveys.actions import responses_import

        services = list(Service.objects.filter(is_active=True))
        sheets = []
        for i in range(60):
            scores = [(i + k) % 3 + 2 for k in range(9)]
            scores[2] = 2 + (i % 2)  # U3 the weakest
            sheets.append(sheet(services[i % len(services)], scores, on=date(2026, 1 + i % 6, 3)))
        responses_import(actor=None, sheets=sheets)
        SamplePopulation.objects.create(
            period_start=date(2026, 1, 1), period_end=date(2026, 6, 30), service_users=1000
        )
        FollowUpAction.objects.create(
            period_start=date(2026, 1, 1),
            period_end=date(2026, 6, 30),
            unsur="U3",
            action="Tambah petugas verifikasi berkas pada jam sibuk",
            owner="Kepala DPMPTSP",
            due_date=date(2026, 9, 30),
            status="in_progress",
        )
        link = survey_link_issue(service=services[0], source="queue", source_id="E2E-1")
    yield link
    with in_schema(alpha):
        SurveyResponse.objects.all().delete()
        SurveyLink.objects.all().delete()
        SamplePopulation.objects.all().delete()
        FollowUpAction.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_skm_screens(live_server, alpha, browser, skm_data, regency_staff, pinned_clock):
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone = browser.new_context(viewport={"width": 360, "height": 800}, locale="id-ID")
    page = phone.new_page()
    page.goto(portal_url(live_server, "alpha", skm_data[skm_data.index("/skm/") :]))
    page.screenshot(path=str(SHOTS / "survey-form-360.png"), full_page=True)
    for i in range(1, 10):
        page.check(f"input[name=u{i}][value='4']")
    page.check("input[name=gender][value='P']")
    page.fill("input[name=age]", "29")
    page.select_option("select[name=education]", "s1")
    page.select_option("select[name=occupation]", "swasta")
    page.click("button[type=submit]")
    assert "Terima kasih" in page.content()

    page.goto(portal_url(live_server, "alpha", "/skm/?periode=2026-S1"))
    assert "60 dari 278 responden" in page.content()
    page.screenshot(path=str(SHOTS / "results-360.png"), full_page=True)
    serious = [
        v["id"]
        for v in Axe().run(page, options=AXE_OPTIONS).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    phone.close()

    wide = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    page = wide.new_page()
    page.goto(portal_url(live_server, "alpha", "/skm/?periode=2026-S1"))
    page.screenshot(path=str(SHOTS / "results-1366.png"), full_page=True)

    regency_staff(alpha, "skm-admin@alpha.test", group="Admin MPP")
    page.goto(portal_url(live_server, "alpha", "/accounts/login/?next=/admin/kinerja/"))
    page.fill("input[name=login]", "skm-admin@alpha.test")
    page.fill("input[name=password]", STAFF_PASSWORD)
    page.click("form button[type=submit]")
    page.goto(portal_url(live_server, "alpha", "/admin/kinerja/?periode=2026-S1"))
    assert "Dasbor kinerja" in page.content()
    page.screenshot(path=str(SHOTS / "dashboard-1366.png"), full_page=True)
    page.goto(portal_url(live_server, "alpha", "/admin/skm/bukti/"))
    assert "Bukti evaluasi" in page.content()
    page.screenshot(path=str(SHOTS / "evidence-1366.png"), full_page=True)
    wide.close()
    phone = browser.new_context(viewport={"width": 360, "height": 800}, locale="id-ID")
    page = phone.new_page()
    page.goto(portal_url(live_server, "alpha", "/kinerja/"))
    assert "Kinerja pelayanan" in page.content()
    page.screenshot(path=str(SHOTS / "kpi-360.png"), full_page=True)
    phone.close()
