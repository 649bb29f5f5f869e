"""Hostile input on every URL and every form of both hosts, as every kind of visitor: never a 5xx.

The walk is generated, not listed (tests/hostile.py): every pattern of `satupintu.urls_public`
(on the platform host) and `satupintu.urls_tenant` (on a regency's host) is requested with its
path converters filled with hostile values, hostile query strings and bodies no form expects;
then every page a role reaches (each pattern's URL with `1` for its parameters, and the links
those pages show) is read for <form>s, and each form is sent back with hostile values. A new URL
or form is therefore walked without anyone adding it here. Values rotate over the patterns so
each value meets many patterns and each pattern several values, within a few minutes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from django.test import Client

from tests.conftest import host_of, staff_client
from tests.hostile import (
    JUNK_HEADERS,
    JUNK_HOSTS,
    PATH_VALUES,
    QUERY_STRINGS,
    RAW_BODIES,
    LastResortLog,
    Walk,
    forms_of,
    hostile_form_data,
    links_of,
    route_of,
    url_patterns,
)
from tests.onboarding.test_wizard import applicant, to_plan_step

PUBLIC = "satupintu.urls_public"
TENANT = "satupintu.urls_tenant"
PAGES_PER_ROUTE = 6
PAGE_BUDGET = 160


def _session_ending(path: str) -> bool:
    return "logout" in path or "/accounts/login" in path


def walk_patterns(walk: Walk, urlconf: str, *, keep_session: bool) -> None:
    """Every pattern: GET with hostile path values and query strings (sometimes under /en/),
    then a POST of a body no form expects."""
    values, queries, bodies = len(PATH_VALUES), len(QUERY_STRINGS), len(RAW_BODIES)
    for i, pattern in enumerate(url_patterns(urlconf)):
        picks = [PATH_VALUES[i % values], PATH_VALUES[(i + 5) % values]] if pattern.params else [""]
        for j, value in enumerate(picks):
            path = pattern.fill(value)
            if keep_session and _session_ending(path):
                continue
            prefix = "/en" if (i + j) % 4 == 0 else ""
            walk.send("get", f"{prefix}{path}?{QUERY_STRINGS[(i + j) % queries]}")
        path = pattern.fill("1")
        if keep_session and _session_ending(path):
            continue
        content_type, body = RAW_BODIES[i % bodies]
        walk.send("post", path, data=body, content_type=content_type)


def walk_forms(walk: Walk, urlconf: str, *, keep_session: bool) -> int:
    """Crawl from every pattern (parameters `1`) along the links shown; send each distinct form
    back three times with hostile values. Returns the number of forms found."""
    queue = [pattern.fill("1") for pattern in url_patterns(urlconf)]
    queue = [path for path in queue if not _session_ending(path)]
    visits: dict[str, int] = {}
    seen_forms: set[tuple] = set()
    forms = []
    pages = 0
    while queue and pages < PAGE_BUDGET:
        path = queue.pop(0)
        route = route_of(urlconf, path)
        if route is None or visits.get(route, 0) >= PAGES_PER_ROUTE:
            continue
        visits[route] = visits.get(route, 0) + 1
        pages += 1
        response = walk.send("get", path)
        if response is None or response.status_code != 200:
            continue
        if "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode("utf-8", "replace")
        for form in forms_of(path, html):
            key = (
                route_of(urlconf, form.action),
                form.method,
                tuple(sorted(f[0] for f in form.fields)),
            )
            if key not in seen_forms:
                seen_forms.add(key)
                forms.append(form)
        queue.extend(link for link in links_of(path, html, walk.host) if link not in queue)
    for form in forms:
        if keep_session and _session_ending(form.action):
            continue
        for variant in (0, 1, 2):
            data = hostile_form_data(form, variant)
            if form.method == "get":
                plain = {k: v for k, v in data.items() if isinstance(v, str)}
                walk.send("get", form.action, data=plain)
            else:
                walk.send("post", form.action, data=data)
    return len(forms)


@pytest.fixture
def last_resort():
    handler = LastResortLog()
    logger = logging.getLogger("satupintu.input_guard")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


def _walk_all(client: Client, host: str, urlconf: str, *, keep_session: bool, last_resort):
    walk = Walk(client=client, host=host)
    walk_patterns(walk, urlconf, keep_session=keep_session)
    found = walk_forms(walk, urlconf, keep_session=keep_session)
    return walk, found


ROLES: dict[str, Callable] = {}


def _platform_anonymous(request):
    request.getfixturevalue("db")
    return Client(HTTP_HOST="localhost", raise_request_exception=True), "localhost", PUBLIC, False


def _platform_applicant(request):
    request.getfixturevalue("db")
    client = applicant()
    to_plan_step(client)
    return client, "localhost", PUBLIC, True


def _platform_operator(request):
    client = request.getfixturevalue("operator_client")
    return client, "localhost", PUBLIC, True


def _regency_anonymous(request):
    alpha = request.getfixturevalue("alpha")
    return Client(HTTP_HOST=host_of(alpha)), host_of(alpha), TENANT, False


def _regency_staff(request):
    alpha = request.getfixturevalue("alpha")
    client = staff_client(alpha, "admin.hostile@alpha.test", group="Admin MPP")
    return client, host_of(alpha), TENANT, True


@pytest.mark.parametrize(
    "role",
    [
        _platform_anonymous,
        _platform_applicant,
        _platform_operator,
        _regency_anonymous,
        _regency_staff,
    ],
    ids=[
        "platform-anonymous",
        "platform-applicant",
        "platform-operator",
        "regency-anonymous",
        "regency-staff",
    ],
)
def test_no_url_or_form_answers_hostile_input_with_a_server_error(
    db, request, role, last_resort, pinned_clock
):
    client, host, urlconf, keep_session = role(request)

    walk, forms = _walk_all(
        client, host, urlconf, keep_session=keep_session, last_resort=last_resort
    )

    print(f"{walk.sent} requests, {forms} forms; last resort used {len(last_resort.records)}x")
    for record in last_resort.records:
        print("  last resort:", record)
    for failure in walk.failures:
        print("  FAILURE:", failure)
    assert walk.failures == []
    assert walk.sent > 100  # the walk really walked
    assert forms > 0


@pytest.mark.parametrize("side", ["platform", "regency"])
def test_junk_headers_and_hosts_never_answer_a_server_error(db, alpha, side, pinned_clock):
    host, urlconf = ("localhost", PUBLIC) if side == "platform" else (host_of(alpha), TENANT)
    walk = Walk(client=Client(HTTP_HOST=host), host=host)
    for i, pattern in enumerate(url_patterns(urlconf)[::3]):
        headers = JUNK_HEADERS[i % len(JUNK_HEADERS)]
        walk.send("get", pattern.fill("1"), **headers)
        walk.send("post", pattern.fill("1"), data=b"a=1", content_type="text/plain", **headers)
    for bad_host in JUNK_HOSTS:
        walk.send("get", "/", HTTP_HOST=bad_host)
        walk.send("get", "/admin/", HTTP_HOST=bad_host)

    assert walk.failures == []
    assert walk.sent > 50
