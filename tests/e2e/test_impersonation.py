"""An operator opens a regency's admin read-only from the console, in a real browser: the click
crosses from the platform's host to the regency's under the console's Content Security Policy."""

import pytest
from django.test import override_settings

from audit.models import AuditEntry
from tests.conftest import OPERATOR_PASSWORD, SECRET, _operator, rfc6238_code
from tests.e2e.conftest import portal_url

ADMIN = "kepala.mpp@alpha.test"


def _operator_signs_in(page, platform: str) -> None:
    page.goto(f"{platform}/accounts/login/")
    page.fill("input[name=login]", "operator@satupintu.test")
    page.fill("input[name=password]", OPERATOR_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/2fa/authenticate/**")
    page.fill("input[name=code]", rfc6238_code(SECRET))
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


@pytest.mark.django_db(transaction=True)
def test_an_operator_clicks_support_access_and_lands_in_the_read_only_admin(
    live_server, alpha, page, regency_staff
):
    port = live_server.url.rsplit(":", 1)[1]
    platform = f"http://localhost:{port}"
    _operator(with_totp=True)
    regency_staff(alpha, ADMIN, superuser=True)
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)

    with override_settings(PLATFORM_PORT=port):
        _operator_signs_in(page, platform)
        page.goto(f"{platform}/console/regencies/regency/{alpha.pk}/change/")
        page.select_option("#id_admin_email", ADMIN)
        page.fill("#id_support_reason", "Tiket #77: menu layanan")
        assert not AuditEntry.objects.filter(action="impersonation.start").exists()
        page.click("input[value='Buka akses dukungan']")
        page.wait_for_url(portal_url(live_server, "alpha", "/admin/"), timeout=10_000)

    assert "Akses dukungan baca saja" in page.text_content("body")
    assert ADMIN in page.text_content("body")
    assert blocked == []
    start = AuditEntry.objects.get(action="impersonation.start")
    assert (start.regency_id, start.actor_email, start.detail["admin"]) == (
        alpha.pk,
        "operator@satupintu.test",
        ADMIN,
    )
