"""Online booking: slots from opening hours, online quotas apart from walk-in ones, one booking
per person (a keyed hash of a phone number or NIK) per service per day, a draft holding its slot
for 15 minutes, cancel, reschedule, and check-in into a ticket.

A draft whose hold passed is simply not counted (and marked expired on the next write), so a
process killed between draft and confirmation leaves nothing held. Schema: tenant.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from activity.actions import activity_record
from catalogue.models import Location, Service
from queueing.actions import ticket_issue
from queueing.errors import BookingRefused, OutOfScope, QuotaExhausted
from queueing.models import (
    Booking,
    BookingStatus,
    Channel,
    PriorityRule,
    Queue,
    ServiceQuota,
    Ticket,
)
from queueing.notifications import phone_for_notify
from queueing.opening import hours_on, local_now, overnight_day
from queueing.scope import officer_agencies
from workdays.selectors import regency_timezone

HOLD = timedelta(minutes=15)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def person_hash(identity: str) -> str:
    """A keyed hash (HMAC-SHA256 with SECRET_KEY) of a phone number or NIK; the raw value is
    never stored. Refuses what is neither."""
    digits = re.sub(r"[\s\-+().]", "", identity or "")
    if not digits.isdigit():
        raise BookingRefused(_("Masukkan nomor HP atau NIK (hanya angka)."))
    if digits.startswith("62"):
        digits = "0" + digits[2:]
    if not (len(digits) == 16 or (digits.startswith("08") and 10 <= len(digits) <= 13)):
        raise BookingRefused(_("Nomor HP (08…) atau NIK 16 angka tidak sah."))
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"person:{digits}".encode(), hashlib.sha256).hexdigest()


def window_days() -> int:
    rule = PriorityRule.objects.first()
    return rule.booking_window_days if rule else 30


def quota_for(*, location: Location, service: Service) -> ServiceQuota:
    """The service's quota row at `location`, or the defaults (unsaved) when none was set."""
    found = ServiceQuota.objects.filter(location=location, service=service).first()
    return found or ServiceQuota(location=location, service=service)


def _quota_lock(location: Location, service: Service) -> None:
    """Lock the quota row (made when missing): bookings of one service are counted one by one."""
    ServiceQuota.objects.get_or_create(location=location, service=service)
    ServiceQuota.objects.select_for_update().get(location=location, service=service)


def _holding(now: datetime) -> Q:
    return Q(status__in=[BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN]) | Q(
        status=BookingStatus.DRAFT, hold_until__gt=now
    )


@dataclass(frozen=True)
class Slot:
    at: time
    free: int


def slots_for(*, location: Location, service: Service, day: date) -> list[Slot]:
    """The day's slots with the online places left (a full slot has free == 0)."""
    quota = quota_for(location=location, service=service)
    now = timezone.now()
    taken_rows = Booking.objects.filter(_holding(now), service=service, date=day)
    taken: dict[time, int] = {}
    for slot in taken_rows.values_list("slot", flat=True):
        taken[slot] = taken.get(slot, 0) + 1
    day_left = quota.online_daily - sum(taken.values())
    earliest = local_now() if day == local_now().date() else None
    slots = []
    step = timedelta(minutes=quota.slot_minutes)
    after = earliest.time().replace(tzinfo=None) if earliest else None
    for start, end in hours_on(location=location, day=day).intervals:
        moment, limit = datetime.combine(day, start), datetime.combine(day, end)
        while moment + step <= limit:
            if after is None or moment.time() > after:
                free = min(quota.online_per_slot - taken.get(moment.time(), 0), day_left)
                slots.append(Slot(at=moment.time(), free=max(free, 0)))
            moment += step
    return slots


def next_free(*, location: Location, service: Service, after: date) -> tuple[date, time] | None:
    today = local_now().date()
    last = today + timedelta(days=window_days())
    day = max(after, today)
    while day <= last:
        free = [s.at for s in slots_for(location=location, service=service, day=day) if s.free]
        if free:
            return day, free[0]
        day += timedelta(days=1)
    return None


def _exhausted(location: Location, service: Service, day: date) -> QuotaExhausted:
    nxt = next_free(location=location, service=service, after=day)
    text = _("Kuota daring %(service)s pada jam itu sudah habis.") % {"service": service.name}
    if nxt:
        text += _(" Slot kosong berikutnya: %(day)s pukul %(time)s.") % {
            "day": date_format(nxt[0], "l, j F Y"),
            "time": nxt[1].strftime("%H.%M"),
        }
    else:
        text += _(" Tidak ada slot kosong dalam jendela pemesanan.")
    return QuotaExhausted(text)


def _slot_ensure(location: Location, service: Service, day: date, at: time) -> None:
    today = local_now().date()
    if not today <= day <= today + timedelta(days=window_days()):
        raise BookingRefused(
            _("Tanggal harus antara hari ini dan %(n)s hari ke depan.") % {"n": window_days()}
        )
    slots = {s.at: s.free for s in slots_for(location=location, service=service, day=day)}
    if at not in slots:
        raise BookingRefused(_("Jam ini bukan slot layanan pada tanggal tersebut."))
    if slots[at] <= 0:
        raise _exhausted(location, service, day)


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(6))


def booking_draft(
    *,
    service: Service,
    day: date,
    slot: time,
    identity: str,
    priority: str = "",
    phone: str = "",
) -> Booking:
    """A draft booking holding its slot for 15 minutes; `phone` (optional) receives the ticket's
    "N in line" and "called" messages once checked in."""
    notify_phone = phone_for_notify(raw=phone)
    queue = (
        Queue.objects.filter(services=service, is_active=True).select_related("location").first()
    )
    if queue is None:
        raise BookingRefused(_("Layanan ini belum dapat dipesan secara daring."))
    location, who = queue.location, person_hash(identity)
    now = timezone.now()
    try:
        with transaction.atomic():
            _quota_lock(location, service)
            Booking.objects.filter(status=BookingStatus.DRAFT, hold_until__lte=now).update(
                status=BookingStatus.EXPIRED
            )
            _slot_ensure(location, service, day, slot)
            return Booking.objects.create(
                code=_new_code(),
                location=location,
                service=service,
                date=day,
                slot=slot,
                person_hash=who,
                priority=priority,
                hold_until=now + HOLD,
                created_at=now,
                notify_phone=notify_phone,
            )
    except IntegrityError as exc:
        raise BookingRefused(
            _("Anda sudah memiliki booking untuk layanan ini pada tanggal tersebut.")
        ) from exc


def _get(public_id: str, *statuses: str) -> Booking:
    booking = Booking.objects.select_related("service", "location").filter(
        public_id=public_id[:32], status__in=statuses
    )
    found = booking.first()
    if found is None or (
        found.status == BookingStatus.DRAFT
        and found.hold_until
        and found.hold_until <= timezone.now()
    ):
        raise BookingRefused(_("Booking tidak ditemukan atau sudah kedaluwarsa."))
    return found


def booking_confirm(*, public_id: str) -> Booking:
    with transaction.atomic():
        booking = _get(public_id, BookingStatus.DRAFT)
        booking.status, booking.hold_until = BookingStatus.CONFIRMED, None
        booking.save(update_fields=["status", "hold_until"])
    return booking


def booking_cancel(*, public_id: str) -> Booking:
    with transaction.atomic():
        booking = _get(public_id, BookingStatus.DRAFT, BookingStatus.CONFIRMED)
        booking.status, booking.notify_phone = BookingStatus.CANCELLED, ""
        booking.save(update_fields=["status", "notify_phone"])
    return booking


def booking_reschedule(*, public_id: str, day: date, slot: time) -> Booking:
    with transaction.atomic():
        booking = _get(public_id, BookingStatus.CONFIRMED)
        _quota_lock(booking.location, booking.service)
        booking.status = BookingStatus.CANCELLED  # frees its own place while checking
        booking.save(update_fields=["status"])
        _slot_ensure(booking.location, booking.service, day, slot)
        booking.date, booking.slot, booking.status = day, slot, BookingStatus.CONFIRMED
        try:
            with transaction.atomic():
                booking.save(update_fields=["date", "slot", "status"])
        except IntegrityError as exc:
            raise BookingRefused(
                _("Anda sudah memiliki booking untuk layanan ini pada tanggal tersebut.")
            ) from exc
    return booking


def booking_check_in(*, code: str, location: Location, actor=None) -> Ticket:
    """Turn today's confirmed booking into a ticket at `location` (online lane, its priority);
    an officer's check-in (`actor`) is written to the activity trail."""
    code = (code or "").strip().upper()[:8]
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update()
            .select_related("service")
            .filter(code=code, status=BookingStatus.CONFIRMED)
            .first()
        )
        if booking is None or booking.location_id != location.pk:
            raise BookingRefused(_("Kode booking tidak ditemukan di lokasi ini."))
        agencies = officer_agencies(actor)
        if agencies is not None and booking.service.agency_id not in agencies:
            raise OutOfScope(_("Booking ini untuk layanan instansi lain."))
        queue = Queue.objects.filter(
            location=location, services=booking.service, is_active=True
        ).first()
        if queue is None:
            raise BookingRefused(_("Layanan ini tidak dilayani antrean di lokasi ini."))
        # After closing, an overnight queue checks in the bookings of the next opening day.
        tonight = overnight_day(location=location) if queue.overnight else None
        if booking.date != (tonight or local_now().date()):
            raise BookingRefused(
                _("Booking ini untuk %(day)s, bukan hari ini.")
                % {"day": date_format(booking.date, "l, j F Y")}
            )
        ticket = ticket_issue(
            queue=queue,
            service=booking.service,
            priority=booking.priority,
            channel=Channel.ONLINE,
            notify_phone=booking.notify_phone,
        )
        # The number moves to the ticket, whose end (or the daily sweep) erases it.
        booking.status, booking.ticket, booking.notify_phone = BookingStatus.CHECKED_IN, ticket, ""
        booking.save(update_fields=["status", "ticket", "notify_phone"])
        if actor is not None:
            activity_record(
                actor=actor,
                verb="booking.check_in",
                target=ticket,
                summary=f"{booking.code} -> {ticket.number}",
            )
    return ticket


def slot_local(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=regency_timezone())
