"""A delivery process killed with SIGKILL at the two points that matter, then the sweep.

- Killed after its claim, before any request: the row is retried after the lease and the
  message goes out exactly once.
- Killed while its request is in flight (the provider took it; the answer never arrived): the
  row is retried after the lease and the citizen gets the message twice. This is the whole
  at-least-once window (docs/adr/0029): it is visible as `inflight_at` on the dead claim.
While a claim is younger than the lease, nobody else sends the row.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys

import pytest
from django.db import connection
from django.utils import timezone

from activity.models import ActivityEntry
from notify.delivery import outbox_deliver, outbox_due_ids
from notify.models import ChannelSetting, OutboxMessage
from notify.tasks import outbox_sweep
from tests.conftest import in_schema
from tests.notify.conftest import channels_configure
from tests.processes import ROOT, django_env, stop, wait_for

WORKER = """
import os, signal, sys
import django
django.setup()
from django.conf import settings
from django_tenants.utils import schema_context
from notify import delivery
base, schema, mode, outbox_id = sys.argv[1:5]
settings.NOTIFY_WHATSAPP_BASE_URL = settings.NOTIFY_SMS_BASE_URL = base
with schema_context(schema):
    if mode == "after-claim":
        delivery._claim(int(outbox_id))
        print("claimed", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    print(delivery.outbox_deliver(outbox_id=int(outbox_id)), flush=True)
"""


@pytest.fixture
def killed_row(alpha, providers):
    """A pending row of alpha with WhatsApp on; everything notify wrote removed afterwards."""
    with in_schema(alpha):
        channels_configure(sms=False)
        row = OutboxMessage.objects.create(
            dedupe_key="queue_called:killed",
            channel_hint="whatsapp",
            to="+6281234567890",
            template="queue_called",
            params={"ticket": "B-007", "counter": "Loket 1", "location": "MPP Alpha"},
        )
    yield row
    with in_schema(alpha):
        OutboxMessage.objects.all().delete()
        ChannelSetting.objects.all().delete()
        ActivityEntry.objects.filter(verb__startswith="notify.").delete()


def _worker(fake, alpha, row, mode: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, fake.url, alpha.schema_name, mode, str(row.pk)],
        cwd=ROOT,
        env=django_env(SATUPINTU_DATABASE_NAME=connection.settings_dict["NAME"]),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _after_the_lease(time_machine, settings) -> None:
    lease = dt.timedelta(seconds=settings.NOTIFY_CLAIM_LEASE_SECONDS + 1)
    time_machine.move_to(timezone.now() + lease)


@pytest.mark.django_db(transaction=True)
def test_killed_after_its_claim_the_message_is_sent_once(
    alpha, providers, killed_row, time_machine, settings
):
    settings.NOTIFY_CLAIM_LEASE_SECONDS = 300
    process = _worker(providers, alpha, killed_row, "after-claim")
    try:
        assert process.wait(timeout=60) == -signal.SIGKILL, process.stdout.read()
    finally:
        stop(process)
    with in_schema(alpha):
        killed_row.refresh_from_db()
        assert (killed_row.status, killed_row.rounds, killed_row.attempts) == ("sending", 1, 0)
        assert killed_row.inflight_at is None  # no request ever left
        assert outbox_due_ids() == []  # within the lease nobody takes it over
        assert outbox_deliver(outbox_id=killed_row.pk) == "sending"

        _after_the_lease(time_machine, settings)
        assert outbox_sweep() == 1
        killed_row.refresh_from_db()

    assert (killed_row.status, killed_row.rounds, killed_row.attempts) == ("sent", 2, 1)
    assert len(providers.accepted) == 1


@pytest.mark.django_db(transaction=True)
def test_killed_with_its_request_in_flight_the_message_goes_twice_after_the_lease(
    alpha, providers, killed_row, time_machine, settings
):
    settings.NOTIFY_CLAIM_LEASE_SECONDS = 300
    providers.hold()
    process = _worker(providers, alpha, killed_row, "deliver")
    try:
        wait_for(lambda: providers.accepted, timeout=60, what="the provider to take the message")
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        providers.release()
        stop(process)
    with in_schema(alpha):
        killed_row.refresh_from_db()
        assert (killed_row.status, killed_row.attempts) == ("sending", 1)
        assert killed_row.inflight_at is not None  # the window: taken, not recorded
        assert outbox_due_ids() == []
        assert outbox_deliver(outbox_id=killed_row.pk) == "sending"
        assert len(providers.requests) == 1

        _after_the_lease(time_machine, settings)
        assert outbox_sweep() == 1
        killed_row.refresh_from_db()
        assert outbox_sweep() == 0  # sent: never again

    assert (killed_row.status, killed_row.rounds, killed_row.attempts) == ("sent", 2, 2)
    assert killed_row.provider_message_id == providers.accepted[1]["id"]
    assert len(providers.accepted) == 2  # the documented duplicate
