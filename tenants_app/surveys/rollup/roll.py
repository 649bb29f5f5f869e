"""Rolling finished days up (docs/adr/0038): each day replaced whole in one transaction, days
without tickets marked rolled. Schema: tenant."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from satupintu.db import connection
from surveys.models import QueueDayRolled
from surveys.rollup.common import (
    _GRAIN,
    RECENT_DAYS,
    _rolled_select,
    _tables,
    _version_bump_now_and_on_commit,
)
from workdays.selectors import local_today

# Days with tickets not rolled (or rolled when they had none: history loaded afterwards), and
# the recent days again.
_DUE = """
    SELECT DISTINCT local_date FROM {ticket} WHERE local_date < %(today)s
    AND (local_date >= %(recent)s
         OR local_date NOT IN (SELECT local_date FROM {rolled} WHERE tickets > 0))
"""
# Every finished day from the first rolled one that has no tickets is rolled as empty (no rows),
# so a period's weekends and holidays are not read from the tickets on every request.
_EMPTY = """
    INSERT INTO {rolled} (local_date, rolled_at, tickets)
    SELECT d::date, %(now)s, 0
    FROM generate_series((SELECT min(local_date) FROM {rolled}), %(yesterday)s::date,
                         interval '1 day') d
    WHERE NOT EXISTS (SELECT 1 FROM {rolled} r WHERE r.local_date = d::date)
      AND NOT EXISTS (SELECT 1 FROM {ticket} t WHERE t.local_date = d::date)
    ON CONFLICT (local_date) DO NOTHING
"""
# A day's rows as one value, to tell whether rolling it again changed them.
_FINGERPRINT = """
    SELECT md5(coalesce(string_agg(f::text, '|' ORDER BY f::text), ''))
    FROM (SELECT {grain}, tickets, served, no_shows, wait_count, wait_sum, serve_sum, waits,
                 serves FROM {rollup} WHERE local_date = %(day)s) f
"""
_REPLACE = (
    "DELETE FROM {rollup} WHERE local_date = %(day)s",
    "INSERT INTO {rollup} ({grain}, tickets, served, no_shows, wait_count, wait_sum, serve_sum, "
    "waits, serves) {select}",
    "SELECT coalesce(sum(tickets), 0) FROM {rollup} WHERE local_date = %(day)s",
)


def queue_days_roll(*, days: list[date] | None = None, today: date | None = None) -> int:
    """Roll up `days` (default: every finished local day with tickets not rolled yet, and the
    last RECENT_DAYS again; then every finished day without tickets since the first rolled day
    is marked rolled with no rows). Each day is replaced whole in one transaction: idempotent,
    and a killed run leaves every day either rolled or read live. Returns the days rolled that
    have tickets."""
    tables = _tables()
    if tables is None:
        return 0
    today = today or local_today()
    scheduled = days is None
    if days is None:
        days = _days_due(tables, today=today)
    days = sorted(d for d in set(days) if d < today)
    for day in days:
        _roll_one(tables, day)
    if scheduled:
        _empty_days_mark(tables, today=today)
    return len(days)


def _empty_days_mark(tables: dict[str, str], *, today: date) -> None:
    sql = _EMPTY.format(ticket=tables["ticket"], rolled=tables["rolled"])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, {"now": timezone.now(), "yesterday": today - timedelta(days=1)})
        if cursor.rowcount:
            _version_bump_now_and_on_commit()


def _days_due(tables: dict[str, str], *, today: date) -> list[date]:
    recent = today - timedelta(days=RECENT_DAYS)
    sql = _DUE.format(ticket=tables["ticket"], rolled=tables["rolled"])
    with connection.cursor() as cursor:
        cursor.execute(sql, {"today": today, "recent": recent})
        return [row[0] for row in cursor.fetchall()]


def _roll_one(tables: dict[str, str], day: date) -> None:
    """Replace the day's rows; a new rollup version only when they changed (a new day, a late
    ticket), so that the hourly re-roll of the recent days keeps the cached figures."""
    select = _rolled_select(tables, where="t.local_date = %(day)s")
    delete, insert, count = (
        sql.format(rollup=tables["rollup"], grain=_GRAIN, select=select) for sql in _REPLACE
    )
    fingerprint = _FINGERPRINT.format(rollup=tables["rollup"], grain=_GRAIN)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(fingerprint, {"day": day})
        before = cursor.fetchone()[0]
        cursor.execute(delete, {"day": day})
        cursor.execute(insert, {"day": day})
        cursor.execute(fingerprint, {"day": day})
        changed = cursor.fetchone()[0] != before
        cursor.execute(count, {"day": day})
        _, created = QueueDayRolled.objects.update_or_create(
            local_date=day, defaults={"rolled_at": timezone.now(), "tickets": cursor.fetchone()[0]}
        )
        if created or changed:
            _version_bump_now_and_on_commit()
