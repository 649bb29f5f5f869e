"""The fake providers' server (one per module) and a regency's channels pointed at it."""

from __future__ import annotations

import pytest

from notify.actions import channel_setting_save
from tests.notify_fakes import TWILIO_SID, TWILIO_TOKEN, WA_PHONE_ID, WA_TOKEN, FakeProviders


@pytest.fixture(scope="module")
def fake_server():
    fake = FakeProviders().start()
    yield fake
    fake.stop()


@pytest.fixture
def providers(fake_server, settings):
    """The fake, emptied, with notify's base URLs at it and no pause between tries."""
    settings.NOTIFY_WHATSAPP_BASE_URL = fake_server.url
    settings.NOTIFY_SMS_BASE_URL = fake_server.url
    settings.NOTIFY_RETRY_BACKOFF_SECONDS = 0
    fake_server.release()
    with fake_server.lock:
        fake_server.requests.clear()
        fake_server.accepted.clear()
        fake_server.failures = {"whatsapp": [], "sms": []}
    return fake_server


def channels_configure(*, whatsapp: bool = True, sms: bool = True) -> None:
    """Inside a regency's schema: both channels filled in with the fake's credentials."""
    channel_setting_save(
        actor=None,
        channel="whatsapp",
        enabled=whatsapp,
        account_id=WA_PHONE_ID,
        sender="",
        token=WA_TOKEN,
    )
    channel_setting_save(
        actor=None,
        channel="sms",
        enabled=sms,
        account_id=TWILIO_SID,
        sender="MPPALPHA",
        token=TWILIO_TOKEN,
    )
