"""The replication template library ("studi tiru"): templates, immutable versions, review,
adoption, and what changed between two versions. Schema: public.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Prefetch, QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _

from audit.actions import audit_record
from catalogue.portable import validate_document
from catalogue.portable.compare import row_fingerprints
from onboarding.models import (
    Template,
    TemplateAdoption,
    TemplateSource,
    TemplateStatus,
    TemplateVersion,
    VersionReview,
)
from satupintu.errors import DomainError

DIFF_SECTIONS = ("agencies", "services", "counters", "locations")


class TemplateError(DomainError):
    code = "template_invalid"


# --- summaries and diffs -------------------------------------------------------------------------
def catalogue_summary(document: dict[str, Any]) -> dict[str, Any]:
    """The counts a template's preview shows: agencies by kind, services, counters, locations."""
    return {
        "agencies": len(document.get("agencies", [])),
        "agencies_by_kind": dict(Counter(a["kind"] for a in document.get("agencies", []))),
        "services": len(document.get("services", [])),
        "services_online": sum(
            1 for s in document.get("services", []) if s["channel"] != "in_person"
        ),
        "counters": len(document.get("counters", [])),
        "locations": len(document.get("locations", [])),
        "locations_by_kind": dict(Counter(loc["kind"] for loc in document.get("locations", []))),
        "pages": len(document.get("pages", [])),
        "categories": len(document.get("categories", [])),
        "regency_kind": document.get("meta", {}).get("regency_kind", ""),
    }


@dataclass
class SectionDiff:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.changed or self.removed)


def section_diff(before: dict[str, str], after: dict[str, str]) -> SectionDiff:
    """Keys added, changed and removed between two sections' row fingerprints."""
    return SectionDiff(
        added=sorted(set(after) - set(before)),
        changed=sorted(k for k in set(after) & set(before) if after[k] != before[k]),
        removed=sorted(set(before) - set(after)),
    )


def document_diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, SectionDiff]:
    """Rows added, changed and removed between two catalogue documents, per section (compared by
    meaning, so formatting differences are not changes)."""
    return {
        section: section_diff(row_fingerprints(old, section), row_fingerprints(new, section))
        for section in DIFF_SECTIONS
    }


# --- writing -------------------------------------------------------------------------------------
def _validated(document: dict[str, Any]) -> dict[str, Any]:
    from catalogue.portable import CatalogueInvalid

    try:
        validate_document(document)
    except CatalogueInvalid as exc:
        raise TemplateError("\n".join(exc.errors[:20])) from exc
    return document


@transaction.atomic
def template_create(
    *,
    name: str,
    document: dict[str, Any],
    description: str = "",
    slug: str = "",
    tags: list[str] | None = None,
    source: str = TemplateSource.CURATED,
    source_regency=None,
    featured: bool = False,
    actor=None,
    changelog: str = "",
) -> Template:
    """A curated template is published at once; one published by a regency awaits an operator."""
    _validated(document)
    slug = slug or slugify(name)[:80]
    if Template.objects.filter(slug=slug).exists():
        raise TemplateError(_("Templat dengan kunci '%(slug)s' sudah ada.") % {"slug": slug})
    curated = source == TemplateSource.CURATED
    template = Template.objects.create(
        slug=slug,
        name=name,
        description=description,
        source=source,
        source_regency=source_regency,
        tags=tags or _default_tags(document),
        status=TemplateStatus.PUBLISHED if curated else TemplateStatus.PENDING,
        is_featured=featured and curated,
    )
    TemplateVersion.objects.create(
        template=template,
        number=1,
        document=document,
        summary=catalogue_summary(document),
        changelog=changelog or _("Versi pertama."),
        review=VersionReview.APPROVED if curated else VersionReview.PENDING,
        created_by_email=getattr(actor, "email", "") or "",
    )
    audit_record(
        action="template.create", actor=actor, regency=source_regency, detail={"template": slug}
    )
    return template


def _default_tags(document: dict[str, Any]) -> list[str]:
    summary = catalogue_summary(document)
    size = (
        "besar"
        if summary["services"] >= 120
        else ("sedang" if summary["services"] >= 60 else "kecil")
    )
    return [t for t in (summary["regency_kind"], size) if t]


@transaction.atomic
def template_version_add(
    *,
    template: Template,
    document: dict[str, Any],
    changelog: str,
    actor=None,
    pending: bool = False,
) -> TemplateVersion:
    _validated(document)
    Template.objects.select_for_update().get(pk=template.pk)
    number = (template.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = TemplateVersion.objects.create(
        template=template,
        number=number,
        document=document,
        summary=catalogue_summary(document),
        changelog=changelog,
        review=VersionReview.PENDING if pending else VersionReview.APPROVED,
        created_by_email=getattr(actor, "email", "") or "",
    )
    audit_record(
        action="template.version",
        actor=actor,
        detail={"template": template.slug, "version": number},
    )
    return version


def template_submit_from_regency(
    *,
    regency,
    name: str,
    description: str,
    document: dict[str, Any],
    actor_email: str,
    marks: dict[str, Any] | None = None,
) -> TemplateVersion:
    """A regency admin publishes their setup; operators approve it before others see it.

    Called from the regency's admin (tenant side), this writes only public rows. The document
    says which region it describes (`meta.region`), so adopters get their own names; `marks`
    (capital, places, phones, domains the admin accepted on the publish page) are added to it.
    """
    from onboarding.provisioning_steps import region_meta_for  # it imports this module

    region = region_meta_for(regency)
    for name_, value in (marks or {}).items():
        if name_ in ("capital", "places", "phones", "domains") and value:
            region[name_] = value
    document = {
        **document,
        "meta": {**document.get("meta", {}), "region": region},
    }
    template = Template.objects.filter(
        source=TemplateSource.REGENCY, source_regency=regency
    ).first()
    if template is None:
        template = template_create(
            name=name,
            description=description,
            document=document,
            slug=f"{slugify(name)[:60]}-{regency.code.replace('.', '')}",
            source=TemplateSource.REGENCY,
            source_regency=regency,
        )
        version = template.versions.get()
        TemplateVersion.objects.filter(pk=version.pk).update(created_by_email=actor_email)
        return version
    return template_version_add(
        template=template, document=document, changelog=description, pending=True
    )


@transaction.atomic
def template_version_review(
    *, version: TemplateVersion, approve: bool, actor, note: str = ""
) -> TemplateVersion:
    if version.review != VersionReview.PENDING:
        raise TemplateError(_("Versi ini sudah ditinjau."))
    version.review = VersionReview.APPROVED if approve else VersionReview.REJECTED
    version.review_note = note
    version.save(update_fields=["review", "review_note"])
    template = version.template
    if approve and template.status == TemplateStatus.PENDING:
        Template.objects.filter(pk=template.pk).update(status=TemplateStatus.PUBLISHED)
    elif not approve and template.status == TemplateStatus.PENDING and version.number == 1:
        Template.objects.filter(pk=template.pk).update(status=TemplateStatus.REJECTED)
    audit_record(
        action="template.approve" if approve else "template.reject",
        actor=actor,
        regency=template.source_regency,
        detail={"template": template.slug, "version": version.number, "note": note},
    )
    return version


def template_feature(*, template: Template, featured: bool, actor) -> None:
    Template.objects.filter(pk=template.pk).update(is_featured=featured)
    audit_record(
        action="template.feature" if featured else "template.unfeature",
        actor=actor,
        detail={"template": template.slug},
    )


def template_retire(*, template: Template, actor) -> None:
    """Retired templates are no longer offered; regencies that adopted them keep their portals."""
    Template.objects.filter(pk=template.pk).update(status=TemplateStatus.RETIRED, is_featured=False)
    audit_record(action="template.retire", actor=actor, detail={"template": template.slug})


def template_adopt(*, regency, version: TemplateVersion) -> TemplateAdoption:
    adoption, _created = TemplateAdoption.objects.update_or_create(
        regency=regency, defaults={"template": version.template, "version": version}
    )
    return adoption


def template_adoption_advance(
    *, regency, version: TemplateVersion, pulled: dict[str, list[str]], actor_email: str
):
    """After a regency pulled parts of a newer version, compare future versions against it."""
    TemplateAdoption.objects.filter(regency=regency).update(version=version)
    audit_record(
        action="template.pull",
        regency=regency,
        detail={
            "template": version.template.slug,
            "version": version.number,
            "pulled": pulled,
            "by": actor_email,
        },
    )


# --- reading -------------------------------------------------------------------------------------
def _approved_versions() -> QuerySet[TemplateVersion]:
    return TemplateVersion.objects.filter(review=VersionReview.APPROVED).defer("document")


def _published_templates(*, slug: str | None = None) -> list[Template]:
    """Published templates (one, by slug) that have an approved version: with their source
    regency, adoption count and approved versions newest first (`approved`)."""
    templates = (
        Template.objects.filter(status=TemplateStatus.PUBLISHED)
        .select_related("source_regency")
        .annotate(adoption_count=Count("adoptions", distinct=True))
        .prefetch_related(
            Prefetch(
                "versions", queryset=_approved_versions().order_by("-number"), to_attr="approved"
            )
        )
        .order_by("-is_featured", "name")
    )
    if slug is not None:
        templates = templates.filter(slug=slug)
    return [t for t in templates if t.approved]


def template_list_public() -> list[Template]:
    """Published templates with their newest approved version and adoption count."""
    return _published_templates()


def template_get_public(*, slug: str) -> Template | None:
    found = _published_templates(slug=slug)
    return found[0] if found else None


def template_latest_version(*, template: Template) -> TemplateVersion | None:
    return (
        TemplateVersion.objects.filter(template=template, review=VersionReview.APPROVED)
        .order_by("-number")
        .first()
    )


def template_version_get(*, version_id: int) -> TemplateVersion | None:
    return TemplateVersion.objects.select_related("template").filter(pk=version_id).first()


def adoption_for_regency(*, regency_id: int) -> TemplateAdoption | None:
    return (
        TemplateAdoption.objects.select_related("template", "version")
        .filter(regency_id=regency_id)
        .first()
    )


def template_search(*, query: str) -> list[Template]:
    query = query.strip()[:100]
    templates = template_list_public()
    if not query:
        return templates
    lowered = query.lower()
    return [
        t
        for t in templates
        if lowered in t.name.lower()
        or lowered in t.description.lower()
        or any(lowered in tag for tag in t.tags)
    ]


# --- the curated seed templates ------------------------------------------------------------------
SEED_TEMPLATE_INFO = {
    "badung": (
        "MPP model Badung",
        "Kabupaten besar: sekitar 30 instansi semua jenis dan lebih dari 150 layanan.",
    ),
    "bandung": (
        "MPP model Kota Bandung",
        "Kota: gerai instansi pusat, provinsi, BUMN/BUMD, dan pojok investasi.",
    ),
    "soppeng": (
        "MPP model Soppeng",
        "Kabupaten dengan gerai desa dan kecamatan serta layanan keliling.",
    ),
}


def seed_templates_ensure() -> list[Template]:
    """The curated templates shipped with SatuPintu; a changed seed file becomes a new version."""
    from onboarding.seeding import SEED_TEMPLATES, seed_template_document

    templates = []
    for name in SEED_TEMPLATES:
        document = seed_template_document(name)
        title, description = SEED_TEMPLATE_INFO[name]
        template = Template.objects.filter(slug=f"model-{name}").first()
        if template is None:
            template = template_create(
                name=title,
                slug=f"model-{name}",
                description=description,
                document=document,
                featured=name in ("badung", "bandung"),
            )
        else:
            latest = template.versions.order_by("-number").first()
            if latest is not None and latest.document != document:
                template_version_add(
                    template=template, document=document, changelog=_("Pembaruan katalog kurasi.")
                )
        templates.append(template)
    return templates
