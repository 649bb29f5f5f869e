"""The per-regency scheduled jobs of complaints (run by the fan-out in each regency's schema;
idempotent). Schema: tenant.
"""

from __future__ import annotations

from complaints.jobs import complaints_autoclose, complaints_remind, contacts_erase
from satupintu.fanout import per_regency


@per_regency("complaints.reminders_send")
def reminders_send() -> int:
    return complaints_remind()


@per_regency("complaints.autoclose")
def autoclose() -> int:
    return complaints_autoclose()


@per_regency("complaints.contacts_erase")
def contacts_erase_expired() -> int:
    return contacts_erase()
