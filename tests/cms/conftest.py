"""Fixtures of the cms tests: the queue's (a queue "A" at alpha's main building, the plan with
the queue module) for the dashboard's queue panel."""

from tests.queueing.conftest import alpha_queue, beta_queue, queue_on  # noqa: F401
