"""Branding: colours that fail WCAG AA are refused with the reason; the portal applies the rest."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from wagtail.models import Site

from cms.models import Branding
from satupintu.colors import branding_colour_problems, contrast_ratio
from tests.conftest import host_of, in_schema, staff_client


def test_contrast_ratio_matches_wcag_reference_values():
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#777777", "#ffffff"), 2) == 4.48
    assert round(contrast_ratio("#767676", "#ffffff"), 2) == 4.54  # WebAIM: the lightest AA grey


@pytest.mark.parametrize(
    ("primary", "accent", "field", "reason"),
    [
        ("#f4d03f", "#8a4b00", "primary_color", "hanya 1.5"),
        ("#0b5d51", "#e0a526", "accent_color", "hanya 2.19"),
        ("biru", "#8a4b00", "primary_color", "kode hex enam digit"),
        ("#0b5d51", "#fff", "accent_color", "kode hex enam digit"),
    ],
)
def test_a_colour_pair_that_fails_aa_is_refused_and_says_why(primary, accent, field, reason):
    problems = branding_colour_problems(primary=primary, accent=accent)

    assert list(problems) == [field]
    assert reason in problems[field]


def test_the_settings_model_refuses_bad_colours(alpha):
    with in_schema(alpha):
        branding = Branding.for_site(Site.objects.get(is_default_site=True))
        branding.primary_color = "#ffff00"
        with pytest.raises(ValidationError) as excinfo:
            branding.full_clean()
    assert "WCAG AA" in str(excinfo.value.message_dict["primary_color"])


def test_the_admin_form_shows_the_contrast_error_and_saves_nothing(alpha):
    client = staff_client(alpha, "admin@alpha.test", superuser=True)
    with in_schema(alpha):
        site = Site.objects.get(is_default_site=True)
    form = client.get(f"/admin/settings/cms/branding/{site.pk}/")
    assert form.status_code == 200
    data = {
        k: v
        for k, v in form.context["form"].initial.items()
        if v is not None and not hasattr(v, "pk")
    }
    data.update(
        {
            "primary_color": "#fafafa",
            "brand_name": "Nama yang tidak tersimpan",
            "queue_term": "antrean",
        }
    )

    response = client.post(f"/admin/settings/cms/branding/{site.pk}/", data)

    assert response.status_code == 200
    assert "WCAG AA" in response.text
    with in_schema(alpha):
        assert Branding.for_site(site).brand_name == "MPP Alpha"


def test_the_portal_applies_the_branding_through_css_custom_properties(alpha, beta):
    alpha_page = Client(HTTP_HOST=host_of(alpha)).get("/")
    beta_page = Client(HTTP_HOST=host_of(beta)).get("/")

    assert ":root{--primary:#0b5d51;--accent:#8a4b00}" in alpha_page.text
    assert ":root{--primary:#1f3a93;--accent:#1f3a93}" in beta_page.text
    assert "wa.me/6281234567890" in alpha_page.text
