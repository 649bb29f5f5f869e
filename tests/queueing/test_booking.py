"""Online booking: slots, separate online and walk-in quotas, one per person per service per
day (keyed hash only), the 15-minute draft hold, cancel, reschedule and check-in."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from catalogue.models import Counter, Location, Service
from queueing.actions import ticket_call_next, ticket_issue
from queueing.booking import (
    booking_cancel,
    booking_check_in,
    booking_confirm,
    booking_draft,
    booking_reschedule,
    person_hash,
    slots_for,
)
from queueing.errors import BookingRefused, QuotaExhausted
from queueing.models import Booking, PriorityRule, ServiceQuota
from tests.clock import WIB
from tests.conftest import in_schema, staff_user

TUESDAY = date(2026, 11, 24)


@pytest.fixture
def ktp(alpha, alpha_queue):
    with in_schema(alpha):
        service = Service.objects.get(key="ktp-el-baru")
        ServiceQuota.objects.create(
            location=alpha_queue.location,
            service=service,
            online_daily=3,
            online_per_slot=2,
            walk_in_daily=2,
        )
        return service


def test_slots_follow_hours_and_breaks(alpha, ktp):
    with in_schema(alpha):
        slots = [
            s.at
            for s in slots_for(
                location=Location.objects.get(key="gedung-mpp"), service=ktp, day=TUESDAY
            )
        ]
    assert slots[0] == time(7, 30)
    assert time(11, 30) in slots
    assert time(12, 0) not in slots
    assert time(13, 0) in slots
    assert slots[-1] == time(15, 30)


def test_identity_is_only_kept_as_keyed_hash(alpha, ktp):
    with in_schema(alpha):
        booking = booking_draft(
            service=ktp, day=TUESDAY, slot=time(8, 0), identity="0812-3456-7890"
        )
        assert booking.person_hash == person_hash("+62 812 3456 7890")
        assert "81234567890" not in str(Booking.objects.filter(pk=booking.pk).values().first())
        with pytest.raises(BookingRefused, match="HP"):
            booking_draft(service=ktp, day=TUESDAY, slot=time(8, 0), identity="abc")


def test_the_booking_window_is_the_regencys_counted_from_the_local_today(alpha, ktp):
    """Today is Monday 23 November 2026 (the pinned clock); 30 days by default."""
    with in_schema(alpha):
        with pytest.raises(BookingRefused, match="hari ini dan 30 hari ke depan"):
            booking_draft(
                service=ktp, day=date(2026, 12, 24), slot=time(8, 0), identity="081200000021"
            )
        with pytest.raises(BookingRefused, match="hari ini dan 30 hari ke depan"):
            booking_draft(
                service=ktp, day=date(2026, 11, 22), slot=time(8, 0), identity="081200000022"
            )
        PriorityRule.objects.create(booking_window_days=7)
        with pytest.raises(BookingRefused, match="hari ini dan 7 hari ke depan"):
            booking_draft(
                service=ktp, day=date(2026, 12, 1), slot=time(8, 0), identity="081200000023"
            )
        assert Booking.objects.count() == 0
        last = booking_draft(
            service=ktp, day=date(2026, 11, 30), slot=time(8, 0), identity="081200000024"
        )
        assert last.status == "draft"


def test_one_booking_per_person_service_and_day(alpha, ktp):
    with in_schema(alpha):
        booking_draft(service=ktp, day=TUESDAY, slot=time(8, 0), identity="3201010101010001")
        with pytest.raises(BookingRefused, match="sudah memiliki booking"):
            booking_draft(service=ktp, day=TUESDAY, slot=time(9, 0), identity="3201010101010001")


def test_online_quota_per_slot_and_day_names_the_next_free_slot(alpha, ktp):
    with in_schema(alpha):
        for phone in ("081200000001", "081200000002"):
            booking_draft(service=ktp, day=TUESDAY, slot=time(8, 0), identity=phone)
        with pytest.raises(
            QuotaExhausted, match=r"Slot kosong berikutnya: Selasa, 24 November 2026 pukul 07\.30"
        ):
            booking_draft(service=ktp, day=TUESDAY, slot=time(8, 0), identity="081200000003")
        booking_draft(service=ktp, day=TUESDAY, slot=time(9, 0), identity="081200000003")
        with pytest.raises(QuotaExhausted):
            booking_draft(service=ktp, day=TUESDAY, slot=time(10, 0), identity="081200000004")


def test_walk_in_quota_is_separate_from_online(alpha, alpha_queue, ktp):
    with in_schema(alpha):
        for phone in ("081200000001", "081200000002", "081200000003"):
            b = (
                booking_draft(service=ktp, day=date(2026, 11, 23), slot=time(9, 30), identity=phone)
                if phone != "081200000003"
                else booking_draft(
                    service=ktp, day=date(2026, 11, 23), slot=time(10, 0), identity=phone
                )
            )
            booking_confirm(public_id=b.public_id)
        ticket_issue(queue=alpha_queue, service=ktp)
        ticket_issue(queue=alpha_queue, service=ktp)
        with pytest.raises(QuotaExhausted, match="langsung"):
            ticket_issue(queue=alpha_queue, service=ktp)
        checked = booking_check_in(code=b.code, location=alpha_queue.location)
        assert (checked.channel, checked.number) == ("online", "A-003")


def test_a_draft_expires_after_15_minutes_and_frees_its_slot(alpha, ktp, time_machine):
    with in_schema(alpha):
        for phone in ("081200000001", "081200000002"):
            draft = booking_draft(service=ktp, day=TUESDAY, slot=time(8, 0), identity=phone)
        time_machine.move_to(datetime(2026, 11, 23, 9, 16, tzinfo=WIB), tick=False)
        with pytest.raises(BookingRefused, match="kedaluwarsa"):
            booking_confirm(public_id=draft.public_id)
        again = booking_draft(service=ktp, day=TUESDAY, slot=time(8, 0), identity="081200000001")
        assert again.status == "draft"
        assert Booking.objects.filter(status="expired").count() == 2


def test_cancel_reschedule_and_check_in(alpha, alpha_queue, ktp, time_machine):
    with in_schema(alpha):
        draft = booking_draft(
            service=ktp, day=TUESDAY, slot=time(8, 0), identity="081200000009", priority="lansia"
        )
        booking = booking_confirm(public_id=draft.public_id)
        with pytest.raises(BookingRefused, match="bukan hari ini"):
            booking_check_in(code=booking.code, location=alpha_queue.location)
        moved = booking_reschedule(public_id=booking.public_id, day=TUESDAY, slot=time(14, 0))
        assert moved.slot == time(14, 0)
        with pytest.raises(BookingRefused, match="Tanggal harus"):
            booking_reschedule(
                public_id=booking.public_id, day=TUESDAY + timedelta(days=40), slot=time(9, 0)
            )
        time_machine.move_to(datetime(2026, 11, 24, 13, 50, tzinfo=WIB), tick=False)
        ticket = booking_check_in(code=booking.code.lower(), location=alpha_queue.location)
        assert (ticket.priority, ticket.channel) == ("lansia", "online")
        with pytest.raises(BookingRefused):
            booking_check_in(code=booking.code, location=alpha_queue.location)
        other = booking_draft(service=ktp, day=TUESDAY, slot=time(15, 0), identity="081200000010")
        assert booking_cancel(public_id=other.public_id).status == "cancelled"


def test_a_checked_in_booking_is_called_ahead_of_walk_ins_once_its_slot_has_come(
    alpha, alpha_queue, ktp, time_machine
):
    """Check-in gives the booking its own lane: checked in before its slot it waits like any
    ticket; from the slot on it goes before the tickets taken on the day."""
    officer = staff_user(alpha, "petugas@alpha.test")
    with in_schema(alpha):
        counter = Counter.objects.get(key="loket-a1")
        monday = date(2026, 11, 23)
        early = booking_confirm(
            public_id=booking_draft(
                service=ktp, day=monday, slot=time(9, 30), identity="081200000021"
            ).public_id
        )
        first_walk_in = ticket_issue(queue=alpha_queue, service=ktp)
        second_walk_in = ticket_issue(queue=alpha_queue, service=ktp)
        time_machine.move_to(datetime(2026, 11, 23, 9, 25, tzinfo=WIB), tick=False)
        booked = booking_check_in(code=early.code, location=alpha_queue.location)
        # 09.25: the slot (09.30) has not come, so the walk-in taken first is called first.
        assert ticket_call_next(counter=counter, officer=officer).pk == first_walk_in.pk
        time_machine.move_to(datetime(2026, 11, 23, 9, 31, tzinfo=WIB), tick=False)
        # 09.31: the booking's slot has come; it goes before the walk-in who came earlier.
        assert ticket_call_next(counter=counter, officer=officer).pk == booked.pk
        assert ticket_call_next(counter=counter, officer=officer).pk == second_walk_in.pk
