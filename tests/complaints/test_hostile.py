"""The hostile-input walk over a regency with the complaints module on (the suite's own walk
runs with no plan, where every complaint URL is a 404), as a citizen and as the coordinator."""

from __future__ import annotations

import pytest
from django.test import Client

from complaints.actions import ComplaintInput, complaint_submit
from tests.complaints.conftest import coordinator_client
from tests.conftest import host_of, in_schema
from tests.test_hostile_input import TENANT, _walk_all, last_resort  # noqa: F401 - fixture


@pytest.mark.parametrize("staff", [False, True], ids=["citizen", "coordinator"])
def test_complaint_pages_never_answer_hostile_input_with_a_server_error(
    complaints_on,
    alpha,
    staff,
    last_resort,  # noqa: F811 - the walk's fixture, imported
    pinned_clock,
):
    with in_schema(alpha):
        complaint_submit(
            data=ComplaintInput(classification="pengaduan", subject="Uji", body="Isi uji coba.")
        )
    client = coordinator_client(alpha) if staff else Client(HTTP_HOST=host_of(alpha))
    walk, forms = _walk_all(
        client, host_of(alpha), TENANT, keep_session=staff, last_resort=last_resort
    )
    for failure in walk.failures:
        print("  FAILURE:", failure)
    assert walk.failures == []
    assert forms > 0
