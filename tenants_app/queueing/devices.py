"""Kiosks and displays: a one-time pairing code exchanged for a revocable token; both kept only
as SHA-256 hashes. Schema: tenant.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.actions import activity_record
from catalogue.models import Location
from queueing.errors import DeviceRefused
from queueing.models import Device

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
CODE_LIFETIME = timedelta(hours=24)


def _hash(value: str) -> str:
    return hashlib.sha256(value.strip().upper().encode()).hexdigest()


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def device_code_issue(*, device: Device, actor=None) -> str:
    """A new one-time pairing code for `device` (any earlier code or token stops working)."""
    code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
    with transaction.atomic():
        device.code_hash = _hash(code)
        device.code_expires_at = timezone.now() + CODE_LIFETIME
        device.token_hash = ""
        device.revoked_at = None
        device.paired_at = None
        device.save()
        activity_record(
            actor=actor, verb="device.code", target=device, summary=_("Kode pemasangan dibuat")
        )
    return code


def device_create(*, location: Location, kind: str, name: str, actor=None) -> tuple[Device, str]:
    device = Device.objects.create(location=location, kind=kind, name=name[:80])
    return device, device_code_issue(device=device, actor=actor)


def device_pair(*, code: str) -> tuple[Device, str]:
    """Exchange a pairing code for the device's token (shown once)."""
    code = (code or "").strip().upper()
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        raise DeviceRefused(_("Kode pemasangan tidak dikenal atau sudah kedaluwarsa."))
    with transaction.atomic():
        device = (
            Device.objects.select_for_update()
            .filter(code_hash=_hash(code), code_expires_at__gt=timezone.now())
            .first()
        )
        if device is None:
            raise DeviceRefused(_("Kode pemasangan tidak dikenal atau sudah kedaluwarsa."))
        token = secrets.token_urlsafe(32)
        device.token_hash = _token_hash(token)
        device.code_hash = ""
        device.code_expires_at = None
        device.paired_at = timezone.now()
        device.save()
        activity_record(actor=None, verb="device.pair", target=device, summary=str(device))
    return device, token


def device_revoke(*, device: Device, actor=None) -> Device:
    with transaction.atomic():
        device.revoked_at = timezone.now()
        device.token_hash = ""
        device.save()
        activity_record(actor=actor, verb="device.revoke", target=device, summary=str(device))
    return device


def device_for_token(*, token: str | None, kind: str | None = None) -> Device | None:
    """The paired, unrevoked device holding `token` (of `kind` when given), or None."""
    if not token or len(token) > 100:
        return None
    device = (
        Device.objects.select_related("location")
        .filter(token_hash=_token_hash(token), revoked_at__isnull=True)
        .first()
    )
    if device is None or (kind is not None and device.kind != kind):
        return None
    now = timezone.now()
    if device.last_seen_at is None or now - device.last_seen_at > timedelta(minutes=1):
        Device.objects.filter(pk=device.pk).update(last_seen_at=now)
    return device
