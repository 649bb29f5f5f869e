"""Wagtail's routing of a citizen page, remembered per regency under its content version.

Wagtail finds a page by asking for the Site (one query), then the root page and each path
segment's child (a query each, plus `.specific`), then its view restrictions (two queries), and
the portal's branding settings (one more). None of that changes until something is published,
moved or saved, which bumps the regency's content version (`satupintu.page_cache`); so the first
request of a path remembers the route (the Site, the page itself, the routable view's name and
arguments, the branding) in this process under the schema, the version, the host, the language
and the path, and later requests read nothing from the database to route, handing Wagtail its
route, Site and branding as if it had found them (issue #15, docs/adr/0044, 0047). A page saved
in any way but a draft's bookkeeping bumps the version too (cms.apps), so the kept page is the
live one.

Only pages without view restrictions take this path; a restriction added or removed, a Site
saved, a branding saved or a page published bumps the version (cms.apps, cms.wagtail_hooks), so
a remembered route is never used after it could have changed. Schema: tenant.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.utils.translation import get_language
from wagtail.models import PageViewRestriction, Site

from cms.models import Branding
from satupintu.db import connection
from satupintu.page_cache import LocalFragments, portal_cache_version

_BOUND = "__bound_view__"


@dataclass(frozen=True)
class RememberedRoute:
    page: bytes  # pickled: each request gets its own page object
    args: tuple
    kwargs: dict
    site: bytes  # pickled: each request gets its own Site object
    branding: bytes | None


# One entry per path a process serves, about 1-2 KB; bounded by size (satupintu.page_cache).
_routes = LocalFragments(max_entries=100_000, max_bytes=16 * 1024 * 1024)


def _key(request: HttpRequest, path: str) -> tuple[str, str]:
    return (
        connection.schema_name,
        f"route:{portal_cache_version()}:{request.get_host()}:{get_language()}:{path}",
    )


def _freeze(page, args: tuple) -> tuple:
    """A routable page's view is a method bound to the routed instance: kept by name."""
    return tuple(
        (_BOUND, arg.__name__) if getattr(arg, "__self__", None) is page else arg for arg in args
    )


def _thaw(page, args: tuple) -> tuple:
    return tuple(
        getattr(page, arg[1])
        if isinstance(arg, tuple) and len(arg) == 2 and arg[0] == _BOUND
        else arg
        for arg in args
    )


def _simple(value: Any) -> bool:
    """Arguments a route may carry to be remembered: text, numbers, tuples/lists of them."""
    if isinstance(value, str | int | float | bool | type(None)):
        return True
    if isinstance(value, tuple | list):
        return all(_simple(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _simple(v) for k, v in value.items())
    return False


def route_preset(request: HttpRequest, path: str) -> bool:
    """Hand Wagtail the remembered route of `path` (no query); False if none."""
    remembered = _routes.get(_key(request, path))
    if remembered is None:
        return False
    route: RememberedRoute = pickle.loads(remembered)  # noqa: S301 (our own bytes)
    page = pickle.loads(route.page)  # noqa: S301
    page.get_view_restrictions = PageViewRestriction.objects.none  # known to have none
    site = pickle.loads(route.site)  # noqa: S301
    request._wagtail_site = site  # type: ignore[attr-defined]
    if route.branding is not None:
        branding = pickle.loads(route.branding)  # noqa: S301
        branding._request = request
        setattr(request, Branding.get_cache_attr_name(), branding)
    request._wagtail_route_for_request = (  # type: ignore[attr-defined]
        page,
        _thaw(page, route.args),
        route.kwargs,
    )
    return True


def _site_copy(site: Site) -> Site:
    """The Site's own fields only (not the root page or anything cached on it)."""
    return Site(**{f.attname: getattr(site, f.attname) for f in Site._meta.fields})


def _page_copy(page):
    """The page's own fields only: nothing a request cached on it (its parent, its Site's root
    paths, a routable view's state)."""
    model = type(page)
    copy = model(**{f.attname: getattr(page, f.attname) for f in model._meta.concrete_fields})
    copy._state.adding = False
    copy._state.db = page._state.db
    return copy


def route_remember(request: HttpRequest, path: str) -> None:
    """After Wagtail served `path`: remember its route when it can be replayed safely."""
    result = getattr(request, "_wagtail_route_for_request", None)
    site = getattr(request, "_wagtail_site", None)
    if result is None or site is None:
        return
    page, args, kwargs = result
    args = _freeze(page, tuple(args))
    plain = tuple(a for a in args if not (isinstance(a, tuple) and a and a[0] == _BOUND))
    if not (_simple(plain) and _simple(dict(kwargs))):
        return
    if page.get_view_restrictions().exists():
        return
    branding = getattr(request, Branding.get_cache_attr_name(), None)
    route = RememberedRoute(
        page=pickle.dumps(_page_copy(page), pickle.HIGHEST_PROTOCOL),
        args=args,
        kwargs=dict(kwargs),
        site=pickle.dumps(_site_copy(site)),
        branding=pickle.dumps(branding) if branding is not None else None,
    )
    _routes.put(_key(request, path), pickle.dumps(route, pickle.HIGHEST_PROTOCOL))


# A path Wagtail answered with 404: its page kept here (not in the shared cache: any text a
# visitor types would make a key there), so a crawler asking again costs a lookup, not a render.
_not_found = LocalFragments(max_entries=1000)


def _not_found_key(request: HttpRequest) -> tuple[str, str]:
    return (
        connection.schema_name,
        f"404:{portal_cache_version()}:{request.get_host()}:{get_language()}:"
        f"{request.get_full_path()}",
    )


def not_found_get(request: HttpRequest) -> HttpResponse | None:
    """The kept 404 page of this path (same content version), or None."""
    kept = _not_found.get(_not_found_key(request))
    if kept is None:
        return None
    content_type, content, site = pickle.loads(kept)  # noqa: S301 (our own bytes)
    if site is not None:  # the redirects lookup on the way out asks for it
        request._wagtail_site = site  # type: ignore[attr-defined]
    response = HttpResponseNotFound(content, content_type=content_type)
    response["X-Portal-Cache"] = "hit-404"
    return response


def not_found_keep(request: HttpRequest, response: HttpResponse) -> None:
    if response.streaming or response.cookies:
        return
    if hasattr(response, "render") and callable(response.render):
        response.render()
    site = getattr(request, "_wagtail_site", None)
    _not_found.put(
        _not_found_key(request),
        pickle.dumps(
            (
                response.get("Content-Type", "text/html"),
                response.content,
                _site_copy(site) if site is not None else None,
            )
        ),
    )


def route_forget_all() -> None:
    """Forget this process's remembered routes and 404 pages (tests)."""
    _routes.clear()
    _not_found.clear()
