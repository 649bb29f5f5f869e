"""A citizen files a complaint and tracks it, the coordinator forwards it, in Chromium: no serious
accessibility violations on the citizen pages, and screenshots at 360 and 1366 px."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from activity.models import ActivityEntry
from complaints.models import Complaint
from staff.actions import roles_sync
from staff.roles import ROLE_COMPLAINT_VERIFIER
from tests.complaints.conftest import plan_set
from tests.conftest import STAFF_PASSWORD, in_schema
from tests.e2e.conftest import portal_url
from tests.e2e.test_accessibility import AXE_OPTIONS

SHOTS = Path(os.environ.get("COMPLAINT_SHOTS", "/work/helpers/shots/complaints"))
WIDTHS = (360, 1366)


def _shoot(page, name: str) -> None:
    if not SHOTS.parent.exists():
        return
    SHOTS.mkdir(exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})


def _serious(page) -> list[str]:
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def complaints_live(alpha):
    plan_set(alpha, "lengkap")
    with in_schema(alpha):
        roles_sync()
    yield alpha
    with in_schema(alpha):
        ActivityEntry.objects.filter(verb__startswith="complaint.").delete()
        Complaint.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_a_citizen_files_and_tracks_and_the_coordinator_forwards(
    live_server, complaints_live, page, regency_staff
):
    alpha = complaints_live
    page.goto(portal_url(live_server, "alpha", "/pengaduan/"))
    assert _serious(page) == []
    _shoot(page, "form")
    page.click("button[type=submit]")  # empty: refused with messages, no JS needed
    assert "Laporan belum terkirim" in page.text_content("main")
    _shoot(page, "form-errors")
    page.fill("#id_subject", "Antrean KTP terlalu lama")
    page.fill("#id_body", "Saya menunggu tiga jam di loket KTP tanpa kepastian.")
    page.fill("#id_reporter_name", "Wayan")
    page.fill("#id_reporter_contact", "081234567890")
    page.click("button[type=submit]")
    page.wait_for_url("**/pengaduan/terkirim/**")
    code = page.text_content(".code").strip()
    assert len(code) == 11
    _shoot(page, "thanks")
    page.goto(portal_url(live_server, "alpha", page.get_attribute("main a.button", "href")))
    assert "Antrean KTP terlalu lama" in page.text_content("main")
    assert "Wayan" not in page.content()
    assert _serious(page) == []
    _shoot(page, "track")

    regency_staff(alpha, "koordinator@alpha.test", group=ROLE_COMPLAINT_VERIFIER)
    page.goto(portal_url(live_server, "alpha", "/accounts/login/?next=/admin/pengaduan/"))
    page.fill("input[name=login]", "koordinator@alpha.test")
    page.fill("input[name=password]", STAFF_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/pengaduan/")
    assert code in page.text_content("body")
    _shoot(page, "admin-list")
    page.click(f"text={code}")
    page.wait_for_url("**/admin/pengaduan/*/")
    page.click("button:has-text('Verifikasi')")
    page.wait_for_selector("button:has-text('Teruskan (disposisi)')")
    _shoot(page, "admin-detail")
    page.select_option("select[name=agency]", index=1)
    page.click("button:has-text('Teruskan (disposisi)')")
    page.wait_for_selector("text=Tersimpan")
    page.wait_for_selector("button:has-text('Tambah catatan internal')")
    with in_schema(alpha):
        assert Complaint.objects.get().status == "diteruskan"
    page.goto(portal_url(live_server, "alpha", "/admin/pengaduan/catat/"))
    _shoot(page, "admin-record")
    page.goto(portal_url(live_server, "alpha", f"/pengaduan/lacak/{code}/"))
    assert "Diteruskan" in page.text_content("main")
    _shoot(page, "track-forwarded")
    page.goto(portal_url(live_server, "alpha", "/pengaduan/statistik/"))
    assert _serious(page) == []
    _shoot(page, "stats")

    # Answered and closed: the page invites the reporter to the SKM for the service concerned.
    from catalogue.models import Service
    from complaints.actions import complaint_answer, complaint_close

    with in_schema(alpha):
        complaint = Complaint.objects.get()
        Complaint.objects.filter(pk=complaint.pk).update(
            service=Service.objects.get(key="ktp-el-baru")
        )
        complaint = complaint_answer(
            complaint=Complaint.objects.get(), actor=None, text="Loket KTP kini dibuka dua."
        )
        complaint_close(complaint=complaint, actor=None)
    page.goto(portal_url(live_server, "alpha", f"/pengaduan/lacak/{code}/"))
    assert "Survei Kepuasan Masyarakat" in page.text_content("main")
    survey = page.get_attribute("a:has-text('Isi survei')", "href")
    assert "/skm/isi/" in survey
    assert _serious(page) == []
    _shoot(page, "track-closed")
