"""The door between schemas, public side: what public code may do or read inside a regency's
schema, and the only place it switches into one outside onboarding's seeding and the fan-out.

Public code never imports the portal layer (cms) or the tenant apps. They contribute the few
functions the platform needs when Django starts (their AppConfig.ready calls `contribute`), and
public code calls the `*_for_tenant` functions below, each switching into the regency's schema
(docs/adr/0027). Schema: public -> tenant.
"""

from __future__ import annotations

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


def golive_progress_for_tenant(*, schema_name: str) -> dict[str, int]:
    """A regency's go-live checklist progress (the operators' console, docs/adr/0035).

    About 17 statements per regency, so the console's list of 50 regencies took 5 s (issue #15,
    500 regencies). What it reads is catalogue rows, held values, the branding and the launch,
    whose writes bump the content version; the staff count does not, so an invited admin shows
    within ten minutes."""
    return _console_figure(schema_name, "golive_progress")


def catalogue_counts_for_tenant(*, schema_name: str) -> dict[str, int]:
    """Active services and counters of one regency (the operators' usage column): two counts per
    schema were seconds of statements at a few hundred regencies (issue #15)."""
    return _console_figure(schema_name, "catalogue_counts")


def _console_figure(schema_name: str, part: str) -> dict[str, int]:
    """What the console shows of one regency, computed by the tenant part `part` and kept in the
    regency's namespace under its content version, for ten minutes at most for a change that
    does not bump it: the console lists every regency."""
    with schema_context(schema_name):
        key = f"usage:{part.replace('_', '-')}:{portal_cache_version()}"
        figure = cache.get(key)
        if figure is None:
            figure = _part(part)()
            cache.set(key, figure, 600)
        return figure


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
