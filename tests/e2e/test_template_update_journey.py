"""Template updates, end to end in a real browser (issue #11): Badung's admin changes a
requirement and publishes a new template version; the admin of a regency that adopted Badung's
template sees that a newer version exists, reads the diff against its own edits, pulls it, and
keeps its renamed agencies and its own SK numbers. The adopter is Tanah Laut (63.01), as Paser
(64.01) is the suite's `beta`. Along the way: the adopter's portal is being prepared (citizens see
the "sedang disiapkan" page) and its go-live checklist offers the template's suggestions."""

import re

import pytest
from django.core.management import call_command
from django.test import override_settings

from onboarding.library import seed_templates_ensure, template_version_review
from onboarding.models import TemplateAdoption, TemplateVersion
from regencies.models import Regency
from tests.conftest import STAFF_PASSWORD, in_schema
from tests.e2e.conftest import portal_url

SHOTS = "/work/helpers/shots/adopt11"
NEW_REQUIREMENT = "Surat pengantar dari desa/kelurahan di Kabupaten Badung"
OWN_SK = "188.45/321/HK/2026"
OWN_NAME = "Dinas Dukcapil Tanah Laut (nama kami)"


def _sign_in(page, live_server, subdomain: str, email: str) -> None:
    page.goto(portal_url(live_server, subdomain, "/accounts/login/?next=/admin/"))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", STAFF_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))


def _publish_setup(page, live_server) -> TemplateVersion:
    page.goto(portal_url(live_server, "badung", "/admin/templat/terbitkan/"))
    page.fill("textarea[name=description]", "Persyaratan KTP-el diperbarui.")
    page.click("text=Kirim untuk ditinjau")
    page.wait_for_url(re.compile(r".*/admin/templat/$"))
    version = TemplateVersion.objects.filter(template__source_regency__code="51.03").latest("pk")
    return template_version_review(version=version, approve=True, actor=None)


@pytest.mark.django_db(transaction=True)
def test_an_adopter_pulls_a_new_template_version_and_keeps_its_own(
    live_server, browser, regency_staff
):
    from catalogue.actions import service_standard_publish
    from catalogue.models import Agency, Service

    seed_templates_ensure()
    port = live_server.url.rsplit(":", 1)[1]
    made: list[Regency] = []
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    page = context.new_page()
    try:
        with override_settings(PLATFORM_PORT=port):
            call_command(
                "create_regency", code="51.03", subdomain="badung", template="badung", publish=True
            )
            badung = Regency.objects.get(code="51.03")
            made.append(badung)
            regency_staff(badung, "admin@badung.test", group="Admin MPP")

            # Badung publishes its setup as a template; an operator approves version 1.
            _sign_in(page, live_server, "badung", "admin@badung.test")
            v1 = _publish_setup(page, live_server)
            assert v1.document["meta"]["region"]["code"] == "51.03"

            # Another regency adopts it (not published yet) and makes it its own.
            call_command(
                "create_regency", code="63.01", subdomain="tanahlaut", template=v1.template.slug
            )
            adopter = Regency.objects.get(code="63.01")
            made.append(adopter)
            with in_schema(adopter):
                Agency.objects.filter(key="disdukcapil").update(name=OWN_NAME)
                standard = Service.objects.get(key="ktp-el-baru").current_standard
                assert standard.decree_number == ""  # held back at adoption
                standard.decree_number = OWN_SK
                standard.save(update_fields=["decree_number"])
            regency_staff(adopter, "admin@tanahlaut.test", group="Admin MPP")

            citizen = browser.new_context(viewport={"width": 360, "height": 800})
            citizen_page = citizen.new_page()
            citizen_page.goto(portal_url(live_server, "tanahlaut", "/"))
            assert "sedang disiapkan" in citizen_page.content()
            citizen_page.screenshot(path=f"{SHOTS}/preparing-360.png", full_page=True)
            citizen_page.set_viewport_size({"width": 1366, "height": 800})
            citizen_page.screenshot(path=f"{SHOTS}/preparing-1366.png", full_page=True)
            citizen.close()

            # Badung changes a requirement and publishes version 2.
            with in_schema(badung):
                service = Service.objects.select_related("current_standard").get(key="ktp-el-baru")
                requirements = [*service.current_standard.requirements, NEW_REQUIREMENT]
                service_standard_publish(service=service, data={"requirements": requirements})
            v2 = _publish_setup(page, live_server)
            assert v2.number == 2

            # The adopter's admin: the go-live checklist, then the template update.
            _sign_in(page, live_server, "tanahlaut", "admin@tanahlaut.test")
            assert "Saran dari templat:" in page.content()
            assert "Kepolisian Resor Tanah Laut" in page.content()
            for width in (360, 1366):
                page.set_viewport_size({"width": width, "height": 900})
                page.screenshot(path=f"{SHOTS}/golive-panel-{width}.png", full_page=True)
            page.set_viewport_size({"width": 1366, "height": 900})
            page.goto(portal_url(live_server, "tanahlaut", "/admin/templat/"))
            assert "Versi 2 tersedia" in page.content()
            row = page.locator("tr", has=page.locator("#pull-services-ktp-el-baru"))
            assert "Anda sudah mengubah baris ini" in row.inner_text()
            assert not page.is_checked("#pull-services-ktp-el-baru")  # own edit: opt-in
            assert page.locator("#pull-agencies-disdukcapil").count() == 0  # unchanged there
            page.screenshot(path=f"{SHOTS}/template-update-1366.png", full_page=True)
            page.check("#pull-services-ktp-el-baru")
            page.click("text=Ambil perubahan terpilih")
            page.wait_for_url(re.compile(r".*/admin/templat/$"))
            assert "Portal Anda sudah memakai versi terbaru" in page.content(), page.inner_text(
                "main"
            )[:1500]

            with in_schema(adopter):
                pulled = Service.objects.get(key="ktp-el-baru").current_standard
                assert "Surat pengantar dari desa/kelurahan di Kabupaten Tanah Laut" in (
                    pulled.requirements
                )
                assert not [r for r in pulled.requirements if "Badung" in r]
                assert pulled.decree_number == OWN_SK
                assert Agency.objects.get(key="disdukcapil").name == OWN_NAME
            assert TemplateAdoption.objects.get(regency=adopter).version == v2
    finally:
        context.close()
        from regencies.schemas import schema_drop

        for regency in made:
            schema_drop(regency.schema_name)  # public rows go with the test's flush
