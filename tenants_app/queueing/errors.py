"""The queue's refusals, each with a stable code and an Indonesian message. Schema: tenant."""

from satupintu.errors import DomainError


class QueueError(DomainError):
    code = "queue_invalid"


class QueueClosed(QueueError):
    code = "queue_closed"


class QuotaExhausted(QueueError):
    code = "quota_exhausted"


class TransitionRefused(QueueError):
    code = "ticket_transition"


class NothingWaiting(QueueError):
    code = "queue_empty"


class DeviceRefused(QueueError):
    code = "device_refused"


class BookingRefused(QueueError):
    code = "booking_refused"


class OutOfScope(QueueError):
    """An officer acting on another agency's queue or ticket."""

    code = "queue_out_of_scope"
