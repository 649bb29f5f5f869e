"""Reading a regency's notification channels and outbox. Schema: tenant."""

from __future__ import annotations

from django.db.models import QuerySet

from notify.crypto import secret_decrypt
from notify.models import Channel, ChannelSetting, OutboxMessage
from notify.providers import Credentials, Provider, TwilioSms, WhatsAppCloud


def channel_settings() -> dict[str, ChannelSetting]:
    """Both channels, unsaved defaults (off) for those never set."""
    saved = {row.channel: row for row in ChannelSetting.objects.all()}
    return {channel: saved.get(channel, ChannelSetting(channel=channel)) for channel in Channel}


def channels_enabled() -> list[str]:
    """The channels switched on, e.g. ["whatsapp", "sms"]: callers offer "notify me" only when
    this is not empty (messages queued with none on are kept as `skipped`, never sent)."""
    on = ChannelSetting.objects.filter(enabled=True).values_list("channel", flat=True)
    return [channel for channel in Channel.values if channel in set(on)]


def channel_provider(*, channel: str, only_enabled: bool = False) -> Provider | None:
    """The channel's adapter with its decrypted credentials, or None when incomplete (or off,
    with `only_enabled`)."""
    setting = ChannelSetting.objects.filter(channel=channel).first()
    if setting is None or (only_enabled and not setting.enabled):
        return None
    token = secret_decrypt(setting.token_encrypted)
    if not token or not setting.account_id:
        return None
    credentials = Credentials(account_id=setting.account_id, token=token, sender=setting.sender)
    if channel == Channel.WHATSAPP:
        return WhatsAppCloud(credentials)
    return TwilioSms(credentials)


def providers_for(*, channel_hint: str) -> list[Provider]:
    """Enabled adapters, the hinted channel first and the other as its fallback."""
    order = [channel_hint] + [c for c in Channel.values if c != channel_hint]
    found = (channel_provider(channel=c, only_enabled=True) for c in order)
    return [provider for provider in found if provider is not None]


def outbox_recent(*, limit: int = 20) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.order_by("-created_at", "-id")[:limit]
