"""The queue's and notify's fixtures for the SKM tests that finish tickets and read the queue's
figures (a queue at alpha's main building, the fake WhatsApp/SMS providers)."""

from __future__ import annotations

from tests.notify.conftest import fake_server, providers  # noqa: F401
from tests.queueing.conftest import alpha_queue, beta_queue, queue_on  # noqa: F401
