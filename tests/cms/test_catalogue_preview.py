"""A draft service or agency previewed as the citizen page would show it, before it is
published (catalogue.previews, cms.previews): the draft's fee and phone in the preview, the live
page unchanged."""

from django.urls import reverse

from catalogue.models import Agency, Service
from tests.conftest import in_schema, staff_client
from tests.tenants_app.test_catalogue_drafts import form_data


def _preview(client, model, pk: int, data: dict):
    url = reverse(
        f"wagtailsnippets_tenants_app_{model._meta.model_name}:preview_on_edit", args=[pk]
    )
    checked = client.post(url, data)
    return checked, client.get(url)


def test_a_drafted_fee_is_previewed_on_the_service_page(alpha, alpha_client):
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    with in_schema(alpha):
        skck = Service.objects.get(key="skck")
    edit = reverse("wagtailsnippets_tenants_app_service:edit", args=[skck.pk])

    checked, preview = _preview(
        admin, Service, skck.pk, form_data(admin, edit, publish=False, fee_amount="45000")
    )

    assert checked.json()["is_valid"] is True
    assert preview.status_code == 200
    assert "Penerbitan SKCK" in preview.text
    assert "Rp45.000" in preview.text
    assert "Rp45.000" not in alpha_client.get("/layanan/skck/").text


def test_a_drafted_agency_phone_is_previewed_on_the_agency_page(alpha, alpha_client):
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    with in_schema(alpha):
        polres = Agency.objects.get(key="polres")
    edit = reverse("wagtailsnippets_tenants_app_agency:edit", args=[polres.pk])

    checked, preview = _preview(
        admin, Agency, polres.pk, form_data(admin, edit, publish=False, phone="0735 777888")
    )

    assert checked.json()["is_valid"] is True
    assert "0735 777888" in preview.text
    assert "Penerbitan SKCK" in preview.text  # its live services, as on the page
    assert "0735 777888" not in alpha_client.get("/instansi/polres/").text


def test_a_preview_neither_reads_nor_leaves_the_citizen_pages_kept_parts(alpha, alpha_client):
    """The kept parts of a citizen page share their key with the preview (same template): a
    preview rendered first must not leave the draft for citizens, and a part kept first must not
    hide the draft from the preview."""
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    with in_schema(alpha):
        polres = Agency.objects.get(key="polres")
        skck = Service.objects.get(key="skck")
    agency_edit = reverse("wagtailsnippets_tenants_app_agency:edit", args=[polres.pk])
    _checked, preview = _preview(
        admin, Agency, polres.pk, form_data(admin, agency_edit, publish=False, phone="0735 999111")
    )
    assert "0735 999111" in preview.text
    assert "0735 999111" not in alpha_client.get("/instansi/polres/?first=citizen-after").text

    alpha_client.get("/layanan/skck/?first=citizen-before")  # the live part kept first
    service_edit = reverse("wagtailsnippets_tenants_app_service:edit", args=[skck.pk])
    _checked, preview = _preview(
        admin, Service, skck.pk, form_data(admin, service_edit, publish=False, fee_amount="47000")
    )
    assert "Rp47.000" in preview.text
    assert "Rp47.000" not in alpha_client.get("/layanan/skck/?again=1").text
