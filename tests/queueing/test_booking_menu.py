"""The portal's menu leads to online booking ("Ambil Antrean", the menu the templates' FAQs name)
only where the regency's plan has the queue module; the walk of a fresh `make run` found no link
to /antrean/booking/ anywhere on the portal."""

from __future__ import annotations

import re

from django.test import Client

from tests.conftest import host_of
from tests.queueing.conftest import plan_set


def _menu(html: str) -> list[tuple[str, str]]:
    nav = re.search(r"<nav\b.*?</nav>", html, re.DOTALL)
    assert nav is not None
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav.group(0))


def test_the_menu_offers_booking_with_the_queue_module_only(alpha, beta):
    plan_set(alpha, queue=True)
    plan_set(beta, queue=False)

    indonesian = _menu(Client(HTTP_HOST=host_of(alpha)).get("/").text)
    english = _menu(Client(HTTP_HOST=host_of(alpha)).get("/en/").text)
    without = _menu(Client(HTTP_HOST=host_of(beta)).get("/").text)

    assert ("/antrean/booking/", "Ambil Antrean") in indonesian
    assert ("/en/antrean/booking/", "Book a queue number") in english
    assert not any("/antrean/" in href for href, _ in without)
    assert Client(HTTP_HOST=host_of(alpha)).get("/antrean/booking/").status_code == 200
