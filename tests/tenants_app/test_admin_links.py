"""Issue 16: every way on a role's admin dashboard leads somewhere that role may use. For each staff
role, signed in to alpha's admin: every same-origin link and form the dashboard shows (its search
box, its panels: go-live checklist, catalogue tasks, complaint deadlines, today's queue) and every
item of the sidebar menu (rendered from the `wagtail-sidebar-props` JSON: main menu, submenus,
search, account menu) is opened with GET, and none may answer 403, 404 or 500, or send the user
back to the dashboard or to the sign-in page (how Wagtail answers a screen a user may not open).
What a role cannot use must not be shown to it. One level further for the agency admin (the
catalogue screens the menu opens), and every bulk action each role is offered on its listings."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import resolve

from billing.actions import plans_ensure
from billing.models import Plan, Subscription
from catalogue.models import Agency, Location, Service, ServiceStandard
from staff.actions import roles_sync
from staff.roles import (
    ROLE_AGENCY_ADMIN,
    ROLE_COMPLAINT_VERIFIER,
    ROLE_CONTENT_EDITOR,
    ROLE_COUNTER_OFFICER,
    ROLE_REGENCY_ADMIN,
    ROLES,
)
from tests.conftest import STAFF_PASSWORD, host_of, in_schema, staff_client, staff_user

# Every role of staff.roles, and the regency's first admin (a superuser of its schema); an agency
# scoped role is a member of one agency.
WALKERS: dict[str, dict] = {
    "superuser": {"group": ROLE_REGENCY_ADMIN, "superuser": True},
    ROLE_REGENCY_ADMIN: {"group": ROLE_REGENCY_ADMIN},
    ROLE_AGENCY_ADMIN: {"group": ROLE_AGENCY_ADMIN, "agencies": ["polres"]},
    ROLE_CONTENT_EDITOR: {"group": ROLE_CONTENT_EDITOR},
    # A counter officer may not use the admin: they work at the counter screen.
    ROLE_COUNTER_OFFICER: {
        "group": ROLE_COUNTER_OFFICER,
        "agencies": ["disdukcapil"],
        "lands": "/antrean/loket/",
    },
    ROLE_COMPLAINT_VERIFIER: {"group": ROLE_COMPLAINT_VERIFIER},
}

# Forms that are submitted with POST, by URL name: a GET proves nothing about them, and each is
# shown only to those its view lets act. Their redirects are the designed answer.
POST_FORMS = {
    # Signing out ends on the sign-in page (the admin's) or the portal (the counter screen's).
    "wagtailadmin_logout",
    "account_logout",
    # The go-live checklist's "confirm this value" and "publish the portal" (Admin MPP only,
    # golive_panel's can_act = golive_views.is_regency_admin) answer with the dashboard's
    # checklist again (#golive-title), where the result is shown.
    "cms_golive_confirm",
    "cms_golive_publish",
}

SIGN_IN_PATHS = ("/accounts/login/", "/admin/login/")
HOPS = 5


@dataclass(frozen=True)
class Way:
    """One way out of the dashboard: `url` opened with `method`, found at `where`."""

    method: str
    url: str
    where: str


def _same_origin(url: str, host: str) -> str | None:
    """`url`'s path and query when it stays on `host`'s site; None for other sites, fragments
    and javascript."""
    parts = urlsplit(urljoin("/admin/", url))
    if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", host):
        return None
    if not parts.path or (url.startswith("#")):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _form_query(form) -> str:
    """What a GET form sends when its text fields hold "a" and the others their value."""
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        kind = (field.get("type") or "text").lower()
        if not name or kind in ("submit", "button", "reset", "file"):
            continue
        data[name] = "a" if kind in ("text", "search") else field.get("value", "")
    return urlencode(data)


def _sidebar_ways(node, where: str = "menu") -> list[Way]:
    """The links of the sidebar's telepath-packed props (wagtail.admin.ui.sidebar)."""
    ways: list[Way] = []
    if isinstance(node, list):
        for child in node:
            ways += _sidebar_ways(child, where)
        return ways
    if not isinstance(node, dict):
        return ways
    kind, args = node.get("_type", ""), node.get("_args", [])
    if kind in ("wagtail.sidebar.LinkMenuItem", "wagtail.sidebar.PageExplorerMenuItem"):
        ways.append(Way("GET", args[0]["url"], f"{where}: {args[0]['label']}"))
        if kind.endswith("PageExplorerMenuItem"):
            # The explorer opens on the user's start page.
            ways.append(Way("GET", f"/admin/pages/{args[1]}/", f"{where}: explorer start"))
    elif kind == "wagtail.sidebar.ActionMenuItem":
        ways.append(
            Way(args[0]["method"].upper(), args[0]["action"], f"{where}: {args[0]['label']}")
        )
    elif kind == "wagtail.sidebar.SearchModule":
        ways.append(Way("GET", f"{args[0]}?q=a", "menu: search"))
    elif kind == "wagtail.sidebar.SubMenuItem":
        ways += _sidebar_ways(args[1:], f"{where}: {args[0]['label']}")
        return ways
    for value in node.values():
        ways += _sidebar_ways(value, where)
    return ways


def home_ways(client: Client, home: str, host: str) -> list[Way]:
    """Every same-origin link and form of the page a role lands on, every item of its sidebar
    menu (the admin's), and the admin's own address."""
    page = client.get(home)
    assert page.status_code == 200, (page.status_code, page.get("Location"))
    soup = BeautifulSoup(page.text, "html.parser")
    ways = [Way("GET", "/admin/", "the admin's address")]
    for link in soup.find_all("a", href=True):
        url = _same_origin(link["href"], host)
        if url is not None:
            ways.append(Way("GET", url, f"link: {link.get_text(' ', strip=True)}"))
    for form in soup.find_all("form"):
        url = _same_origin(form.get("action") or home, host)
        if url is None:
            continue
        method = (form.get("method") or "get").upper()
        if method == "GET":
            query = _form_query(form)
            url = f"{url}{'&' if '?' in url else '?'}{query}" if query else url
        ways.append(Way(method, url, "form"))
    props = soup.find("script", id="wagtail-sidebar-props")
    if props is not None:
        for way in _sidebar_ways(json.loads(props.string)["modules"]):
            url = _same_origin(way.url, host)
            if url is not None:
                ways.append(Way(way.method, url, way.where))
    return list(dict.fromkeys(ways))


def dead_end(client: Client, way: Way) -> str | None:
    """Why `way` leads nowhere for the client's user, or None when it leads somewhere."""
    if way.method != "GET":
        name = resolve(urlsplit(way.url).path).url_name
        return None if name in POST_FORMS else f"{way.method} form to {name}, not a designed one"
    url, hops = way.url, []
    for _hop in range(HOPS):
        response = client.get(url)
        if response.status_code not in (301, 302, 303, 307, 308):
            break
        target = urlsplit(urljoin(url, response["Location"]))
        url = target.path + (f"?{target.query}" if target.query else "")
        hops.append(f"{response.status_code} to {url}")
    else:
        return f"redirects on and on: {hops}"
    path = urlsplit(url).path
    if path.startswith(SIGN_IN_PATHS):
        return f"ends on the sign-in page: {hops}"
    if hops and path == "/admin/":
        return f"sent back to the dashboard: {hops}"
    return None if response.status_code == 200 else f"{response.status_code} after {hops}"


@pytest.fixture
def alpha_at_work(alpha, pinned_clock):
    """Alpha on the full plan (queue and complaints menus shown), with something in each
    dashboard panel: drafts of a service, an agency and a location, and a standard due for
    review; and a colleague in the users listing (no one may delete or deactivate themselves)."""
    plans_ensure()
    Subscription.objects.update_or_create(
        regency=alpha, defaults={"plan": Plan.objects.get(code="lengkap")}
    )
    with in_schema(alpha):
        roles_sync()
        for model, key in ((Service, "skck"), (Agency, "polres"), (Location, "gedung-mpp")):
            row = model.objects.get(key=key)
            row.save_revision()
        ServiceStandard.objects.filter(service__key="sim-a-baru").update(
            review_date=dt.date(2020, 1, 1)
        )
    staff_user(alpha, "rekan@alpha.test", group=ROLE_CONTENT_EDITOR)
    return alpha


def test_every_role_is_walked():
    assert set(WALKERS) - {"superuser"} == set(ROLES)


@pytest.mark.parametrize("role", list(WALKERS))
def test_every_way_out_of_a_roles_home_leads_somewhere(alpha_at_work, role):
    client = staff_client(alpha_at_work, "walker@alpha.test", **WALKERS[role])
    home = WALKERS[role].get("lands", "/admin/")

    ways = home_ways(client, home, host_of(alpha_at_work))
    dead = [(way.where, way.url, why) for way in ways if (why := dead_end(client, way))]

    assert len(ways) > 2
    assert dead == []


def page_links(client: Client, url: str, host: str) -> list[Way]:
    """The same-origin links of the page at `url` (its bulk-action buttons excepted: the
    listing's script adds the chosen rows to them)."""
    soup = BeautifulSoup(client.get(url).text, "html.parser")
    found = (_same_origin(link["href"], host) for link in soup.find_all("a", href=True))
    return [
        Way("GET", found_url, f"link on {url}")
        for found_url in found
        if found_url is not None and not found_url.startswith("/admin/bulk/")
    ]


def test_an_agency_admins_catalogue_screens_lead_somewhere(alpha_at_work):
    """One level further for the agency admin, whose catalogue screens show rows and choosers of
    models they may only view: the MPP's own pledge in the pledge listing, the service's
    category on its edit screen."""
    client = staff_client(alpha_at_work, "walker@alpha.test", **WALKERS[ROLE_AGENCY_ADMIN])
    host = host_of(alpha_at_work)
    screens = {
        way.url
        for way in home_ways(client, "/admin/", host)
        if way.method == "GET" and way.url.startswith("/admin/snippets/")
    }

    ways = {way.url: way for screen in sorted(screens) for way in page_links(client, screen, host)}
    dead = [(way.where, url, why) for url, way in ways.items() if (why := dead_end(client, way))]

    with in_schema(alpha_at_work):
        skck = Service.objects.get(key="skck").pk  # a Polres service, with a draft
    assert "/admin/snippets/tenants_app/servicepledge/" in screens
    assert f"/admin/snippets/tenants_app/service/edit/{skck}/" in screens
    assert dead == []


def offered_bulk_actions(client: Client, listing: str) -> list[str]:
    """The listing's bulk actions, each as its confirmation screen for every row shown."""
    soup = BeautifulSoup(client.get(listing).text, "html.parser")
    rows = [("id", box["data-object-id"]) for box in soup.select("[data-bulk-action-checkbox]")]
    if not rows:
        return []
    buttons = soup.select("a[data-bulk-action-button]")
    return [f"{button['href']}?{urlencode(rows)}" for button in buttons]


@pytest.mark.parametrize("role", [r for r in WALKERS if "lands" not in WALKERS[r]])
def test_every_bulk_action_offered_can_act_on_a_listed_row(alpha_at_work, role):
    """Wagtail offers every bulk action to everyone who sees a listing, and refuses on its
    confirmation screen: an agency admin was offered "Hapus" on every catalogue listing."""
    client = staff_client(alpha_at_work, "walker@alpha.test", **WALKERS[role])
    listings = [
        way.url
        for way in home_ways(client, "/admin/", host_of(alpha_at_work))
        if way.where.startswith("menu") and "?" not in way.url
    ]

    refused = []
    for listing in listings:
        for url in offered_bulk_actions(client, listing):
            response = client.get(url)
            if response.status_code != 200 or not response.context["items"]:
                refused.append((listing, url.split("?")[0], response.status_code))

    assert refused == []


def test_isolation_betas_admin_walks_betas_admin_only(alpha_at_work, beta):
    """Alpha's drafts and its counter officer stay in alpha: beta's admin is shown none of
    alpha's rows, and alpha's officer cannot sign in at beta."""
    client = staff_client(beta, "walker@beta.test", group=ROLE_REGENCY_ADMIN)
    staff_user(alpha_at_work, "loket@alpha.test", group=ROLE_COUNTER_OFFICER, agencies=["polres"])

    page = client.get("/admin/").text
    ways = home_ways(client, "/admin/", host_of(beta))
    dead = [(way.where, way.url, why) for way in ways if (why := dead_end(client, way))]
    officer = Client(HTTP_HOST=host_of(beta)).post(
        "/accounts/login/", {"login": "loket@alpha.test", "password": STAFF_PASSWORD}
    )

    assert "Penerbitan SKCK" not in page
    assert "Kepolisian Resor Alpha" not in page
    assert dead == []
    assert officer.status_code == 200  # the sign-in form again, with its error


def test_a_counter_officer_signs_out_from_the_counter_screen(alpha_at_work):
    client = staff_client(alpha_at_work, "walker@alpha.test", **WALKERS[ROLE_COUNTER_OFFICER])

    english = client.get("/en/antrean/loket/").text
    signed_out = client.post("/accounts/logout/")

    assert "Signed in as walker@alpha.test" in english
    assert signed_out.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_counter_officer_without_the_queue_module_lands_on_the_portal(alpha_at_work):
    """No counter screen without the module (it answers 404): the officer lands on the portal."""
    Subscription.objects.update_or_create(
        regency=alpha_at_work, defaults={"plan": Plan.objects.get(code="dasar")}
    )
    options = {**WALKERS[ROLE_COUNTER_OFFICER], "lands": "/"}

    client = staff_client(alpha_at_work, "walker@alpha.test", **options)

    assert client.get("/").status_code == 200
    assert client.get("/admin/", follow=True).redirect_chain[-1][0] == "/"
