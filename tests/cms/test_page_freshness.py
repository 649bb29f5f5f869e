"""How long the page cache keeps a citizen page (docs/adr/0056): until the "open now" it shows
ends, the regency's next midnight, or PORTAL_PAGE_CACHE_SECONDS, whichever is first; edits and
plan changes show at once through the content version."""

from datetime import datetime

import pytest
from django.test import Client, override_settings

from billing.selectors import regency_modules_forget
from tests.clock import WIB
from tests.conftest import host_of


@pytest.fixture
def client_for():
    return lambda regency: Client(HTTP_HOST=host_of(regency))


def test_a_page_saying_open_now_is_kept_until_the_office_closes_and_no_longer(
    alpha, client_for, pinned_clock
):
    pinned_clock.move_to(datetime(2026, 11, 23, 11, 30, tzinfo=WIB))  # the longest keep: 1 h
    first = client_for(alpha).get("/")
    assert "Buka sekarang, sampai pukul 12.00" in first.text
    assert first["X-Portal-Cache"] == "miss"

    pinned_clock.move_to(datetime(2026, 11, 23, 11, 59, 50, tzinfo=WIB))
    before_noon = client_for(alpha).get("/")
    pinned_clock.move_to(datetime(2026, 11, 23, 12, 0, 5, tzinfo=WIB))
    after_noon = client_for(alpha).get("/")

    assert before_noon["X-Portal-Cache"] == "hit"
    assert after_noon["X-Portal-Cache"] == "miss"
    assert "Buka sekarang, sampai pukul 12.00" not in after_noon.text


@override_settings(PORTAL_PAGE_CACHE_SECONDS=600)
def test_a_page_without_a_clock_is_kept_for_the_configured_longest(alpha, client_for, pinned_clock):
    assert client_for(alpha).get("/tanya-jawab/")["X-Portal-Cache"] == "miss"
    pinned_clock.move_to(datetime(2026, 11, 23, 9, 9, 50, tzinfo=WIB))
    within = client_for(alpha).get("/tanya-jawab/")
    pinned_clock.move_to(datetime(2026, 11, 23, 9, 10, 5, tzinfo=WIB))
    after = client_for(alpha).get("/tanya-jawab/")

    assert (within["X-Portal-Cache"], after["X-Portal-Cache"]) == ("hit", "miss")


def test_a_page_kept_before_midnight_is_rendered_anew_after_it(alpha, client_for, pinned_clock):
    pinned_clock.move_to(datetime(2026, 11, 23, 23, 55, tzinfo=WIB))
    assert client_for(alpha).get("/tanya-jawab/")["X-Portal-Cache"] == "miss"
    assert client_for(alpha).get("/tanya-jawab/")["X-Portal-Cache"] == "hit"
    pinned_clock.move_to(datetime(2026, 11, 24, 0, 0, 5, tzinfo=WIB))

    assert client_for(alpha).get("/tanya-jawab/")["X-Portal-Cache"] == "miss"


def test_a_plan_change_reaches_cached_pages_at_once_in_that_regency_only(
    alpha, beta, client_for, pinned_clock
):
    for regency in (alpha, beta):
        client_for(regency).get("/")
        assert client_for(regency).get("/")["X-Portal-Cache"] == "hit"

    regency_modules_forget(schema_name=alpha.schema_name)  # what a subscription change calls

    assert client_for(alpha).get("/")["X-Portal-Cache"] == "miss"
    assert client_for(beta).get("/")["X-Portal-Cache"] == "hit"
