"""The door between schemas, public side: what public code may do or read inside a regency's
schema, and the only place it switches into one outside onboarding's seeding and the fan-out.

Public code never imports the portal layer (cms) or the tenant apps. They contribute the few
functions the platform needs when Django starts (their AppConfig.ready calls `contribute`), and
public code calls the `*_for_tenant` functions below, each switching into the regency's schema
(docs/adr/0027). Schema: public -> tenant.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.http import HttpRequest
from django_tenants.utils import schema_context

from accounts.models import User
from satupintu.page_cache import portal_cache_version

# name -> what the contributor promises (documentation for a reviewer; checked at contribute()).
CONTRACT = {
    "portal_skeleton_ensure": "() -> object: home page, index pages, site and roles (idempotent)",
    "portal_identity_set": "(*, hostname, port, regency_name, brand_name) -> None",
    "portal_site_hostname_set": "(*, hostname, port) -> object",
    "catalogue_counts": "() -> dict[str, int]: active services and counters",
    "golive_progress": "() -> dict[str, int]: go-live groups done, groups, items to do, published",
    "regency_admin_role": "str: the name of the regency admins' group",
    "visit_context": "(*, request) -> dict: where and when the MPP serves (closed portal)",
    "error_page_context": "(*, request) -> dict: what a portal's error page offers",
}
_contributed: dict[str, Any] = {}


def contribute(**parts: Any) -> None:
    """Called by cms and the tenant apps at start-up with what they let the platform use."""
    unknown = set(parts) - set(CONTRACT)
    if unknown:
        raise ImproperlyConfigured(f"portal_door: unknown contribution(s) {sorted(unknown)}")
    _contributed.update(parts)


def _part(name: str) -> Any:
    try:
        return _contributed[name]
    except KeyError:
        raise ImproperlyConfigured(
            f"portal_door: nothing contributed {name!r}; is the app that provides it installed?"
        ) from None


def portal_visit_context(*, request: HttpRequest) -> dict[str, Any]:
    """Where and when the MPP serves; called already inside the regency's schema."""
    return _part("visit_context")(request=request)


def portal_error_page_context(*, request: HttpRequest) -> dict[str, Any]:
    """What the portal's error pages offer a lost visitor; called inside the regency's schema."""
    return _part("error_page_context")(request=request)


def portal_skeleton_ensure_for_tenant(*, schema_name: str) -> None:
    """The portal's skeleton (home, index pages, site, roles) in `schema_name`; idempotent."""
    ensure: Callable[[], object] = _part("portal_skeleton_ensure")
    with schema_context(schema_name):
        ensure()


def portal_identity_set_for_tenant(
    *, schema_name: str, hostname: str, port: int, regency_name: str, brand_name: str
) -> None:
    """Point a new portal's Wagtail site at the regency's host and name its home page."""
    with schema_context(schema_name):
        _part("portal_identity_set")(
            hostname=hostname, port=port, regency_name=regency_name, brand_name=brand_name
        )


def portal_site_hostname_set_for_tenant(*, schema_name: str, hostname: str, port: int) -> None:
    """Keep the portal's Wagtail site on the regency's primary host."""
    with schema_context(schema_name):
        _part("portal_site_hostname_set")(hostname=hostname, port=port)


# A regency's console figures last until its content or its staff change; a day at most, so that
# a change neither bumps (a direct SQL edit) shows by the next day.
CONSOLE_FIGURES_SECONDS = 24 * 60 * 60
_STAFF_VERSION_KEY = "usage:staff-version"


def console_figures_for_tenant(
    *, schema_name: str, compute: bool = True
) -> dict[str, dict[str, int]] | None:
    """What the operators' console shows of one regency: `{"golive": go-live checklist progress
    (docs/adr/0035), "counts": active services and counters}`.

    Computing them is about 20 statements in the regency's schema, and a connection's first
    statements in a schema also load its catalogue: the list of 50 regencies took 5 s cold at
    500 regencies (issue #15). So they are kept in the regency's cache namespace under its
    content version (catalogue rows, held values, branding and the launch bump it) and its staff
    version (the checklist counts staff; `staff_changed` bumps it). With `compute` false, a
    figure not kept is None rather than computed (the console's time budget, ADR 0059)."""
    with schema_context(schema_name):
        key = f"usage:console:{portal_cache_version()}:{_staff_version()}"
        figures = cache.get(key)
        if figures is None and compute:
            figures = {"golive": _part("golive_progress")(), "counts": _part("catalogue_counts")()}
            cache.set(key, figures, CONSOLE_FIGURES_SECONDS)
        return figures


def golive_progress_for_tenant(*, schema_name: str) -> dict[str, int]:
    figures = console_figures_for_tenant(schema_name=schema_name)
    assert figures is not None  # computed when missing
    return figures["golive"]


def catalogue_counts_for_tenant(*, schema_name: str) -> dict[str, int]:
    figures = console_figures_for_tenant(schema_name=schema_name)
    assert figures is not None  # computed when missing
    return figures["counts"]


def _staff_version() -> int:
    version = cache.get(_STAFF_VERSION_KEY)
    if version is None:
        version = secrets.randbits(52)  # never an earlier one's, after a flush
        cache.add(_STAFF_VERSION_KEY, version, None)
        version = cache.get(_STAFF_VERSION_KEY, version)
    return int(version)


def staff_changed(*, update_fields: Any = None, **_signal: Any) -> None:
    """A user added, (de)activated or deleted in the current schema: its console figures are
    computed anew. A save of other fields only (a login's `last_login`) changes no figure."""
    if update_fields is not None and "is_active" not in update_fields:
        return
    cache.set(_STAFF_VERSION_KEY, secrets.randbits(52), None)


def regency_admin_emails_for_tenant(*, schema_name: str) -> list[str]:
    """E-mail addresses of the regency's active admins (superusers and the admin role)."""
    role: str = _part("regency_admin_role")
    with schema_context(schema_name):
        return list(
            User.objects.filter(Q(is_superuser=True) | Q(groups__name=role), is_active=True)
            .distinct()
            .order_by("email")
            .values_list("email", flat=True)
        )
