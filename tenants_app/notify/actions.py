"""Writing notifications: `message_queue` (the one call other apps make), the admin's channel
settings and its test message.

    from notify.actions import message_queue
    message_queue(channel_hint="whatsapp", to="0812 3456 7890", template="queue_called",
                  params={"ticket": "A-012", "counter": "Loket 3", "location": "MPP Alpha"},
                  dedupe_key=f"queue_called:{ticket.pk}")

Schema: tenant.
"""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.actions import activity_record
from notify.crypto import secret_encrypt, secret_hint
from notify.models import Channel, ChannelSetting, OutboxMessage
from notify.phones import phone_normalise
from notify.providers import ProviderError
from notify.selectors import channel_provider
from notify.tasks import outbox_deliver_task
from notify.texts import template_check
from satupintu.errors import DomainError


class NotifyInvalid(DomainError):
    code = "notify_invalid"


_DEDUPE = re.compile(r"^[\w.:\-/]{1,200}$")


def message_queue(
    *, channel_hint: str, to: str, template: str, params: dict, dedupe_key: str
) -> OutboxMessage:
    """Put one message in the outbox and send it once the caller's transaction commits.

    Call it inside the transaction of the change it reports (it is rolled back with it). The
    same `dedupe_key` again returns the existing row and sends nothing more, whatever the other
    arguments. Raises PhoneInvalid, TemplateInvalid or NotifyInvalid (all DomainError)."""
    if channel_hint not in Channel.values:
        raise NotifyInvalid(_("Saluran tidak dikenal: %(c)s") % {"c": channel_hint})
    if not _DEDUPE.match(dedupe_key or ""):
        raise NotifyInvalid(_("Kunci unik pesan harus 1-200 huruf, angka atau . : - / _"))
    number = phone_normalise(raw=to)
    template_check(key=template, params=params)
    existing = OutboxMessage.objects.filter(dedupe_key=dedupe_key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            row = OutboxMessage.objects.create(
                dedupe_key=dedupe_key,
                channel_hint=channel_hint,
                to=number,
                template=template,
                params={k: str(v) for k, v in params.items()},
            )
    except IntegrityError:  # a concurrent caller inserted the same key first
        return OutboxMessage.objects.get(dedupe_key=dedupe_key)
    transaction.on_commit(lambda: outbox_deliver_task.delay(row.pk))
    return row


_WHATSAPP_ID = re.compile(r"^\d{5,32}$")
_TWILIO_SID = re.compile(r"^AC[0-9a-fA-F]{32}$")
_SENDER = re.compile(r"^(\+\d{6,15}|[A-Za-z0-9 ]{1,11})$")


def _validate(*, channel: str, enabled: bool, account_id: str, sender: str, has_token: bool):
    errors: dict[str, str] = {}
    if account_id and channel == Channel.WHATSAPP and not _WHATSAPP_ID.match(account_id):
        errors["account_id"] = _("Phone number ID WhatsApp berupa 5-32 angka.")
    if account_id and channel == Channel.SMS and not _TWILIO_SID.match(account_id):
        errors["account_id"] = _("Account SID diawali AC lalu 32 karakter heksadesimal.")
    if sender and not _SENDER.match(sender):
        errors["sender"] = _("Pengirim berupa nomor +62… atau nama maksimal 11 huruf/angka.")
    if enabled:
        if not account_id:
            errors.setdefault("account_id", _("Wajib diisi untuk mengaktifkan saluran."))
        if not has_token:
            errors["token"] = _("Token wajib diisi untuk mengaktifkan saluran.")
        if channel == Channel.SMS and not sender:
            errors.setdefault("sender", _("Nomor atau nama pengirim wajib untuk SMS."))
    if errors:
        raise NotifyInvalid("; ".join(errors.values()), code="notify_settings_invalid")


@transaction.atomic
def channel_setting_save(
    *, actor, channel: str, enabled: bool, account_id: str, sender: str, token: str = ""
) -> ChannelSetting:
    """Save one channel's settings; an empty `token` keeps the stored one. Audited without the
    token (only whether it changed)."""
    if channel not in Channel.values:
        raise NotifyInvalid(_("Saluran tidak dikenal: %(c)s") % {"c": channel})
    setting, _created = ChannelSetting.objects.select_for_update().get_or_create(channel=channel)
    account_id, sender, token = account_id.strip(), sender.strip(), token.strip()
    if token and not 8 <= len(token) <= 1000:
        raise NotifyInvalid(_("Token harus 8-1000 karakter."), code="notify_settings_invalid")
    has_token = bool(token or setting.token_encrypted)
    _validate(
        channel=channel, enabled=enabled, account_id=account_id, sender=sender, has_token=has_token
    )
    before = {
        "enabled": setting.enabled,
        "account_id": setting.account_id,
        "sender": setting.sender,
    }
    setting.enabled, setting.account_id, setting.sender = enabled, account_id, sender
    if token:
        setting.token_encrypted, setting.token_hint = secret_encrypt(token), secret_hint(token)
    setting.updated_at = timezone.now()
    setting.save()
    after = {"enabled": enabled, "account_id": account_id, "sender": sender}
    if token:
        after["token"] = _("diganti (…%(hint)s)") % {"hint": setting.token_hint}
    activity_record(
        actor=actor,
        verb="notify.settings",
        target=setting,
        summary=_("Pengaturan %(c)s diubah") % {"c": setting.get_channel_display()},
        before=before,
        after=after,
    )
    return setting


def test_message_send(*, actor, channel: str, to: str, regency_name: str) -> str:
    """Send the test message now through `channel` alone (no outbox, no fallback) and record
    the outcome in the trail; the provider's message id, or NotifyInvalid with its error."""
    number = phone_normalise(raw=to)
    provider = channel_provider(channel=channel)
    if provider is None:
        raise NotifyInvalid(_("Saluran belum diisi lengkap (ID akun dan token)."))
    params = {"regency": regency_name}
    try:
        message_id = provider.send(to=number, template="test_message", params=params)
    except ProviderError as error:
        activity_record(
            actor=actor,
            verb="notify.test_failed",
            summary=error.message[:500],
            after={"to": number},
        )
        raise NotifyInvalid(_("Pengiriman gagal: %(e)s") % {"e": error.message}) from error
    activity_record(
        actor=actor,
        verb="notify.test_sent",
        summary=_("Pesan uji %(c)s terkirim") % {"c": channel},
        after={"to": number, "message_id": message_id},
    )
    return message_id
