"""The input guard and the safe readers on the exact requests that used to answer 500 (issue 9,
point 3): each now gets a clear 400 in Indonesian (English under /en/), a 404 or 413, or a form
error, and nothing is stored."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from billing.models import StripeEvent
from catalogue.models import Agency
from onboarding.models import Application
from satupintu.safe_input import UnsafeInput, csv_text_check, json_document
from tests.conftest import host_of, in_schema, staff_client
from tests.onboarding.test_wizard import applicant, step, to_plan_step
from tests.stripe_fake import WEBHOOK_SECRET, sign

REFUSED_ID = "Permintaan tidak dapat diproses"
REFUSED_EN = "The request could not be processed"
WEBHOOK = "/billing/stripe/webhook/"


@pytest.mark.parametrize("button", ["next", "back"])
def test_a_nul_in_a_wizard_step_is_refused_and_the_draft_is_kept(db, button):
    client = applicant()
    to_plan_step(client)
    drafts_before = Application.objects.get().drafts

    response = step(client, 2, {"subdomain": "soppeng\x00baru", "custom_domain": "", button: "1"})

    assert response.status_code == 400
    assert REFUSED_ID in response.text
    assert Application.objects.get().drafts == drafts_before


def test_the_refusal_is_in_english_under_en(db):
    client = applicant()

    response = client.post("/en/daftar/langkah/1/", {"applicant_name": "a\x00b"})

    assert response.status_code == 400
    assert REFUSED_EN in response.text


def test_a_nul_support_token_is_refused_anonymously(alpha):
    response = Client(HTTP_HOST=host_of(alpha)).get("/admin/dukungan/%00/")

    assert response.status_code == 400
    assert REFUSED_ID in response.text


def test_an_overlong_media_path_is_refused_and_an_overlong_file_name_is_not_found(alpha):
    client = Client(HTTP_HOST=host_of(alpha))

    too_long_path = client.get(f"/media/{alpha.schema_name}/" + "a" * 10_000)
    too_long_name = client.get(f"/media/{alpha.schema_name}/original_images/" + "a" * 300)

    assert too_long_path.status_code == 400
    assert too_long_name.status_code == 404


def test_a_body_larger_than_any_form_takes_is_413(alpha):
    response = Client(HTTP_HOST=host_of(alpha)).post(
        "/accounts/login/", data=b"", content_type="text/plain", CONTENT_LENGTH=str(13 * 2**20)
    )

    assert response.status_code == 413
    assert "Kiriman terlalu besar" in response.text


def test_a_cookie_with_a_nul_is_ignored_not_fatal(alpha):
    response = Client(HTTP_HOST=host_of(alpha)).get(
        "/accounts/login/", HTTP_COOKIE="sessionid=abc\x00def; csrftoken=x"
    )

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("kind", "content", "message"),
    [
        (
            "agencies",
            b"key,name,kind\npln," + b"n" * 200_000 + b",bumn\n",
            "Baris 2 lebih dari 20000 karakter; periksa isi berkas.",
        ),
        (
            "agencies",
            b"key,name,kind\npln,P\x00LN,bumn\n",
            "Berkas memuat karakter NUL, yang tidak dapat disimpan.",
        ),
        (
            "catalogue",
            b"[" * 100_000 + b"]" * 100_000,
            "Dokumen bersarang terlalu dalam (lebih dari 32 tingkat).",
        ),
        (
            "catalogue",
            b'{"format": "satupintu-catalogue", "agencies": [{"name": "a\\u0000"}]}',
            "Dokumen memuat karakter NUL (\\u0000), yang tidak dapat disimpan.",
        ),
    ],
    ids=["csv-200k-field", "csv-nul", "json-100k-nested", "json-nul-escape"],
)
def test_a_catalogue_file_the_database_cannot_hold_is_refused_with_a_message(
    alpha, kind, content, message
):
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    with in_schema(alpha):
        before = Agency.objects.count()

    response = admin.post(
        "/admin/katalog/impor/",
        {"kind": kind, "file": SimpleUploadedFile("katalog", content)},
    )

    assert response.status_code == 200
    assert response.context["errors"] == [message]
    assert "token" not in response.context
    with in_schema(alpha):
        assert Agency.objects.count() == before


@pytest.mark.parametrize(
    "body",
    [
        b"[]",
        b"null",
        b'"evt"',
        json.dumps(
            {"id": "evt_1", "type": "invoice.paid", "created": 99999999999999999999, "data": {}}
        ).encode(),
        json.dumps(
            {"id": "evt_1", "type": "invoice.paid", "created": 1, "data": {"object": []}}
        ).encode(),
        json.dumps({"id": "e" * 81, "type": "x", "created": 1, "data": {"object": {}}}).encode(),
        b'{"id": "evt_\\u0000", "type": "x", "created": 1, "data": {"object": {}}}',
        b"[" * 50_000 + b"]" * 50_000,
    ],
    ids=["array", "null", "string", "huge-created", "object-not-dict", "long-id", "nul", "deep"],
)
def test_a_signed_stripe_event_that_is_not_an_event_object_is_400_and_not_stored(db, body):
    with override_settings(STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET):
        response = Client(HTTP_HOST="localhost").post(
            WEBHOOK, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(body)
        )

    assert response.status_code == 400
    assert response.json() == {"outcome": "malformed payload"}
    assert StripeEvent.objects.count() == 0


def test_the_safe_readers_refuse_exactly_what_cannot_be_held():
    assert json_document('{"a": [1, {"b": "ok \\u202e"}]}') == {"a": [1, {"b": "ok \u202e"}]}
    assert json_document('"[[[[ not nesting inside a string"') == "[[[[ not nesting inside a string"
    for text in ('"\\ud800"', '{"k\\u0000": 1}', "[" * 33 + "]" * 33, "1" + "0" * 30):
        with pytest.raises(UnsafeInput):
            json_document(text)
    csv_text_check("a,b\n" + "x" * 20_000 + "\n")
    with pytest.raises(UnsafeInput):
        csv_text_check("a,b\n" + "x" * 20_001 + "\n")
