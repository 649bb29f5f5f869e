"""The portal part of the portable catalogue: branding defaults and pages. Schema: tenant."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.text import slugify
from wagtail.models import Page, Site

from catalogue.actions import clean_plain, clean_rich_text
from catalogue.portable.validation import CatalogueInvalid
from cms.models import (
    Branding,
    FaqItem,
    FaqPage,
    HomePage,
    NewsIndexPage,
    NewsKind,
    NewsPage,
    PledgePage,
    StandardPage,
    StandardPageKind,
)
from cms.social import NETWORKS, social_url
from satupintu.colors import branding_colour_problems

BRANDING_FIELDS = [
    "brand_name",
    "tagline",
    "primary_color",
    "accent_color",
    "address",
    "phone",
    "whatsapp",
    "email",
]
SOCIAL_FIELDS = ["instagram", "facebook", "x", "youtube", "tiktok"]


def _site() -> Site:
    return Site.objects.select_related("root_page").get(is_default_site=True)


def portal_content_import(
    *,
    branding: dict[str, Any] | None,
    pages: list[dict[str, Any]] | None,
    report,
    pages_live: bool = True,
) -> None:
    """Branding defaults and pages. New pages are published, or left as drafts to adapt when
    `pages_live` is false: a template's "about" page describes the model regency, not yours."""
    site = _site()
    if branding is not None:
        _branding(site, branding, report)
    if pages is not None:
        home = site.root_page.specific
        for page in pages:
            _page(home, page, report, live=pages_live)


def _branding(site: Site, data: dict[str, Any], report) -> None:
    settings = Branding.for_site(site)
    values = {name: clean_plain(str(data[name])) for name in BRANDING_FIELDS if name in data}
    # A template's social value that is no link of its network (older templates hold a page's
    # display name, "MPP TRUST Kabupaten Badung") is left out rather than failing the whole
    # adoption: the portal would refuse to show it anyway, and the admin enters their own.
    networks = {network.field: network for network in NETWORKS}
    for name in SOCIAL_FIELDS:
        value = clean_plain(data.get("social", {}).get(name, ""))
        if value and name in networks and social_url(network=networks[name], value=value):
            values[name] = value
    problems = branding_colour_problems(
        primary=values.get("primary_color", settings.primary_color),
        accent=values.get("accent_color", settings.accent_color),
    )
    if problems:
        raise CatalogueInvalid(
            [f"branding.{field}: {message}" for field, message in problems.items()]
        )
    changed = [name for name, value in values.items() if getattr(settings, name) != value]
    if changed:
        for name in changed:
            setattr(settings, name, values[name])
        settings.save()
        report.updated["branding"].extend(changed)


def _child(parent: Page, model, slug: str):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _add(parent: Page, page: Page, report, label: str, live: bool = True) -> Page:
    page.live = live
    parent.add_child(instance=page)
    if not live:
        page.save_revision()  # a draft needs a revision for Wagtail's editor
    report.created["pages"].append(label)
    return page


def _set(page: Page, values: dict[str, Any], report, label: str) -> None:
    changed = {k: v for k, v in values.items() if getattr(page, k) != v}
    if not changed:
        report.unchanged["pages"] += 1
        return
    for name, value in changed.items():
        setattr(page, name, value)
    if "title" in changed:
        page.draft_title = page.title
    page.save()
    report.updated["pages"].append(label)


def _page(home: HomePage, data: dict[str, Any], report, live: bool = True) -> None:
    kind = data["kind"]
    title = clean_plain(data["title"])
    slug = data.get("slug") or slugify(title)[:80] or kind
    intro = clean_plain(data.get("intro", ""))
    body = clean_rich_text(data.get("body", ""))
    label = f"{kind}:{slug}"
    if kind == "home":
        _set(home, {"intro": intro or body}, report, label)
        return
    if kind == "pledge":
        page = PledgePage.objects.child_of(home).first()
        if page is None:
            _add(home, PledgePage(title=title, slug=slug, intro=intro), report, label, live)
        else:
            _set(page, {"title": title, "intro": intro}, report, label)
        return
    if kind in ("news", "announcement"):
        index = NewsIndexPage.objects.child_of(home).first()
        if index is None:
            index = _add(
                home, NewsIndexPage(title="Berita", slug="berita"), report, "news-index:berita"
            )
        values = {
            "title": title,
            "intro": intro,
            "body": body,
            "kind": NewsKind.ANNOUNCEMENT if kind == "announcement" else NewsKind.NEWS,
            "date": date.fromisoformat(data["date"]) if data.get("date") else date.today(),  # noqa: DTZ011
            "is_urgent": bool(data.get("urgent")),
        }
        page = _child(index, NewsPage, slug)
        if page is None:
            _add(index, NewsPage(slug=slug, **values), report, label, live)
        else:
            _set(page, values, report, label)
        return
    if kind == "faq":
        page = _child(home, FaqPage, slug)
        faqs = [
            (clean_plain(f["question"]), clean_rich_text(f["answer"])) for f in data.get("faqs", [])
        ]
        if page is None:
            page = FaqPage(title=title, slug=slug, intro=intro)
            page.faqs = [FaqItem(question=q, answer=a) for q, a in faqs]
            _add(home, page, report, label, live)
            return
        current = [(f.question, f.answer) for f in page.faqs.all()]
        if current != faqs or page.title != title or page.intro != intro:
            page.faqs = [FaqItem(question=q, answer=a) for q, a in faqs]
            page.title, page.draft_title, page.intro = title, title, intro
            page.save()
            report.updated["pages"].append(label)
        else:
            report.unchanged["pages"] += 1
        return
    page_kind = {"about": StandardPageKind.ABOUT, "legal": StandardPageKind.LEGAL}.get(
        kind, StandardPageKind.FREE
    )
    values = {"title": title, "intro": intro, "body": body, "kind": page_kind}
    page = _child(home, StandardPage, slug)
    if page is None:
        _add(home, StandardPage(slug=slug, **values), report, label, live)
    else:
        _set(page, values, report, label)


def portal_content_export() -> dict[str, Any]:
    site = _site()
    settings = Branding.for_site(site)
    branding = {
        name: getattr(settings, name) for name in BRANDING_FIELDS if getattr(settings, name)
    }
    social = {name: getattr(settings, name) for name in SOCIAL_FIELDS if getattr(settings, name)}
    if social:
        branding["social"] = social
    home = site.root_page.specific
    pages: list[dict[str, Any]] = (
        [{"kind": "home", "title": home.title, "intro": home.intro}] if home.intro else []
    )
    for page in home.get_children().live().specific():
        if isinstance(page, StandardPage):
            kind = page.kind if page.kind != StandardPageKind.FREE else "free"
            pages.append(
                _drop(
                    {
                        "kind": kind,
                        "title": page.title,
                        "slug": page.slug,
                        "intro": page.intro,
                        "body": page.body,
                    }
                )
            )
        elif isinstance(page, FaqPage):
            pages.append(
                _drop(
                    {
                        "kind": "faq",
                        "title": page.title,
                        "slug": page.slug,
                        "intro": page.intro,
                        "faqs": [
                            {"question": f.question, "answer": f.answer} for f in page.faqs.all()
                        ],
                    }
                )
            )
        elif isinstance(page, PledgePage):
            pages.append(
                _drop(
                    {"kind": "pledge", "title": page.title, "slug": page.slug, "intro": page.intro}
                )
            )
        elif isinstance(page, NewsIndexPage):
            for news in NewsPage.objects.child_of(page).live().order_by("-date"):
                pages.append(
                    _drop(
                        {
                            "kind": "announcement"
                            if news.kind == NewsKind.ANNOUNCEMENT
                            else "news",
                            "title": news.title,
                            "slug": news.slug,
                            "intro": news.intro,
                            "body": news.body,
                            "date": news.date.isoformat(),
                            "urgent": news.is_urgent or None,
                        }
                    )
                )
    return {"branding": branding, "pages": pages}


def _drop(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in ("", None, [])}
