"""Celery tasks of the outbox: deliver one row (scheduled on commit by `message_queue`) and the
sweep that hands due rows to workers. Both run inside the regency's schema (the task message
carries it, tenant-schemas-celery) and are idempotent. Schema: tenant.
"""

from __future__ import annotations

from notify.delivery import outbox_deliver, outbox_due_ids
from satupintu.celery_app import app
from satupintu.fanout import per_regency


@app.task(name="notify.outbox_deliver", acks_late=True)
def outbox_deliver_task(outbox_id: int) -> str:
    return outbox_deliver(outbox_id=outbox_id)


@per_regency("notify.outbox_sweep")
def outbox_sweep() -> int:
    """Hand every due row of this regency to a worker (retries, lost enqueues, dead workers'
    claims); the number handed over. Idempotent: the claim decides who sends."""
    due = outbox_due_ids()
    for outbox_id in due:
        outbox_deliver_task.delay(outbox_id)
    return len(due)
