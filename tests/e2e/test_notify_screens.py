"""The notification settings screen in a real browser at 1366 and 360 px: the token is never in
the page, only its last 4 characters; screenshots for review under SHOTS_DIR when set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from activity.models import ActivityEntry
from notify.actions import channel_setting_save
from notify.models import ChannelSetting, OutboxMessage
from staff.roles import ROLE_REGENCY_ADMIN
from tests.conftest import STAFF_PASSWORD, in_schema
from tests.e2e.conftest import portal_url
from tests.notify_fakes import TWILIO_SID, TWILIO_TOKEN, WA_PHONE_ID, WA_TOKEN

SHOTS = os.environ.get("SHOTS_DIR", "")


@pytest.fixture
def configured(alpha):
    with in_schema(alpha):
        channel_setting_save(
            actor=None,
            channel="whatsapp",
            enabled=True,
            account_id=WA_PHONE_ID,
            sender="",
            token=WA_TOKEN,
        )
        channel_setting_save(
            actor=None,
            channel="sms",
            enabled=False,
            account_id=TWILIO_SID,
            sender="MPPALPHA",
            token=TWILIO_TOKEN,
        )
        OutboxMessage.objects.create(
            dedupe_key="queue_called:shot",
            channel_hint="whatsapp",
            to="+6281234567890",
            template="queue_called",
            params={},
            status="sent",
            attempts=1,
            channel_used="whatsapp",
            provider_message_id="wamid.X",
        )
    yield
    with in_schema(alpha):
        OutboxMessage.objects.all().delete()
        ChannelSetting.objects.all().delete()
        ActivityEntry.objects.filter(verb__startswith="notify.").delete()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1366, 360])
def test_the_settings_screen(alpha, live_server, browser, regency_staff, configured, width):
    regency_staff(alpha, "admin@alpha.test", group=ROLE_REGENCY_ADMIN)
    context = browser.new_context(
        viewport={"width": width, "height": 2400 if width < 600 else 1700}, locale="id-ID"
    )
    page = context.new_page()
    try:
        page.goto(portal_url(live_server, "alpha", "/accounts/login/?next=/admin/notifikasi/"))
        page.fill("input[name=login]", "admin@alpha.test")
        page.fill("input[name=password]", STAFF_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/notifikasi/")
        html = page.content()
        assert WA_TOKEN not in html
        assert TWILIO_TOKEN not in html
        assert "Token tersimpan berakhiran …7QZ1." in html
        assert page.get_by_role("button", name="Kirim pesan uji").count() == 2
        if SHOTS:
            path = Path(SHOTS) / f"notify-settings-{width}.png"
            page.screenshot(path=str(path), full_page=True)
    finally:
        context.close()
