"""The rules of the onboarding wizard's steps, apart from its views: the values each step's form
starts from (the saved application, then the applicant's unsaved draft), what a valid step
saves, and the review of a template's agencies and counters. Schema: public.
"""

from __future__ import annotations

from typing import Any

from onboarding.localise import source_names_fill
from onboarding.models import Application
from onboarding.provisioning import DEFAULT_PARTS
from onboarding.wizard import subdomain_suggestion


def _saved(application: Application, step: int) -> dict[str, Any]:
    if step == 1:
        return {
            "kabkota": application.kabkota.code if application.kabkota else "",
            "applicant_name": application.applicant_name,
            "applicant_position": application.applicant_position,
            "applicant_office": application.applicant_office,
        }
    if step == 2:
        return {
            "subdomain": application.subdomain or subdomain_suggestion(application=application),
            "custom_domain": application.custom_domain,
        }
    if step == 3:
        return {
            "brand_name": application.brand_name
            or (f"MPP {application.kabkota.name}" if application.kabkota else ""),
            "primary_color": application.primary_color,
            "accent_color": application.accent_color,
        }
    if step == 4:
        return {
            "template_version": application.template_version_id or "",
            "parts": application.parts or list(DEFAULT_PARTS),
        }
    if step == 6:
        return {
            "plan": application.plan,
            "billing_interval": application.billing_interval,
            "billing_collection": application.billing_collection,
        }
    return {}


def step_initial(*, application: Application, step: int) -> dict[str, Any]:
    """What step `step`'s form shows: the saved values, overlaid by the unsaved draft."""
    return {**_saved(application, step), **application.drafts.get(str(step), {})}


def review_rows(*, document: dict, review: dict) -> list[dict[str, Any]]:
    """The template's agencies (with their counters) as the review step lists them."""
    off, renamed = set(review.get("off_agencies", [])), review.get("renamed", {})
    off_counters = set(review.get("off_counters", []))
    counters: dict[str, list] = {}
    for counter in document.get("counters", []):
        counters.setdefault(counter["agency"], []).append(
            {**counter, "on": counter["key"] not in off_counters}
        )
    return [
        {
            "key": a["key"],
            "kind": a["kind"],
            "original": a["name"],
            "name": renamed.get(a["key"], a["name"]),
            "on": a["key"] not in off,
            "counters": counters.get(a["key"], []),
        }
        for a in document.get("agencies", [])
    ]


def review_summary(*, document: dict, review: dict) -> dict[str, list]:
    """What the confirm step tells the applicant about their review of the template's agencies:
    the names switched off, renamed (from, to) and added."""
    names = {a["key"]: a["name"] for a in document.get("agencies", [])}
    renamed = review.get("renamed", {})
    return {
        "off": [names[k] for k in review.get("off_agencies", []) if k in names],
        "renamed": [
            (names[k], new) for k, new in renamed.items() if k in names and new != names[k]
        ],
        "added": [a["name"] for a in review.get("added", []) if a.get("name")],
    }


def step_values(*, step: int, form, post, application: Application) -> dict[str, Any]:
    """The model values a valid step saves."""
    cleaned = getattr(form, "cleaned_data", {})
    if step == 1:
        values = {
            k: cleaned[k]
            for k in ("kabkota", "applicant_name", "applicant_position", "applicant_office")
        }
        if cleaned.get("request_letter"):
            values["request_letter"] = cleaned["request_letter"]
        if application.kabkota_id and application.kabkota != cleaned["kabkota"]:
            values["subdomain"] = ""  # a new regency gets a new suggestion
        return values
    if step == 2:
        return {"subdomain": cleaned["subdomain"], "custom_domain": cleaned["custom_domain"]}
    if step == 3:
        values = {k: cleaned[k] for k in ("brand_name", "primary_color", "accent_color")}
        if cleaned.get("logo"):
            values["logo"] = cleaned["logo"]
        return values
    if step == 4:
        changed = cleaned["template_version"] != application.template_version
        return {
            "template_version": cleaned["template_version"],
            "parts": cleaned["parts"],
            **({"review": {}} if changed else {}),
        }
    if step == 5:
        return {"review": review_from_post(post=post, application=application, added_forms=form)}
    if step == 6:
        return {k: cleaned[k] for k in ("plan", "billing_interval", "billing_collection")}
    return {}


def review_from_post(*, post, application: Application, added_forms) -> dict[str, Any]:
    """The applicant's review of the template's agencies and counters, from the posted form."""
    document = source_names_fill(
        application.template_version.document if application.template_version else {}
    )
    off, renamed, off_counters = [], {}, []
    for agency in document.get("agencies", []):
        if post.get(f"agency-{agency['key']}-on") != "on":
            off.append(agency["key"])
        name = post.get(f"agency-{agency['key']}-name", "").strip()[:200]
        if name and name != agency["name"]:
            renamed[agency["key"]] = name
    for counter in document.get("counters", []):
        if post.get(f"counter-{counter['key']}-on") != "on":
            off_counters.append(counter["key"])
    added = [f.cleaned_data for f in added_forms if f.cleaned_data.get("name")]
    return {"off_agencies": off, "renamed": renamed, "off_counters": off_counters, "added": added}
