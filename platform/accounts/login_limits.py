"""Failed sign-ins, counted per account and per address, with short lockouts that grow.

Every way of proving who one is goes through here: the password at `/accounts/login/` (the one
login page of every host), the password asked again before a sensitive change, and a TOTP or
recovery code. An account is locked for a minute after a few failures, longer each time it is
locked again, never for long: an attacker cannot keep its owner out, and the owner signing in
clears it. An address is locked after many failures or refused attempts, so one machine cannot
go on guessing at any account. Refused attempts are not checked against the password, so a lock
reveals nothing.

The counters live in the cache, whose keys carry the schema (`django_tenants.cache.make_key`):
failures at one regency never lock an account of the same e-mail at another. Schema: both.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import ngettext

PREFIX = "login-limits"
ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


@dataclass(frozen=True)
class Policy:
    failures: int  # failures within `window` seconds that lock the subject
    window: int
    lockouts: tuple[int, ...]  # seconds of the 1st, 2nd, ... lockout; the last one repeats
    memory: int  # seconds a subject's lockout count is remembered after its last lockout


def policy(kind: str) -> Policy:
    config: dict[str, Any] = settings.LOGIN_LIMITS[kind]
    return Policy(
        failures=config["failures"],
        window=config["window_minutes"] * 60,
        lockouts=tuple(minutes * 60 for minutes in config["lockout_minutes"]),
        memory=config["memory_hours"] * 3600,
    )


@dataclass(frozen=True)
class Lockout:
    until: float  # seconds since the epoch

    def message(self, request: HttpRequest) -> str:
        """When to try again, in the regency's own time zone (WIB, WITA or WIT)."""
        zone_name = getattr(getattr(request, "tenant", None), "time_zone", "") or settings.TIME_ZONE
        minutes = max(1, math.ceil((self.until - time.time()) / 60))
        at = datetime.fromtimestamp(self.until, tz=UTC).astimezone(ZoneInfo(zone_name))
        return ngettext(
            "Terlalu banyak percobaan masuk yang gagal. Demi keamanan, coba lagi dalam "
            "%(minutes)s menit (pukul %(time)s %(zone)s).",
            "Terlalu banyak percobaan masuk yang gagal. Demi keamanan, coba lagi dalam "
            "%(minutes)s menit (pukul %(time)s %(zone)s).",
            minutes,
        ) % {"minutes": minutes, "time": f"{at:%H.%M}", "zone": ZONE_NAMES.get(zone_name, "")}


def client_ip(request: HttpRequest) -> str:
    """The client's address as allauth's own limits see it (ALLAUTH_TRUSTED_PROXY_COUNT; an
    IPv6 client is its /64)."""
    from allauth.core.internal.ratelimit import get_ip

    return get_ip(request)


def _subjects(request: HttpRequest, account: str) -> dict[str, str]:
    digest = hashlib.sha256(account.strip().lower().encode()).hexdigest()[:40]
    return {"account": f"{PREFIX}:account:{digest}", "ip": f"{PREFIX}:ip:{client_ip(request)}"}


def _active_lockout(subject: str) -> Lockout | None:
    until = cache.get(f"{subject}:lock")
    if until is not None and until > time.time():
        return Lockout(until=until)
    return None


def _count(key: str, timeout: int) -> int:
    """Adds one to a counter that expires `timeout` seconds after its first count."""
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout)
        return 1


def _fail(subject: str, rules: Policy) -> None:
    if _active_lockout(subject):
        return
    # Only the request that reaches the threshold locks, so parallel guesses lock once.
    if _count(f"{subject}:failures", rules.window) != rules.failures:
        return
    level = _count(f"{subject}:level", rules.memory)
    seconds = rules.lockouts[min(level, len(rules.lockouts)) - 1]
    cache.set(f"{subject}:lock", time.time() + seconds, seconds)
    cache.set(f"{subject}:level", level, rules.memory + seconds)
    cache.delete(f"{subject}:failures")


def login_attempt_check(request: HttpRequest, *, account: str) -> Lockout | None:
    """The lockout that refuses this attempt at `account` from this address, if any. A refused
    attempt counts against the address (not the account): hammering a locked account locks the
    machine doing it."""
    subjects = _subjects(request, account)
    ip_lock = _active_lockout(subjects["ip"])
    if ip_lock:
        return ip_lock
    account_lock = _active_lockout(subjects["account"])
    if account_lock:
        _fail(subjects["ip"], policy("ip"))
    return account_lock


def login_failure_record(request: HttpRequest, *, account: str) -> None:
    subjects = _subjects(request, account)
    for kind, subject in subjects.items():
        _fail(subject, policy(kind))


def login_success_record(request: HttpRequest, *, account: str) -> None:
    """The owner got in: the account's failures and lockout count are forgotten (the address's
    are not, or an attacker with an account of their own could reset their count)."""
    subject = _subjects(request, account)["account"]
    cache.delete_many([f"{subject}:failures", f"{subject}:level", f"{subject}:lock"])
