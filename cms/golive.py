"""The go-live checklist of a portal made from a template (docs/adr/0035): what the new admin
confirms before citizens rely on it, grouped, with counts and links. Schema: tenant.

"Confirmed" is read from the data itself, so there is no second state to keep in step: a
location is confirmed when it has an address, coordinates and a phone; a branch office of a
vertical agency, BUMN or BUMD when the admin switched it on (adoption leaves them off, their
names are the template's suggestion); a standard when it carries its SK number; a pledge when it
names its signatory; contacts when the MPP's address, phone and e-mail are set; branding when
there is a logo; staff when anyone besides the first admin was invited. A location's weekly hours,
copied from the template, are open until the admin confirms them or changes them (its hours no
longer those of the template).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from accounts.models import User
from catalogue.models import Agency, Location, Service, ServicePledge, WeeklyHours
from catalogue.portable.exporter import week_days
from cms.models import Branding, HeldValue, PortalLaunch
from satupintu.page_cache import fragment_get, fragment_set, portal_cache_version

HELD_AGENCY_KINDS = ("vertical", "bumn", "bumd")
SHOWN_ITEMS = 5
SHOWN_HELD = 8
FIELD_LABELS = {
    "address": gettext_lazy("alamat"),
    "latitude": gettext_lazy("lintang"),
    "longitude": gettext_lazy("bujur"),
    "phone": gettext_lazy("telepon"),
    "whatsapp": gettext_lazy("WhatsApp"),
    "email": gettext_lazy("email"),
    "website": gettext_lazy("situs web"),
    "social": gettext_lazy("media sosial"),
    "is_active": gettext_lazy("nama gerai"),
    "name": gettext_lazy("nama kantor"),
    "decree_number": gettext_lazy("nomor SK"),
    "decree_date": gettext_lazy("tanggal SK"),
    "signatory": gettext_lazy("penanda tangan"),
    "hours": gettext_lazy("jam layanan mingguan"),
}
DAY_ABBREVIATIONS = (
    gettext_lazy("Sen"),
    gettext_lazy("Sel"),
    gettext_lazy("Rab"),
    gettext_lazy("Kam"),
    gettext_lazy("Jum"),
    gettext_lazy("Sab"),
    gettext_lazy("Min"),
)
_HELD_MODELS: dict[str, Any] = {
    "locations": Location,
    "agencies": Agency,
    "standards": Service,
}


@dataclass
class HeldRow:
    """One held value as the checklist shows it, with its confirm form."""

    pk: int
    label: str
    field_label: str
    template_value: str
    proposal: str
    edit_url: str
    kind: str = "value"  # "hours": kept as they are, confirmed with one button


@dataclass
class ChecklistGroup:
    key: str
    label: str
    todo: int
    total: int
    url: str = ""
    items: list[tuple[str, str]] = field(default_factory=list)  # (label, edit url)
    held: list[HeldRow] = field(default_factory=list)
    held_more: int = 0

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
    hours_open = hours_open_keys()
    unconfirmed_locations = locations.filter(
        Q(address="") | Q(latitude__isnull=True) | Q(phone="") | Q(key__in=hours_open)
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
    groups.append(
        ChecklistGroup("staff", _("Staf diundang"), 0 if staff > 1 else 1, 1, _users_url())
    )
    held = _held_open(hours_open)
    for group in groups:
        rows = held.get(group.key, [])
        group.held, group.held_more = rows[:SHOWN_HELD], max(len(rows) - SHOWN_HELD, 0)
    return groups


def _text(value) -> str:
    if value in (None, "", [], {}):
        return ""
    if isinstance(value, dict):
        return ", ".join(str(v) for v in value.values())
    return str(value)


def _held_open(hours_open: set[str]) -> dict[str, list[HeldRow]]:
    """Held values not confirmed yet whose row still lacks them (an admin who filled the row in
    the ordinary edit form needs no confirm button), by checklist group; `hours_open` is
    `hours_open_keys()`."""
    pending = sorted(  # offices and outlets to switch on first: they change what citizens see
        HeldValue.objects.filter(confirmed_at__isnull=True),
        key=lambda h: (h.field_name not in ("name", "is_active"), h.pk),
    )
    if not pending:
        return {}
    rows: dict[tuple[str, str], Any] = {}
    for section, model in _HELD_MODELS.items():
        keys = {h.key for h in pending if h.section == section}
        query = model.objects.filter(key__in=keys)
        if model is Service:
            query = query.select_related("current_standard")
        rows.update({(section, row.key): row for row in query})
    pledges = {(p.agency.key if p.agency else "mpp"): p for p in _pledges()}
    rows.update({("pledges", key): p for key, p in pledges.items()})
    branding = _branding()
    out: dict[str, list[HeldRow]] = {}
    for held in pending:
        row = branding if held.section == "contacts" else rows.get((held.section, held.key))
        if row is None:
            continue
        target = row.current_standard if held.section == "standards" else row
        if held.field_name == "hours":
            if held.key not in hours_open or not getattr(row, "is_active", True):
                continue  # changed or confirmed; an outlet held off shows its hours when on
        elif target is None or not _still_open(target, held.field_name):
            continue
        model = type(row)
        edit = _settings_url() if held.section == "contacts" else _url(model, "edit", row.pk)
        out.setdefault(held.section, []).append(
            HeldRow(
                pk=held.pk,
                label=_("Kontak MPP") if held.section == "contacts" else _row_label(row),
                field_label=str(FIELD_LABELS.get(held.field_name, held.field_name)),
                template_value=week_summary((held.template_value or {}).get("days"))
                if held.field_name == "hours"
                else _text(held.template_value),
                proposal="" if held.field_name == "hours" else _text(held.proposal),
                edit_url=_hours_url() if held.field_name == "hours" else edit,
                kind="hours" if held.field_name == "hours" else "value",
            )
        )
    return out


def _week(days) -> tuple:
    """A week of hours, comparable whatever its source (template document or live rows)."""
    out = []
    for day in sorted(days or [], key=lambda d: d.get("weekday", 0)):
        breaks = tuple((b.get("start"), b.get("end")) for b in day.get("breaks") or [])
        closed = bool(day.get("closed"))
        out.append(
            (day.get("weekday"), closed)
            + ((None, None, ()) if closed else (day.get("opens"), day.get("closes"), breaks))
        )
    return tuple(out)


def week_summary(days) -> str:
    """ "Sen-Kam 07.30-16.00 (istirahat 12.00-13.00); Jum ...; Min tutup" for a week of hours."""
    parts: list[tuple[list[int], str]] = []
    for weekday, closed, opens, closes, breaks in _week(days):
        if closed:
            text = _("tutup")
        else:
            text = f"{opens}-{closes}".replace(":", ".")
            if breaks:
                rests = ", ".join(f"{a}-{b}".replace(":", ".") for a, b in breaks)
                text += " (" + _("istirahat %(times)s") % {"times": rests} + ")"
        if parts and parts[-1][1] == text and parts[-1][0][-1] == weekday - 1:
            parts[-1][0].append(weekday)
        else:
            parts.append(([weekday], text))
    out = []
    for days_, text in parts:
        first, last = str(DAY_ABBREVIATIONS[days_[0]]), str(DAY_ABBREVIATIONS[days_[-1]])
        out.append(f"{first}-{last} {text}" if len(days_) > 1 else f"{first} {text}")
    return "; ".join(out)


def hours_open_keys() -> set[str]:
    """Keys of locations whose weekly hours came from the template and are neither confirmed nor
    changed since (two queries)."""
    pending = {
        h.key: h.template_value or {}
        for h in HeldValue.objects.filter(
            section="locations", field_name="hours", confirmed_at__isnull=True
        )
    }
    if not pending:
        return set()
    rows: dict[tuple[str, str], list[WeeklyHours]] = {}
    for row in (
        WeeklyHours.objects.filter(live=True, agency__isnull=True, location__key__in=pending)
        .select_related("location", "profile")
        .prefetch_related("breaks")
    ):
        rows.setdefault((row.location.key, row.profile.key), []).append(row)
    return {
        key
        for key, week in pending.items()
        if _week(week_days(rows.get((key, week.get("profile", "")), []))) == _week(week.get("days"))
    }


def _still_open(target, field_name: str) -> bool:
    if field_name in ("is_active", "name"):
        return not getattr(target, "is_active", True)
    if field_name == "social":
        return False  # shown as an example only: the MPP's own accounts go in the settings
    return getattr(target, field_name, None) in (None, "")


def _row_label(row) -> str:
    return getattr(row, "name", "") or getattr(row, "title", "") or str(row)


def _pledges():
    return ServicePledge.objects.filter(is_active=True).select_related("agency")


def portal_is_public() -> bool:
    """Whether citizens see the portal (docs/adr/0040): no launch row (a portal older than the
    go-live step) or a published one. Cached under the regency's content version."""
    key = f"portal-launch:{portal_cache_version()}"
    state = fragment_get(key)  # this process's copy first: every citizen request asks
    if state is None:
        launch = PortalLaunch.objects.first()
        state = "public" if launch is None or launch.published_at else "preparing"
        fragment_set(key, state, 3600)
    return state == "public"


def portal_launch() -> PortalLaunch | None:
    return PortalLaunch.objects.select_related("published_by").first()


def golive_progress() -> dict[str, int]:
    """Groups done of all groups, and items left (the operators' console shows it)."""
    groups = golive_checklist()
    return {
        "done": sum(1 for g in groups if g.done),
        "groups": len(groups),
        "todo": sum(g.todo for g in groups),
        "published": int(portal_is_public()),
    }


def _branding() -> Branding | None:
    site = Site.objects.filter(is_default_site=True).first()
    return Branding.objects.filter(site=site).first() if site else None


def _users_url() -> str:
    """Wagtail's staff list, where the admin adds (invites) staff and gives them roles."""
    try:
        return reverse("wagtailusers_users:index")
    except NoReverseMatch:
        return ""


def _hours_url() -> str:
    try:
        return reverse("tenants_app_hours_bulk")
    except NoReverseMatch:
        return ""


def _settings_url() -> str:
    try:
        return reverse("wagtailsettings:edit", args=["cms", "branding"])
    except NoReverseMatch:
        return ""
