"""A location's address and its hours edited as drafts in a regency's admin, in a real browser:
not public until published (ADR 0042); the bulk hours screen; screenshots at 360 and 1366 px."""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import ModelLogEntry, Revision

from activity.models import ActivityEntry
from catalogue.hours import day_hours, hours_data_load
from catalogue.models import Agency, Location, WeeklyHours
from staff.roles import ROLE_REGENCY_ADMIN
from tests.conftest import in_schema
from tests.e2e.conftest import portal_url, staff_sign_in, submit_by

SHOTS = os.environ.get("SHOTS_DIR", "")
ADMIN = "admin@alpha.test"
DRAFT = 'button[type="submit"].action-save:not([name])'
PUBLISH = 'button[type="submit"][name="action-publish"]'
MONDAY = dt.date(2026, 11, 23)


@pytest.fixture
def main_location(alpha):
    """Gedung MPP Alpha and its hours as the test catalogue has them, restored afterwards (the
    schema outlives a transactional test)."""
    with in_schema(alpha):
        location = Location.objects.get(key="gedung-mpp")
        hours = list(
            WeeklyHours.objects.filter(location=location).values(
                "pk", "opens", "closes", "is_closed"
            )
        )
    yield location
    with in_schema(alpha):
        Location.objects.filter(pk=location.pk).update(
            address=location.address,
            live_revision=None,
            latest_revision=None,
            has_unpublished_changes=False,
        )
        for row in hours:
            WeeklyHours.objects.filter(pk=row.pop("pk")).update(
                live_revision=None, latest_revision=None, has_unpublished_changes=False, **row
            )
        for model in (Location, WeeklyHours):
            content_type = ContentType.objects.get_for_model(model)
            Revision.objects.filter(base_content_type=content_type).delete()
            ModelLogEntry.objects.filter(content_type=content_type).delete()
        ActivityEntry.objects.filter(verb__startswith="location").delete()
        ActivityEntry.objects.filter(verb__startswith="weeklyhours").delete()


def _shots(page, name: str, height: int = 1700) -> None:
    if not SHOTS:
        return
    for width in (1366, 360):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 1700})


def _monday_opens(regency, location) -> dt.time | None:
    """The hours citizens are shown on a fixed Monday (the page's week follows the real clock)."""
    with in_schema(regency):
        data = hours_data_load(
            location_ids=[location.pk], start=MONDAY, end=MONDAY, with_cuti_bersama=True
        )
        return day_hours(location_id=location.pk, day=MONDAY, data=data).opens


def _location_page(page, live_server) -> str:
    page.goto(portal_url(live_server, "alpha", "/lokasi/gedung-mpp/"))
    return page.text_content("main") or ""


@pytest.mark.django_db(transaction=True)
def test_an_address_and_an_hour_drafted_are_public_only_once_published(
    alpha, live_server, browser, regency_staff, main_location
):
    regency_staff(alpha, ADMIN, group=ROLE_REGENCY_ADMIN)
    with in_schema(alpha):
        monday = WeeklyHours.objects.get(
            location=main_location, profile__is_default=True, agency=None, weekday=0
        )
    context = browser.new_context(viewport={"width": 1366, "height": 1700}, locale="id-ID")
    admin = context.new_page()
    citizen = context.new_page()
    edit = f"/admin/snippets/tenants_app/location/edit/{main_location.pk}/"
    try:
        staff_sign_in(admin, live_server, "alpha", ADMIN, edit)

        admin.fill("#id_address", "Jl. Gajah Mada No. 7")
        submit_by(admin, DRAFT)
        _shots(admin, "location-draft", 2000)
        assert "Jl. Gajah Mada No. 7" not in _location_page(citizen, live_server)

        hours_edit = f"/admin/snippets/tenants_app/weeklyhours/edit/{monday.pk}/"
        admin.goto(portal_url(live_server, "alpha", hours_edit))
        admin.fill("#id_opens", "07:15")
        submit_by(admin, DRAFT)
        assert _monday_opens(alpha, main_location) != dt.time(7, 15)

        admin.goto(portal_url(live_server, "alpha", "/admin/"))
        assert "2 draf katalog menunggu diterbitkan" in (admin.text_content("main") or "")
        _shots(admin, "dashboard-drafts")

        admin.goto(portal_url(live_server, "alpha", edit))
        submit_by(admin, PUBLISH)
        admin.goto(portal_url(live_server, "alpha", hours_edit))
        submit_by(admin, PUBLISH)
        public = _location_page(citizen, live_server)
        assert "Jl. Gajah Mada No. 7" in public
        assert _monday_opens(alpha, main_location) == dt.time(7, 15)

        admin.goto(portal_url(live_server, "alpha", "/admin/snippets/tenants_app/location/"))
        _shots(admin, "location-listing", 900)
        admin.goto(portal_url(live_server, "alpha", "/admin/katalog/jam-sekaligus/"))
        _shots(admin, "hours-bulk", 2200)
        with in_schema(alpha):
            assert ActivityEntry.objects.filter(verb="location.publish").count() == 1
            assert ActivityEntry.objects.filter(verb="weeklyhours.publish").count() == 1
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
def test_todays_queue_on_the_dashboard_screens(alpha, live_server, browser, regency_staff):
    """The dashboard's queue panel with tickets waiting and served (screenshots), and the
    previewed draft of an agency."""
    from queueing.actions import ticket_act, ticket_call_next, ticket_issue
    from queueing.models import Queue, Ticket, TicketSequence
    from tests.queueing.conftest import plan_set, queue_make

    officer = regency_staff(alpha, ADMIN, group=ROLE_REGENCY_ADMIN)
    plan_set(alpha, queue=True)
    queue = queue_make(
        alpha, prefix="A", location="gedung-mpp", services=["ktp-el-baru"], counters=["loket-a1"]
    )
    context = browser.new_context(viewport={"width": 1366, "height": 1700}, locale="id-ID")
    admin = context.new_page()
    try:
        with in_schema(alpha):
            for _n in range(3):
                ticket_issue(queue=queue, check_hours=False)
            called = ticket_call_next(counter=queue.counters.get(key="loket-a1"), officer=officer)
            ticket_act(ticket=called, action="start", officer=officer)
            ticket_act(ticket=called, action="finish", officer=officer)
        staff_sign_in(admin, live_server, "alpha", ADMIN, "/admin/")
        panel = admin.text_content("main") or ""
        assert "Antrean hari ini" in panel
        _shots(admin, "dashboard-queue", 1800)
        with in_schema(alpha):
            polres = Agency.objects.get(key="polres")
        admin.goto(
            portal_url(
                live_server, "alpha", f"/admin/snippets/tenants_app/agency/edit/{polres.pk}/"
            )
        )
        _shots(admin, "agency-edit", 2000)
        admin.fill("#id_phone", "0735 777888")
        admin.click('button[data-side-panel-toggle="preview"]')
        preview = admin.frame_locator("iframe#w-preview-iframe")
        preview.locator("text=0735 777888").wait_for(timeout=15000)
        _shots(admin, "agency-preview", 1400)
    finally:
        context.close()
        with in_schema(alpha):
            Ticket.objects.filter(queue=queue).delete()
            TicketSequence.objects.all().delete()
            Queue.objects.filter(pk=queue.pk).delete()
            ActivityEntry.objects.filter(verb__startswith="ticket").delete()
            # Wagtail's editor autosaves a draft of the agency being previewed.
            Agency.objects.update(
                live_revision=None, latest_revision=None, has_unpublished_changes=False
            )
            content_type = ContentType.objects.get_for_model(Agency)
            Revision.objects.filter(base_content_type=content_type).delete()
            ModelLogEntry.objects.filter(content_type=content_type).delete()
            ActivityEntry.objects.filter(verb__startswith="agency").delete()
