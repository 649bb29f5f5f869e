"""Issue #12: a booking draft killed mid-write (SIGKILL after its row was inserted, before the
commit) leaves nothing half-made: no booking, the slot's place free, the quota row unlocked,
and the same person books the same slot at once."""

from __future__ import annotations

import textwrap
from datetime import date, time

import pytest

from catalogue.models import Location, Service
from queueing.booking import booking_draft, slots_for
from queueing.models import Booking, Queue, ServiceQuota
from tests.conftest import in_schema
from tests.processes import python_killed_at

MONDAY = date(2026, 11, 23)
CHILD = textwrap.dedent(
    """
    import sys, time
    import django
    django.setup()
    from datetime import date, time as clock
    from django_tenants.utils import schema_context
    with schema_context(sys.argv[1]):
        from catalogue.models import Service
        from queueing.booking import booking_draft
        from queueing.models import Booking
        insert = Booking.objects.create
        def create(**fields):  # pause inside booking_draft's transaction, row inserted
            row = insert(**fields)
            print("inserted", row.code, flush=True)
            time.sleep(120)
            return row
        Booking.objects.create = create
        booking_draft(service=Service.objects.get(key="akta-kelahiran"), day=date(2026, 11, 23),
                      slot=clock(11, 0), identity="081277776666")
    """
)


@pytest.fixture
def committed(alpha, alpha_queue):
    yield alpha_queue
    with in_schema(alpha):
        Booking.objects.all().delete()
        ServiceQuota.objects.all().delete()
        Queue.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_a_killed_booking_draft_leaves_nothing(alpha, committed, tmp_path):
    log_path = tmp_path / "child.log"
    python_killed_at(
        CHILD,
        alpha.schema_name,
        marker="inserted",
        log_path=log_path,
        what="the booking draft to insert its row",
    )
    with in_schema(alpha):
        assert Booking.objects.count() == 0
        service = Service.objects.get(key="akta-kelahiran")
        location = Location.objects.get(key="gedung-mpp")
        eleven = next(
            s
            for s in slots_for(location=location, service=service, day=MONDAY)
            if s.at == time(11, 0)
        )
        assert eleven.free == 5  # the default quota: nothing held by the dead draft
        # The quota row's lock died with the connection: the same person books the same slot.
        again = booking_draft(
            service=service, day=MONDAY, slot=time(11, 0), identity="081277776666"
        )
        assert Booking.objects.get().pk == again.pk
