"""Absolute links to our own sites that leave the request, such as the links in e-mails: built from
the configured domain, never from the request's Host header. Schema: both.

Anyone can send a request with any Host header (or port) that still routes to a regency; a
password-reset e-mail built from it would carry the sender's host to the victim. A regency's links
use its primary domain (`Regency.portal_url`), the platform's use `PLATFORM_BASE_DOMAIN`, both
with the configured scheme and public port.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpRequest

from satupintu.db import connection


def base_url(hostname: str) -> str:
    """`scheme://hostname[:port]` with the configured scheme and public port, no trailing slash."""
    port = settings.PLATFORM_PORT
    suffix = f":{port}" if port and port not in ("80", "443") else ""
    return f"{settings.PLATFORM_URL_SCHEME}://{hostname}{suffix}"


def platform_base_url() -> str:
    return base_url(settings.PLATFORM_BASE_DOMAIN)


def _tenant(request: HttpRequest | None):
    tenant = getattr(request, "tenant", None) or getattr(connection, "tenant", None)
    schema = getattr(tenant, "schema_name", "public")
    if schema == "public":
        return None
    if not hasattr(tenant, "portal_url"):  # a bare schema switch (schema_context)
        from regencies.models import Regency

        return Regency.objects.filter(schema_name=schema).first()
    return tenant


def site_base_url(request: HttpRequest | None = None) -> str:
    """The configured address of the site `request` is on (else the connection's schema)."""
    tenant = _tenant(request)
    if tenant is None:
        return platform_base_url()
    return tenant.portal_url().rstrip("/")


@dataclass(frozen=True)
class ConfiguredSite:
    """What e-mail templates call `current_site`: the site's name and configured domain."""

    name: str
    domain: str


def site_for_mail(request: HttpRequest | None = None) -> ConfiguredSite:
    tenant = _tenant(request)
    name = (tenant.brand_name or tenant.name) if tenant is not None else "SatuPintu"
    return ConfiguredSite(name=name, domain=urlsplit(site_base_url(request)).netloc)


def site_link(request: HttpRequest | None, url: str) -> str:
    """`url` with its scheme and host replaced by the site's configured ones when it points at
    the host this request came in on (whatever port or spelling the Host header used)."""
    parts = urlsplit(url)
    if request is None or not parts.netloc:
        return url
    sent = request.get_host().lower()
    if parts.netloc.lower() != sent:
        return url
    base = urlsplit(site_base_url(request))
    return urlunsplit((base.scheme, base.netloc, parts.path, parts.query, parts.fragment))
