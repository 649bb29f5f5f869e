"""The steps of a provisioning job, each idempotent, and the template document a new portal is
seeded from (split out of onboarding.provisioning, issue #10; import these from there).
Schema: public -> tenant.
"""

from __future__ import annotations

import copy

from django.utils import timezone

from billing.actions import subscription_start_for_regency
from billing.models import Plan
from onboarding.library import template_adopt
from onboarding.localise import (
    Held,
    Region,
    localise_document,
    short_name,
    time_zone_abbreviation,
)
from onboarding.models import (
    ProvisioningJob,
    TemplateVersion,
)
from onboarding.provisioning_spec import PARTS, ProvisioningSpec
from onboarding.seeding import (
    admin_invitation_send_for_tenant,
    branding_apply_for_tenant,
    golive_prepare_for_tenant,
    regency_admin_ensure_for_tenant,
    search_refresh_for_tenant,
    template_apply_for_tenant,
)
from regencies.creation import (
    portal_setup_for_tenant,
    regency_activate,
    regency_schema_ensure,
)
from regencies.models import Regency, RegencyStatus
from regions.actions import kind_for_code
from regions.selectors import kabkota_get


def _step_schema(job: ProvisioningJob, spec: ProvisioningSpec) -> None:
    regency_schema_ensure(regency=job.regency)  # whole or not at all, whatever a crash left
    portal_setup_for_tenant(job.regency)


def adopter_region(regency: Regency, *, brand_name: str = "") -> Region:
    """The adopting regency as the localiser sees it: names from the `regions` reference data."""
    kabkota = kabkota_get(code=regency.code)
    kind = kind_for_code(regency.code)
    return Region(
        name=short_name(kabkota.name if kabkota else regency.name),
        kind=kind if kind in ("kabupaten", "kota") else "kabupaten",
        province=kabkota.province.name if kabkota else "",
        brand=brand_name or regency.brand_name,
        code=regency.code,
        time_zone=time_zone_abbreviation(regency.code),
    )


def region_meta_for(regency: Regency) -> dict:
    """`meta.region` of a template a regency publishes, so that adopters elsewhere get their own
    names (docs/adr/0035): the richer description of the template it came from when that one
    describes this same region, else its names from the `regions` reference data."""
    from onboarding.library import adoption_for_regency

    adoption = adoption_for_regency(regency_id=regency.pk)
    if adoption is not None:
        meta = (adoption.version.document.get("meta") or {}).get("region") or {}
        if meta.get("code") == regency.code:
            return copy.deepcopy(meta)
    region = adopter_region(regency)
    return {
        "code": region.code,
        "name": region.name,
        "kind": region.kind,
        "province": region.province,
        **({"brand": region.brand} if region.brand else {}),
    }


def template_document_localised(version: TemplateVersion, *, regency: Regency) -> dict:
    """A template version's document as it reads for `regency` (template updates compare and
    pull these, so the source region's names never come back with an update)."""
    host = (regency.primary_hostname() or "").split(":")[0]
    document, _held = localise_document(
        version.document, target=adopter_region(regency), portal_host=host
    )
    return document


def template_document_for(
    spec: ProvisioningSpec, version: TemplateVersion, *, regency: Regency | None = None
) -> tuple[dict, set[str], dict, Held]:
    """The template's document as reviewed and localised for the adopter (docs/adr/0035): the
    source region's names rewritten, what cannot be guessed held back (returned), agencies
    renamed, the applicant's own agencies added."""
    document = copy.deepcopy(version.document) if regency is None else version.document
    held = Held()
    if regency is not None:
        host = (regency.primary_hostname() or "").split(":")[0]
        document, held = localise_document(  # copies the document before changing it
            document,
            target=adopter_region(regency, brand_name=spec.brand_name),
            portal_host=host,
        )
    review = spec.review or {}
    renamed = review.get("renamed", {})
    for agency in document.get("agencies", []):
        if renamed.get(agency["key"]):
            agency["name"] = renamed[agency["key"]]
            agency["is_active"] = True  # the applicant named their own office: confirmed
    for index, added in enumerate(review.get("added", [])):
        document.setdefault("agencies", []).append(
            {
                "key": f"instansi-baru-{index + 1}",
                "name": added["name"],
                "kind": added["kind"],
                **({"abbreviation": added["abbreviation"]} if added.get("abbreviation") else {}),
            }
        )
    sections = set().union(*(PARTS[p] for p in spec.parts if p in PARTS)) if spec.parts else set()
    skip = {
        "agencies": set(review.get("off_agencies", [])),
        "counters": set(review.get("off_counters", [])),
    }
    return document, sections, skip, held


def _step_catalogue(job: ProvisioningJob, spec: ProvisioningSpec) -> None:
    if spec.template_version_id is None:
        golive_prepare_for_tenant(job.regency, held=[], publish=spec.pages_live)
        return
    version = TemplateVersion.objects.get(pk=spec.template_version_id)
    document, sections, skip, held = template_document_for(spec, version, regency=job.regency)
    if sections:
        template_apply_for_tenant(
            job.regency,
            document=document,
            parts=frozenset(sections),
            skip_keys=skip,
            pages_live=spec.pages_live,
        )
    renamed = (spec.review or {}).get("renamed", {})
    items = [  # an office the applicant renamed in the wizard is confirmed under that name
        i for i in held.items if not (i["section"] == "agencies" and renamed.get(i["key"]))
    ]
    golive_prepare_for_tenant(job.regency, held=items, publish=spec.pages_live)
    template_adopt(regency=job.regency, version=version)


def _step_branding(job: ProvisioningJob, spec: ProvisioningSpec) -> None:

    branding_apply_for_tenant(
        job.regency,
        brand_name=spec.brand_name or job.regency.display_brand,
        primary_color=spec.primary_color,
        accent_color=spec.accent_color,
        logo_name=spec.logo_name,
    )


def _step_search(job: ProvisioningJob, spec: ProvisioningSpec) -> None:
    search_refresh_for_tenant(job.regency)


def _step_admin(job: ProvisioningJob, spec: ProvisioningSpec) -> None:

    regency_admin_ensure_for_tenant(job.regency, email=spec.admin_email, full_name=spec.admin_name)


def _step_billing(job: ProvisioningJob, spec: ProvisioningSpec) -> None:

    subscription_start_for_regency(
        job.regency,
        plan=Plan.objects.get(code=spec.plan_code),
        interval=spec.interval,
        collection=spec.collection,
        email=spec.admin_email,
        stripe_customer_id=spec.stripe_customer_id,
        stripe_subscription_id=spec.stripe_subscription_id,
    )


def _step_activate(job: ProvisioningJob, spec: ProvisioningSpec) -> None:
    regency = Regency.objects.get(pk=job.regency_id)
    if regency.status != RegencyStatus.ACTIVE:
        regency_activate(regency=regency)


def _step_invite(job: ProvisioningJob, spec: ProvisioningSpec) -> None:

    claimed = ProvisioningJob.objects.filter(pk=job.pk, invitation_sent_at__isnull=True).update(
        invitation_sent_at=timezone.now()
    )
    if claimed and spec.invite:  # at most one invitation per job, whatever the retries
        admin_invitation_send_for_tenant(job.regency, email=spec.admin_email)


STEP_FUNCTIONS = {
    "schema": _step_schema,
    "catalogue": _step_catalogue,
    "branding": _step_branding,
    "search": _step_search,
    "admin": _step_admin,
    "billing": _step_billing,
    "activate": _step_activate,
    "invite": _step_invite,
}
