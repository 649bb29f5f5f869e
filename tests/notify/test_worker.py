"""A real Celery worker on Redis delivers an outbox row in the regency the task message names
(tenant-schemas-celery's schema header), and the same task delivered twice sends once."""

from __future__ import annotations

import pytest
from celery import Celery
from django.db import connection

from activity.models import ActivityEntry
from notify.models import ChannelSetting, OutboxMessage
from tests.conftest import in_schema
from tests.notify.conftest import channels_configure
from tests.processes import TEST_REDIS_URL, celery_worker, redis_available, wait_for


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not redis_available(), reason=f"Redis is not reachable at {TEST_REDIS_URL}")
def test_a_worker_delivers_in_the_regency_the_task_names(alpha, beta, providers, tmp_path):
    with in_schema(alpha):
        channels_configure(sms=False)
        row = OutboxMessage.objects.create(
            dedupe_key="queue_position:worker",
            channel_hint="whatsapp",
            to="+6281234567890",
            template="queue_position",
            params={"ticket": "C-003", "position": "3", "location": "MPP Alpha"},
        )
    client = Celery(broker=TEST_REDIS_URL, backend=TEST_REDIS_URL)
    env = {
        "SATUPINTU_DATABASE_NAME": connection.settings_dict["NAME"],
        "NOTIFY_FAKE_URL": providers.url,
    }
    try:
        with celery_worker(env=env, log_path=tmp_path / "worker.log"):
            first = client.send_task(
                "notify.outbox_deliver", args=[row.pk], headers={"_schema_name": alpha.schema_name}
            )
            again = client.send_task(
                "notify.outbox_deliver", args=[row.pk], headers={"_schema_name": alpha.schema_name}
            )
            in_beta = client.send_task(
                "notify.outbox_deliver", args=[row.pk], headers={"_schema_name": beta.schema_name}
            )
            results = [task.get(timeout=90) for task in (first, again, in_beta)]
        wait_for(lambda: providers.accepted, timeout=10, what="the message at the fake")
        with in_schema(alpha):
            row.refresh_from_db()
    finally:
        with in_schema(alpha):
            OutboxMessage.objects.all().delete()
            ChannelSetting.objects.all().delete()
            ActivityEntry.objects.filter(verb__startswith="notify.").delete()

    # beta has no row with that id (or not that row): nothing is sent from beta's schema.
    assert results == ["sent", "sent", ""]
    assert (row.status, row.channel_used, row.attempts) == ("sent", "whatsapp", 1)
    [accepted] = providers.accepted
    assert accepted["body"]["template"]["name"] == "satupintu_antrean_posisi"
