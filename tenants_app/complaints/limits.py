"""Rate limits of the citizen's complaint pages (Django's cache; keys carry the schema).
Schema: tenant."""

from __future__ import annotations

import hashlib

from django.core.cache import cache

from accounts.login_limits import client_ip
from satupintu.db import connection

HOUR, DAY = 3600, 86400
LIMITS = {
    "submit-ip": (5, HOUR),
    "submit-contact": (3, DAY),
    "track-ip": (60, HOUR),
    "write-ip": (20, HOUR),
}


def _key(kind: str, subject: str) -> str:
    digest = hashlib.sha256(subject.strip().lower().encode()).hexdigest()[:32]
    return f"complaints:{connection.schema_name}:{kind}:{digest}"


def limit_hit(kind: str, subject: str) -> bool:
    """Count one attempt; True when the limit of `kind` is exceeded."""
    allowed, window = LIMITS[kind]
    key = _key(kind, subject)
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count > allowed


def ip_limit_hit(request, kind: str) -> bool:
    return limit_hit(kind, client_ip(request))
