"""Seeding a new portal: the door through which onboarding writes into a regency's schema (one of
three, docs/adr/0027: creation and operators' reads go through satupintu.portal_door, scheduled
work through satupintu.fanout). Applies a catalogue document, the branding, and the first regency
admin with their invitation, each in a `*_for_tenant` function. Schema: public -> tenant.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django_tenants.utils import schema_context

from regions.actions import kind_for_code
from satupintu.site_urls import platform_base_url

if TYPE_CHECKING:
    from catalogue.portable import ImportReport
    from regencies.models import Regency

SEED_TEMPLATES = ("badung", "bandung", "soppeng")


def seed_template_document(name: str) -> dict[str, Any]:
    """One of the curated seed catalogues shipped with SatuPintu (onboarding/seed_templates/)."""
    if name not in SEED_TEMPLATES:
        raise ValueError(f"unknown seed template {name!r}")
    text = resources.files("onboarding").joinpath(f"seed_templates/{name}.json").read_text("utf-8")
    return json.loads(text)


def template_apply_for_tenant(
    regency: Regency,
    *,
    document: dict[str, Any],
    parts: frozenset[str] | None = None,
    skip_keys: dict[str, set[str]] | None = None,
    replace: bool = False,
    dry_run: bool = False,
    pages_live: bool = True,
) -> ImportReport:
    from catalogue.portable import ALL_PARTS, catalogue_import

    with schema_context(regency.schema_name):
        return catalogue_import(
            document=document,
            parts=parts or ALL_PARTS,
            skip_keys=skip_keys,
            replace=replace,
            dry_run=dry_run,
            pages_live=pages_live,
        )


def golive_prepare_for_tenant(
    regency: Regency, *, held: list[dict[str, Any]], publish: bool
) -> None:
    """The values adoption held back, kept as suggestions for the admin's go-live checklist, and
    the portal in preparation until its admin publishes it (unless `publish`; docs/adr/0040)."""
    with schema_context(regency.schema_name):
        from cms.golive_actions import golive_prepare

        golive_prepare(held=held, publish=publish)


def branding_apply_for_tenant(
    regency: Regency, *, brand_name: str, primary_color: str, accent_color: str, logo_name: str = ""
) -> None:
    """The applicant's brand, colours and logo become the portal's branding."""
    logo_bytes = b""
    if logo_name:
        with schema_context("public"), default_storage.open(logo_name, "rb") as upload:
            logo_bytes = upload.read()
    with schema_context(regency.schema_name):
        from cms.actions import portal_branding_set

        portal_branding_set(
            regency_name=regency.name,
            brand_name=brand_name,
            primary_color=primary_color,
            accent_color=accent_color,
            logo=ContentFile(logo_bytes, name=logo_name.rsplit("/", 1)[-1]) if logo_bytes else None,
        )


def regency_admin_ensure_for_tenant(regency: Regency, *, email: str, full_name: str = "") -> None:
    """The first regency admin: an account of this regency only, with no password until invited."""
    with schema_context(regency.schema_name):
        from cms.actions import regency_admin_ensure

        regency_admin_ensure(email=email, full_name=full_name)


def admin_entry_url_for_tenant(regency: Regency, *, email: str) -> tuple[str, bool]:
    """The admin's way in at the regency's own host: a link that sets their password until they
    have one, then the sign-in page; and which of the two it is."""
    with schema_context(regency.schema_name):
        from cms.actions import regency_admin_entry_path

        path, sets_password = regency_admin_entry_path(email=email)
    return regency.portal_url().rstrip("/") + path, sets_password


def admin_invitation_send_for_tenant(regency: Regency, *, email: str) -> None:
    from django.core.mail import send_mail

    context = {
        "regency": regency,
        "portal_url": regency.portal_url(),
        "invitation_url": admin_entry_url_for_tenant(regency, email=email)[0],
        "platform_url": platform_base_url() + "/",
    }
    send_mail(
        subject=render_to_string("onboarding/email/invitation_subject.txt", context).strip(),
        message=render_to_string("onboarding/email/invitation_message.txt", context),
        from_email=None,
        recipient_list=[email],
    )


def demo_admin_password_set_for_tenant(regency: Regency, *, email: str, password: str) -> None:
    """The local demo only: a demo regency's admin gets a known password, not an invitation."""
    from accounts.models import User

    with schema_context(regency.schema_name):
        user = User.objects.get(email=email)
        user.set_password(password)
        user.save(update_fields=["password"])


def catalogue_export_for_tenant(regency: Regency) -> dict[str, Any]:
    """A regency's setup as a portable document (to publish it as a template)."""
    from catalogue.portable import catalogue_export

    with schema_context(regency.schema_name):
        document = catalogue_export(
            title=regency.display_brand, exported_from=regency.primary_hostname() or ""
        )
    document.setdefault("meta", {})["regency_kind"] = kind_for_code(regency.code)
    return document


def search_refresh_for_tenant(regency: Regency) -> None:
    """Build the search text of every service in the new portal that has none yet. The catalogue
    import builds it for the services it writes, in its own transaction, so after a template
    this finds none (it rebuilt all ~150 a second time; docs/adr/0060)."""
    from catalogue.actions import service_search_refresh  # as the other steps: loaded on use

    with schema_context(regency.schema_name):
        service_search_refresh(missing_only=True)
