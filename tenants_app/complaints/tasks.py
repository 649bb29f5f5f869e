"""The per-regency scheduled jobs of complaints (run by the fan-out in each regency's schema;
idempotent). Schema: tenant.
"""

from __future__ import annotations

from complaints.jobs import complaints_autoclose, complaints_remind, contacts_erase

try:
    from satupintu.fanout import per_regency
except ImportError:  # until the fan-out lands on main: the jobs stay plain functions

    def per_regency(name: str):  # type: ignore[no-redef]
        return lambda function: function


@per_regency("complaints.reminders_send")
def reminders_send() -> int:
    return complaints_remind()


@per_regency("complaints.autoclose")
def autoclose() -> int:
    return complaints_autoclose()


@per_regency("complaints.contacts_erase")
def contacts_erase_expired() -> int:
    return contacts_erase()
