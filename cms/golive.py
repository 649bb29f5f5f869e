"""The go-live checklist of a portal made from a template (docs/adr/0035): what the new admin
confirms before citizens rely on it, grouped, with counts and links. Schema: tenant.

"Confirmed" is read from the data itself, so there is no second state to keep in step: a
location is confirmed when it has an address, coordinates and a phone; a branch office of a
vertical agency, BUMN or BUMD when the admin switched it on (adoption leaves them off, their
names are the template's suggestion); a standard when it carries its SK number; a pledge when it
names its signatory; contacts when the MPP's address, phone and e-mail are set; branding when
there is a logo; staff when anyone besides the first admin was invited.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from wagtail.models import Site

from accounts.models import User
from catalogue.models import Agency, Location, Service, ServicePledge
from cms.models import Branding

HELD_AGENCY_KINDS = ("vertical", "bumn", "bumd")
SHOWN_ITEMS = 5


@dataclass
class ChecklistGroup:
    key: str
    label: str
    todo: int
    total: int
    url: str = ""
    items: list[tuple[str, str]] = field(default_factory=list)  # (label, edit url)

    @property
    def done(self) -> bool:
        return self.todo == 0


def _url(model: type, action: str = "list", pk: int | None = None) -> str:
    viewset = getattr(model, "snippet_viewset", None)
    if viewset is None:
        return ""
    try:
        name = viewset.get_url_name(action)
        return reverse(name, args=[pk]) if pk is not None else reverse(name)
    except NoReverseMatch:
        return ""


def _group(key, label, todo_qs, total, model, name_of=str) -> ChecklistGroup:
    todo = list(todo_qs[: SHOWN_ITEMS + 1]) if todo_qs is not None else []
    count = todo_qs.count() if todo_qs is not None else 0
    return ChecklistGroup(
        key=key,
        label=label,
        todo=count,
        total=total,
        url=_url(model),
        items=[(name_of(o), _url(model, "edit", o.pk)) for o in todo[:SHOWN_ITEMS]],
    )


def golive_checklist() -> list[ChecklistGroup]:
    """The checklist of the current regency's portal."""
    locations = Location.objects.filter(is_active=True)
    unconfirmed_locations = locations.filter(
        Q(address="") | Q(latitude__isnull=True) | Q(phone="")
    ).order_by("sort_order")
    held_agencies = Agency.objects.filter(kind__in=HELD_AGENCY_KINDS)
    services = Service.objects.filter(is_active=True, agency__is_active=True)
    without_sk = services.exclude(standards__decree_number__gt="").order_by("name")
    pledges = ServicePledge.objects.filter(is_active=True)
    groups = [
        _group(
            "locations",
            _("Lokasi, alamat, dan jam layanan"),
            unconfirmed_locations,
            locations.count(),
            Location,
        ),
        _group(
            "agencies",
            _("Kantor instansi vertikal, BUMN, dan BUMD"),
            held_agencies.filter(is_active=False).order_by("name"),
            held_agencies.count(),
            Agency,
        ),
        _group("standards", _("Nomor SK standar pelayanan"), without_sk, services.count(), Service),
        _group(
            "pledges",
            _("Penanda tangan maklumat pelayanan"),
            pledges.filter(signatory="").order_by("pk"),
            pledges.count(),
            ServicePledge,
            name_of=lambda p: p.title,
        ),
    ]
    branding = _branding()
    contacts_missing = [
        label
        for label, value in (
            (_("alamat"), branding.address if branding else ""),
            (_("telepon"), branding.phone if branding else ""),
            (_("email"), branding.email if branding else ""),
        )
        if not value
    ]
    settings_url = _settings_url()
    groups.append(
        ChecklistGroup(
            "contacts",
            _("Kontak MPP"),
            len(contacts_missing),
            3,
            settings_url,
            [(label, settings_url) for label in contacts_missing],
        )
    )
    has_logo = bool(branding and branding.logo_id)
    groups.append(
        ChecklistGroup("branding", _("Logo dan warna"), 0 if has_logo else 1, 1, settings_url)
    )
    staff = User.objects.filter(is_active=True).count()
    groups.append(ChecklistGroup("staff", _("Staf diundang"), 0 if staff > 1 else 1, 1, ""))
    return groups


def golive_progress() -> dict[str, int]:
    """Groups done of all groups, and items left (the operators' console shows it)."""
    groups = golive_checklist()
    return {
        "done": sum(1 for g in groups if g.done),
        "groups": len(groups),
        "todo": sum(g.todo for g in groups),
    }


def _branding() -> Branding | None:
    site = Site.objects.filter(is_default_site=True).first()
    return Branding.objects.filter(site=site).first() if site else None


def _settings_url() -> str:
    try:
        return reverse("wagtailsettings:edit", args=["cms", "branding"])
    except NoReverseMatch:
        return ""
