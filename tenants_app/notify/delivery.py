"""Delivering outbox rows: claim, send (hinted channel, then the other), record. Schema: tenant.

A row is claimed by one conditional UPDATE (pending and due, or "sending" under a claim older than
NOTIFY_CLAIM_LEASE_SECONDS, i.e. a dead worker's), so two workers never send it at the same time
and a sent row is never claimed again. Each provider request is preceded by a committed
`inflight_at`; a worker killed between the provider's acceptance and the "sent" commit leaves
`inflight_at` set, and the row is sent again after the lease: the at-least-once window
(docs/adr/0029). Every write here commits on its own (no surrounding transaction), so progress
survives a killed process.
"""

from __future__ import annotations

import datetime as dt
import time

from django.db.models import F, Q
from django.utils import timezone

from notify.conf import notify_setting
from notify.models import OutboxMessage, OutboxStatus
from notify.providers import Provider, ProviderError
from notify.selectors import providers_for

NO_CHANNEL = "Tidak ada saluran notifikasi aktif di kabupaten/kota ini."


def _claimable(now: dt.datetime) -> Q:
    stale = now - dt.timedelta(seconds=notify_setting("NOTIFY_CLAIM_LEASE_SECONDS"))
    return Q(status=OutboxStatus.PENDING, next_attempt_at__lte=now) | Q(
        status=OutboxStatus.SENDING, claimed_at__lt=stale
    )


def _claim(outbox_id: int) -> OutboxMessage | None:
    now = timezone.now()
    claimed = OutboxMessage.objects.filter(_claimable(now), pk=outbox_id).update(
        status=OutboxStatus.SENDING, claimed_at=now, rounds=F("rounds") + 1
    )
    return OutboxMessage.objects.get(pk=outbox_id) if claimed else None


def _update(row: OutboxMessage, **fields) -> None:
    OutboxMessage.objects.filter(pk=row.pk).update(**fields)


def _send_with_tries(row: OutboxMessage, provider: Provider) -> str:
    """The provider's message id after up to NOTIFY_HTTP_TRIES requests; ProviderError else."""
    tries = max(1, int(notify_setting("NOTIFY_HTTP_TRIES")))
    pause = float(notify_setting("NOTIFY_RETRY_BACKOFF_SECONDS"))
    for attempt in range(tries):
        if attempt:
            time.sleep(pause * 2 ** (attempt - 1))
        _update(row, inflight_at=timezone.now(), attempts=F("attempts") + 1)
        try:
            return provider.send(to=row.to, template=row.template, params=row.params)
        except ProviderError as error:
            _update(row, inflight_at=None, last_error=error.message[:500])
            if not error.retryable or attempt == tries - 1:
                raise
    raise AssertionError("unreachable")


def outbox_deliver(*, outbox_id: int) -> str:
    """One delivery round of the row; its status afterwards. Safe to call any number of times."""
    row = _claim(outbox_id)
    if row is None:
        status = OutboxMessage.objects.filter(pk=outbox_id).values_list("status", flat=True)
        return status.first() or ""
    providers = providers_for(channel_hint=row.channel_hint)
    if not providers:
        _update(row, status=OutboxStatus.SKIPPED, last_error=NO_CHANNEL, claimed_at=None)
        return OutboxStatus.SKIPPED
    retry_later = False
    errors = []
    for provider in providers:
        try:
            message_id = _send_with_tries(row, provider)
        except ProviderError as error:
            errors.append(f"{provider.channel}: {error.message}")
            retry_later = retry_later or error.retryable
            continue
        _update(
            row,
            status=OutboxStatus.SENT,
            channel_used=provider.channel,
            provider_message_id=message_id[:128],
            sent_at=timezone.now(),
            inflight_at=None,
            claimed_at=None,
            last_error="; ".join(errors)[:500],
        )
        return OutboxStatus.SENT
    row.refresh_from_db(fields=["rounds"])
    if retry_later and row.rounds < notify_setting("NOTIFY_MAX_ROUNDS"):
        wait = dt.timedelta(minutes=2**row.rounds)
        _update(
            row,
            status=OutboxStatus.PENDING,
            next_attempt_at=timezone.now() + wait,
            claimed_at=None,
            last_error="; ".join(errors)[:500],
        )
        return OutboxStatus.PENDING
    _update(row, status=OutboxStatus.FAILED, claimed_at=None, last_error="; ".join(errors)[:500])
    return OutboxStatus.FAILED


def outbox_due_ids(*, limit: int = 500) -> list[int]:
    """Rows a sweep should hand to workers: pending and due, or claimed by a dead worker."""
    due = OutboxMessage.objects.filter(_claimable(timezone.now())).order_by("next_attempt_at")
    return list(due.values_list("pk", flat=True)[:limit])
