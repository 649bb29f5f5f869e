"""Odd input on a portal's citizen pages: the news list's query string, media paths that try to
leave the regency's folder, and the sign-up form. Answers are normal pages, 404s, or form errors in
Indonesian; never a 500, never a raw echo of markup."""

import pytest
from django.test import Client

from accounts.models import User
from tests.conftest import host_of, in_schema

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def citizen(alpha) -> Client:
    return Client(HTTP_HOST=host_of(alpha))


@pytest.mark.parametrize(
    "params",
    [
        {"hal": "abc", "jenis": SCRIPT},
        {"hal": "-1", "jenis": "\x00"},
        {"hal": "99999", "jenis": "x" * 5000},
        {"hal": SCRIPT, "jenis": "news"},
    ],
    ids=["text-page-and-script", "negative-page-and-nul", "far-page-and-long-kind", "script-page"],
)
def test_the_news_list_answers_odd_query_strings_normally(citizen, params):
    response = citizen.get("/berita/", params)

    assert response.status_code == 200
    assert SCRIPT not in response.text
    assert "MPP Alpha buka Sabtu" in response.text or "Pemadaman listrik" in response.text


def test_an_unknown_news_kind_lists_every_item(citizen):
    everything = citizen.get("/berita/")
    odd = citizen.get("/berita/", {"jenis": SCRIPT})

    assert [p.pk for p in odd.context["news_items"]] == [
        p.pk for p in everything.context["news_items"]
    ]


@pytest.mark.parametrize(
    "tail",
    [
        "tidak-ada.png",
        "original_images/tidak-ada.png",
        "../r_64_01/original_images/logo.png",
        "%2e%2e/%2e%2e/settings.py",
        "..%2f..%2fetc%2fpasswd",
    ],
    ids=["unknown-file", "unknown-image", "dot-dot-to-beta", "encoded-dot-dot", "encoded-slashes"],
)
def test_media_paths_outside_the_regencys_files_are_404(alpha, citizen, tail):
    response = citizen.get(f"/media/{alpha.schema_name}/{tail}")

    assert response.status_code == 404


def test_another_regencys_media_prefix_is_404(beta, citizen):
    response = citizen.get(f"/media/{beta.schema_name}/original_images/logo.png")

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("password1", "password2", "field", "message"),
    [
        (
            "kata-sandi-kuat-2026",
            "kata-sandi-lain-2026",
            "password2",
            "Anda harus mengetikkan kata sandi yang sama setiap kali.",
        ),
        (
            "Ab1!",
            "Ab1!",
            "password1",
            "Kata sandi terlalu pendek. Harus mengandung setidaknya 8 karakter.",
        ),
    ],
    ids=["mismatch", "too-short"],
)
def test_signup_explains_a_bad_password_in_indonesian(
    alpha, citizen, password1, password2, field, message
):
    response = citizen.post(
        "/accounts/signup/",
        {"email": "warga@contoh.id", "password1": password1, "password2": password2},
    )

    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert message in response.text
    with in_schema(alpha):
        assert not User.objects.filter(email="warga@contoh.id").exists()


def test_signup_with_a_malformed_email_is_refused(alpha, citizen):
    response = citizen.post(
        "/accounts/signup/",
        {"email": "bukan-email", "password1": "kata-sandi-kuat-2026", "password2": "x"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["Masukkan alamat email yang valid."]
    with in_schema(alpha):
        assert not User.objects.filter(email="bukan-email").exists()
