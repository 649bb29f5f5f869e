"""The outbox against the fake providers: sent once, retried on 429/5xx, SMS when WhatsApp fails,
never twice for one dedupe key, and each regency with its own credentials and rows."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from notify.actions import NotifyInvalid, message_queue
from notify.delivery import outbox_deliver
from notify.models import ChannelSetting, OutboxMessage
from notify.phones import PhoneInvalid
from notify.providers import Credentials, ProviderError, WhatsAppCloud
from notify.selectors import channels_enabled
from notify.texts import TemplateInvalid
from tests.conftest import in_schema
from tests.notify.conftest import channels_configure
from tests.notify_fakes import TWILIO_TOKEN, WA_PHONE_ID, WA_TOKEN

CALLED = {"ticket": "A-012", "counter": "Loket 3", "location": "MPP Alpha"}


def _queue(key: str = "queue_called:1", *, hint: str = "whatsapp", to: str = "0812-3456-7890"):
    return message_queue(
        channel_hint=hint, to=to, template="queue_called", params=CALLED, dedupe_key=key
    )


def _send(captured, key: str = "queue_called:1", **options) -> OutboxMessage:
    with captured(execute=True):
        row = _queue(key, **options)
    row.refresh_from_db()
    return row


def test_a_message_goes_out_by_whatsapp_as_an_approved_template(
    alpha, providers, django_capture_on_commit_callbacks
):
    with in_schema(alpha):
        channels_configure()
        row = _send(django_capture_on_commit_callbacks)

    assert (row.status, row.channel_used, row.attempts, row.rounds) == ("sent", "whatsapp", 1, 1)
    [accepted] = providers.accepted
    assert row.provider_message_id == accepted["id"]
    assert row.provider_message_id.startswith("wamid.")
    assert accepted["account"] == WA_PHONE_ID
    assert accepted["body"] == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "6281234567890",
        "type": "template",
        "template": {
            "name": "satupintu_antrean_dipanggil",
            "language": {"code": "id"},
            "components": [
                {
                    "type": "body",
                    "parameters": [
                        {"type": "text", "text": "A-012"},
                        {"type": "text", "text": "Loket 3"},
                        {"type": "text", "text": "MPP Alpha"},
                    ],
                }
            ],
        },
    }
    assert row.sent_at is not None
    assert row.inflight_at is None
    assert row.last_error == ""


def test_a_whatsapp_error_falls_back_to_sms(alpha, providers, django_capture_on_commit_callbacks):
    providers.fail_next("whatsapp", 400)
    with in_schema(alpha):
        channels_configure()
        row = _send(django_capture_on_commit_callbacks)

    assert (row.status, row.channel_used, row.attempts) == ("sent", "sms", 2)
    assert row.provider_message_id.startswith("SM")
    assert "WhatsApp 400 kode 100" in row.last_error  # the reason the fallback was used
    [sms] = providers.accepted
    assert sms["body"] == {
        "To": "+6281234567890",
        "From": "MPPALPHA",
        "Body": "Antrean A-012 dipanggil. Silakan menuju Loket 3 di MPP Alpha.",
    }
    assert [r["channel"] for r in providers.requests] == ["whatsapp", "sms"]  # 4xx: no retry


def test_sms_alone_when_whatsapp_is_off(alpha, providers, django_capture_on_commit_callbacks):
    with in_schema(alpha):
        channels_configure(whatsapp=False)
        row = _send(django_capture_on_commit_callbacks)

    assert (row.status, row.channel_used) == ("sent", "sms")
    assert [r["channel"] for r in providers.requests] == ["sms"]


def test_a_429_and_a_500_are_retried_on_the_same_provider(
    alpha, providers, django_capture_on_commit_callbacks
):
    providers.fail_next("whatsapp", 429)
    providers.fail_next("whatsapp", 500)
    with in_schema(alpha):
        channels_configure()
        row = _send(django_capture_on_commit_callbacks)

    assert (row.status, row.channel_used, row.attempts) == ("sent", "whatsapp", 3)
    assert [r["channel"] for r in providers.requests] == ["whatsapp"] * 3
    assert len(providers.accepted) == 1


def test_both_providers_down_waits_for_a_later_round_then_fails(
    alpha, providers, django_capture_on_commit_callbacks, settings, time_machine
):
    settings.NOTIFY_MAX_ROUNDS = 2
    providers.fail_next("whatsapp", 503, 6)
    providers.fail_next("sms", 500, 6)
    with in_schema(alpha):
        channels_configure()
        row = _send(django_capture_on_commit_callbacks)
        assert (row.status, row.attempts, row.rounds) == ("pending", 6, 1)
        assert outbox_deliver(outbox_id=row.pk) == "pending"  # not due yet: nothing sent
        assert len(providers.requests) == 6

        time_machine.move_to(row.next_attempt_at, tick=False)
        assert outbox_deliver(outbox_id=row.pk) == "failed"
        row.refresh_from_db()

    assert (row.status, row.attempts, row.rounds) == ("failed", 12, 2)
    assert "whatsapp: WhatsApp 503" in row.last_error
    assert "sms: SMS 500" in row.last_error
    assert providers.accepted == []


def test_the_same_dedupe_key_is_one_message(alpha, providers, django_capture_on_commit_callbacks):
    with in_schema(alpha):
        channels_configure()
        first = _send(django_capture_on_commit_callbacks)
        again = _send(django_capture_on_commit_callbacks)
        other_text = _send(django_capture_on_commit_callbacks, to="+62 811 000 0000")
        assert outbox_deliver(outbox_id=first.pk) == "sent"  # a repeated task: nothing more
        assert OutboxMessage.objects.count() == 1

    assert first.pk == again.pk == other_text.pk
    assert len(providers.accepted) == 1
    assert len(providers.requests) == 1


def test_no_channel_on_means_nothing_is_sent(alpha, providers, django_capture_on_commit_callbacks):
    with in_schema(alpha):
        row = _send(django_capture_on_commit_callbacks)

    assert (row.status, row.attempts) == ("skipped", 0)
    assert providers.requests == []


def test_channels_enabled_is_per_regency(alpha, beta, providers):
    with in_schema(alpha):
        assert channels_enabled() == []
        channels_configure(whatsapp=False)
        assert channels_enabled() == ["sms"]
        channels_configure()
        assert channels_enabled() == ["whatsapp", "sms"]
    with in_schema(beta):
        assert channels_enabled() == []


def test_credentials_are_encrypted_at_rest(alpha, providers):
    with in_schema(alpha):
        channels_configure()
        with connection.cursor() as cursor:
            cursor.execute("SELECT token_encrypted, token_hint FROM notify_channelsetting")
            stored = cursor.fetchall()
            cursor.execute(
                "SELECT string_agg(row_to_json(s)::text, ' ') FROM notify_channelsetting s"
            )
            [(whole_table,)] = cursor.fetchall()

    assert len(stored) == 2
    for ciphertext, hint in stored:
        assert ciphertext.startswith("gAAAA")  # a Fernet token
        assert "fake" not in ciphertext
        assert len(hint) == 4
    assert WA_TOKEN not in whole_table
    assert TWILIO_TOKEN not in whole_table
    assert {hint for _, hint in stored} == {"7QZ1", "9XK2"}


def test_a_changed_key_reads_as_no_token_never_as_a_crash(
    alpha, providers, settings, django_capture_on_commit_callbacks
):
    with in_schema(alpha):
        channels_configure()
        settings.NOTIFY_ENCRYPTION_KEY = "another deployment's key"
        row = _send(django_capture_on_commit_callbacks)

    assert row.status == "skipped"
    assert providers.requests == []


def test_each_regency_uses_only_its_own_credentials_and_outbox(
    alpha, beta, providers, django_capture_on_commit_callbacks
):
    with in_schema(alpha):
        channels_configure()
    with in_schema(beta):
        row = _send(django_capture_on_commit_callbacks, "queue_called:beta-1")
        assert ChannelSetting.objects.count() == 0
        assert list(OutboxMessage.objects.values_list("dedupe_key", flat=True)) == [
            "queue_called:beta-1"
        ]
    with in_schema(alpha):
        assert OutboxMessage.objects.count() == 0
        alpha_row = _send(django_capture_on_commit_callbacks, "queue_called:beta-1")

    assert row.status == "skipped"  # beta has no channels: alpha's were not borrowed
    assert alpha_row.status == "sent"  # the same key in another regency is another message
    assert len(providers.accepted) == 1


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("081234567890", "+6281234567890"),
        ("0812-3456-789", "+628123456789"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("(0812) 3456.7890", "+6281234567890"),
    ],
)
def test_numbers_are_normalised_to_e164(alpha, raw, expected):
    with in_schema(alpha):
        assert _queue(to=raw).to == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "Nomor HP wajib diisi."),
        ("+6591234567", "Hanya nomor HP Indonesia (+62) yang dapat menerima pesan."),
        ("0812abc4567", "Nomor HP hanya boleh berisi angka."),
        ("0215551234", "Nomor HP Indonesia diawali 08 (atau +628)."),
        ("0812345", "Nomor HP harus 10 sampai 13 digit (termasuk 0 di depan)."),
        ("08123456789012345", "Nomor HP harus 10 sampai 13 digit (termasuk 0 di depan)."),
    ],
)
def test_bad_numbers_are_refused_with_a_reason(alpha, raw, message):
    with in_schema(alpha):
        with pytest.raises(PhoneInvalid) as refused:
            _queue(to=raw)
        assert OutboxMessage.objects.count() == 0
    assert (refused.value.message, refused.value.code) == (message, "phone_invalid")


def test_bad_templates_channels_and_keys_are_refused(alpha):
    with in_schema(alpha):
        with pytest.raises(TemplateInvalid):
            message_queue(
                channel_hint="sms", to="0812345678", template="nope", params={}, dedupe_key="k"
            )
        with pytest.raises(TemplateInvalid):
            message_queue(
                channel_hint="sms",
                to="0812345678",
                template="queue_called",
                params={"ticket": "A-1"},
                dedupe_key="k",
            )
        with pytest.raises(NotifyInvalid):
            _queue(hint="pigeon")
        with pytest.raises(NotifyInvalid):
            _queue("a key with spaces")
        assert OutboxMessage.objects.count() == 0


def _queue_then_fail(key: str) -> None:
    """A caller whose transaction fails after it queued a message."""
    try:
        with transaction.atomic():
            _queue(key)
            raise RuntimeError("the ticket call failed")
    except RuntimeError:
        pass


def test_a_message_rolled_back_with_its_caller_is_never_sent(
    alpha, providers, django_capture_on_commit_callbacks
):
    with in_schema(alpha):
        channels_configure()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            _queue_then_fail("queue_called:rolled-back")
        assert OutboxMessage.objects.count() == 0

    assert callbacks == []
    assert providers.requests == []


def test_a_whatsapp_text_message_is_accepted_by_the_cloud_api(alpha, providers):
    provider = WhatsAppCloud(Credentials(account_id=WA_PHONE_ID, token=WA_TOKEN), text_mode=True)

    message_id = provider.send(to="+6281234567890", template="queue_called", params=CALLED)

    [accepted] = providers.accepted
    assert accepted["id"] == message_id
    assert accepted["body"]["type"] == "text"
    assert accepted["body"]["text"] == {
        "preview_url": False,
        "body": "Antrean A-012 dipanggil. Silakan menuju Loket 3 di MPP Alpha.",
    }


def test_a_wrong_token_is_graphs_error_190_and_not_retried(alpha, providers):
    provider = WhatsAppCloud(Credentials(account_id=WA_PHONE_ID, token="EAAG-wrong-token"))

    with pytest.raises(ProviderError) as refused:
        provider.send(to="+6281234567890", template="queue_called", params=CALLED)

    assert refused.value.status == 401
    assert refused.value.retryable is False
    assert "kode 190" in refused.value.message
    assert "Error validating access token" in refused.value.message
