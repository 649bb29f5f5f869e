"""Going live: the values adoption held back, confirmed by the admin one at a time, and the
admin publishing the portal (docs/adr/0035, 0040). Schema: tenant.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from activity.actions import activity_record
from catalogue.models import Agency, Drafted, Location, Service, ServicePledge, ServiceStandard
from catalogue.publishing import baseline_revision, publishing_as
from cms.golive import week_summary
from cms.models import Branding, HeldValue, PortalLaunch
from satupintu.errors import DomainError
from satupintu.page_cache import portal_cache_bump

DECIMAL_FIELDS = frozenset({"latitude", "longitude"})
DATE_FIELDS = frozenset({"decree_date"})
# Switching a held row on needs a name: an office or outlet without one cannot be shown.
NAME_FIELDS = frozenset({"name", "is_active"})


class GoLiveError(DomainError):
    code = "golive_invalid"


@transaction.atomic
def golive_prepare(*, held: list[dict[str, Any]], publish: bool) -> None:
    """At adoption (provisioning, idempotent): keep the held values as suggestions and, unless
    the portal goes live at once, put it in preparation. A value already kept (confirmed or not)
    stays, and of one value listed twice the first counts. Written in one insert, in the order
    given: a Badung adoption holds ~360 values, one query each was most of the catalogue step."""
    kept = set(HeldValue.objects.values_list("section", "key", "field_name"))
    new = []
    for item in held:
        identity = (item["section"], item["key"], item["field"])
        if identity in kept:
            continue
        kept.add(identity)
        new.append(
            HeldValue(
                section=item["section"],
                key=item["key"],
                field_name=item["field"],
                template_value=item.get("suggestion"),
                proposal=item.get("proposal"),
            )
        )
    HeldValue.objects.bulk_create(new)
    launch = PortalLaunch.objects.first()
    if launch is None:
        PortalLaunch.objects.create(published_at=timezone.now() if publish else None)
        portal_cache_bump()


def _target(held: HeldValue) -> models.Model:
    lookups: dict[str, tuple[Any, dict[str, Any]]] = {
        "locations": (Location, {"key": held.key}),
        "agencies": (Agency, {"key": held.key}),
        "standards": (Service, {"key": held.key}),
    }
    try:
        if held.section in lookups:
            model, lookup = lookups[held.section]
            row = model.objects.get(**lookup)
            if held.section == "standards":
                standard = row.current_standard  # type: ignore[attr-defined]
                if standard is None:
                    raise GoLiveError(_("Layanan ini belum memiliki standar pelayanan."))
                return standard
            return row
        if held.section == "pledges":
            pledges = ServicePledge.objects.filter(is_active=True)
            if held.key == "mpp":
                return pledges.get(agency__isnull=True)
            return pledges.get(agency__key=held.key)
        if held.section == "contacts":
            return Branding.for_site(Site.objects.get(is_default_site=True))
    except models.ObjectDoesNotExist:
        pass
    raise GoLiveError(_("Data yang dituju isian ini sudah tidak ada; ubah langsung di admin."))


def _typed(name: str, value: str) -> Any:
    value = value.strip()
    if name in DECIMAL_FIELDS:
        if not value:
            return None
        try:
            return Decimal(value.replace(",", "."))
        except InvalidOperation:
            raise GoLiveError(_("Tulis koordinat sebagai angka, misalnya -1.8512.")) from None
    if name in DATE_FIELDS:
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise GoLiveError(_("Tulis tanggal sebagai TTTT-BB-HH, misalnya 2026-01-15.")) from None
    return value


def _write_confirmed(*, target: models.Model, changed: list[str], actor) -> None:
    """A drafted row (agency, location, pledge) is published through the catalogue's one path,
    on top of any draft waiting (which keeps its other edits and no longer undoes this); a
    standard's SK also goes into the service's pending standard draft."""
    if not isinstance(target, Drafted):
        target.save(update_fields=changed)
        if isinstance(target, ServiceStandard):
            service = target.service
            if service.standard_draft:
                for name in changed:
                    value = getattr(target, name)
                    service.standard_draft[name] = (
                        value.isoformat() if isinstance(value, dt.date) else value
                    )
                service.save(update_fields=["standard_draft"])
        return
    baseline_revision(instance=target)
    row = type(target).objects.get(pk=target.pk).get_latest_revision_as_object()
    for name in changed:
        setattr(row, name, getattr(target, name))
    user = actor if getattr(actor, "is_authenticated", False) else None
    with publishing_as(user):
        row.save_revision(user=user).publish(user=user)


@transaction.atomic
def held_value_confirm(*, actor, held_value_id: int, value: str) -> HeldValue:
    """The admin confirms one held value (the proposal as it is, or corrected): it is written to
    its row, and a held branch office or outlet is switched on under the confirmed name."""
    held = HeldValue.objects.select_for_update().filter(pk=held_value_id).first()
    if held is None:
        raise GoLiveError(_("Isian ini tidak ditemukan."))
    if held.section == "contacts" and held.field_name == "social":
        raise GoLiveError(_("Isi akun media sosial MPP di Pengaturan > Identitas portal."))
    if held.field_name == "hours":
        return _hours_confirm(held=held, actor=actor)
    value = value.strip()
    if held.field_name in NAME_FIELDS and not value:
        raise GoLiveError(_("Tulis nama kantor atau gerai ini sebelum mengonfirmasinya."))
    target = _target(held)
    field_name = "name" if held.field_name == "is_active" else held.field_name
    changed = [field_name]
    before = {field_name: getattr(target, field_name, None)}
    setattr(target, field_name, _typed(field_name, value))
    if held.field_name in NAME_FIELDS and hasattr(target, "is_active"):
        before["is_active"] = target.is_active  # type: ignore[attr-defined]
        target.is_active = True  # type: ignore[attr-defined]
        changed.append("is_active")
    exclude = [f.name for f in target._meta.fields if f.name not in changed]
    try:
        target.clean_fields(exclude=exclude)
        target.validate_constraints(exclude=exclude)  # e.g. coordinates inside Indonesia
    except ValidationError as exc:
        raise GoLiveError(" ".join(exc.messages)) from None
    _write_confirmed(target=target, changed=changed, actor=actor)
    return _confirm_recorded(
        held,
        value=value,
        actor=actor,
        target=target,
        before=before,
        after={name: getattr(target, name) for name in changed},
    )


def _confirm_recorded(held: HeldValue, *, value, actor, target, before, after) -> HeldValue:
    """A held item confirmed: its value, who and when, the trail, and the page cache bumped."""
    held.confirmed_value = value
    held.confirmed_by = actor if getattr(actor, "is_authenticated", False) else None
    held.confirmed_at = timezone.now()
    held.save(update_fields=["confirmed_value", "confirmed_by", "confirmed_at"])
    activity_record(
        actor=actor,
        verb="golive.confirm",
        target=target,
        summary=_("Isian dari templat dikonfirmasi: %(field)s") % {"field": held.field_name},
        before=before,
        after=after,
    )
    portal_cache_bump()
    return held


def _hours_confirm(*, held: HeldValue, actor) -> HeldValue:
    """The location's weekly hours as they are now are the MPP's own: nothing is written to the
    catalogue (the admin changes hours in the hours editor), the confirm is recorded."""
    location = _target(held)
    summary = week_summary((held.template_value or {}).get("days"))
    return _confirm_recorded(
        held, value=summary, actor=actor, target=location, before={}, after={"hours": summary}
    )


@transaction.atomic
def portal_publish(*, actor, unconfirmed: int) -> PortalLaunch:
    """The admin publishes the portal: citizens see it from now on, with what is confirmed
    (held rows stay off and held values empty until confirmed)."""
    launch = PortalLaunch.objects.select_for_update().first() or PortalLaunch()
    if launch.published_at is not None:
        raise GoLiveError(_("Portal ini sudah terbit."))
    launch.published_at = timezone.now()
    launch.published_by = actor if getattr(actor, "is_authenticated", False) else None
    launch.with_unconfirmed = unconfirmed
    launch.save()
    activity_record(
        actor=actor,
        verb="golive.publish",
        target=launch,
        summary=_("Portal diterbitkan untuk warga (%(n)s isian belum dikonfirmasi).")
        % {"n": unconfirmed},
    )
    portal_cache_bump()
    return launch
