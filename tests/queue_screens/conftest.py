"""Fixtures of the live screens: the queue fixtures of tests/queueing, and paired displays."""

from __future__ import annotations

import pytest

from catalogue.models import Location
from queueing.devices import device_create, device_pair
from tests.conftest import in_schema
from tests.queueing.conftest import alpha_queue, beta_queue, queue_on  # noqa: F401


def paired(regency, location: str, kind: str = "display") -> str:
    """A paired device's token."""
    with in_schema(regency):
        _device, code = device_create(
            location=Location.objects.get(key=location), kind=kind, name="Layar 1"
        )
        return device_pair(code=code)[1]


@pytest.fixture
def alpha_display(alpha, alpha_queue) -> str:  # noqa: F811
    return paired(alpha, "gedung-mpp")
