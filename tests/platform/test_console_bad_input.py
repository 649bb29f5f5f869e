"""Bad input to the operators' console: every refused request answers with a clear Indonesian
message (or a 404 for another regency's rows), never a 500, and changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEntry
from onboarding.models import JobStatus, ProvisioningJob, Template
from regencies.models import Domain, Regency

BETA_CUSTOM_DOMAIN = "mpp.paserkab.go.id"


@pytest.fixture
def console(operator_client):
    """The signed-in operator, with the sign-in's own "Berhasil masuk" message already shown."""
    assert operator_client.get("/console/").status_code == 200
    return operator_client


def _url(regency) -> str:
    return f"/console/regencies/regency/{regency.pk}/"


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_an_unknown_time_zone_is_refused_and_the_identity_is_kept(console, alpha):
    before = Regency.objects.get(pk=alpha.pk)

    response = console.post(
        f"{_url(alpha)}identity/",
        {"brand_name": "Nama Baru", "time_zone": "Mars/Olympus"},
        follow=True,
    )

    assert response.status_code == 200
    assert response.redirect_chain == [(f"{_url(alpha)}change/", 302)]
    assert _messages(response) == [
        "Masukkan pilihan yang valid. Mars/Olympus bukan salah satu dari pilihan yang tersedia."
    ]
    after = Regency.objects.get(pk=alpha.pk)
    assert (after.brand_name, after.time_zone) == (before.brand_name, before.time_zone)
    assert not AuditEntry.objects.filter(regency=alpha, action="regency.update").exists()


def test_an_empty_hostname_asks_for_a_domain_name(console, alpha):
    response = console.post(
        f"{_url(alpha)}domains/add/", {"hostname": "", "make_primary": "on"}, follow=True
    )

    assert response.status_code == 200
    assert _messages(response) == ["Isi nama domain."]
    assert list(Domain.objects.filter(tenant=alpha).values_list("domain", "is_primary")) == [
        ("alpha.localhost", True)
    ]


def test_another_regencys_domain_cannot_be_made_primary_or_removed(console, alpha, beta):
    custom = Domain.objects.create(tenant=beta, domain=BETA_CUSTOM_DOMAIN, is_primary=False)
    beta_primary = Domain.objects.get(tenant=beta, is_primary=True)

    primary = console.post(f"{_url(alpha)}domains/{custom.pk}/primary/")
    removed = console.post(f"{_url(alpha)}domains/{custom.pk}/remove/")
    removed_primary = console.post(f"{_url(alpha)}domains/{beta_primary.pk}/remove/")

    assert (primary.status_code, removed.status_code, removed_primary.status_code) == (
        404,
        404,
        404,
    )
    assert sorted(Domain.objects.filter(tenant=beta).values_list("domain", "is_primary")) == [
        ("beta.localhost", True),
        (BETA_CUSTOM_DOMAIN, False),
    ]
    assert Domain.objects.filter(tenant=alpha).count() == 1
    assert not AuditEntry.objects.filter(action__startswith="domain.").exists()


def test_another_regencys_provisioning_job_cannot_be_retried(console, alpha, beta):
    job = ProvisioningJob.objects.create(regency=beta, status=JobStatus.FAILED, error="gagal")

    response = console.post(f"{_url(alpha)}jobs/{job.pk}/retry/")

    assert response.status_code == 404
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == (JobStatus.FAILED, 0, "gagal")
    assert not AuditEntry.objects.filter(action="provisioning.retry").exists()


def test_extending_the_trial_of_a_regency_without_a_subscription_says_so(console, alpha):
    assert getattr(Regency.objects.get(pk=alpha.pk), "subscription", None) is None

    response = console.post(f"{_url(alpha)}trial/", {"days": "14"}, follow=True)

    assert response.status_code == 200
    assert _messages(response) == ["Daerah ini belum berlangganan."]
    assert not AuditEntry.objects.filter(action="billing.trial_extend").exists()


def test_reactivating_an_active_regency_explains_why_not(console, alpha):
    response = console.post(f"{_url(alpha)}reactivate/", follow=True)

    assert response.status_code == 200
    assert _messages(response) == ["Hanya daerah yang ditangguhkan yang dapat diaktifkan kembali."]
    assert Regency.objects.get(pk=alpha.pk).status == "active"
    assert not AuditEntry.objects.filter(action="regency.reactivate").exists()


def test_the_bulk_reactivate_action_on_active_regencies_explains_why_not(console, alpha, beta):
    response = console.post(
        "/console/regencies/regency/",
        {"action": "reactivate_selected", "_selected_action": [alpha.pk, beta.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert sorted(_messages(response)) == sorted(
        f"{r.name}: Hanya daerah yang ditangguhkan yang dapat diaktifkan kembali."
        for r in (alpha, beta)
    )
    assert set(
        Regency.objects.filter(pk__in=[alpha.pk, beta.pk]).values_list("status", flat=True)
    ) == {"active"}
    assert not AuditEntry.objects.filter(action="regency.reactivate").exists()


def test_suspending_without_a_reason_asks_for_one(console, alpha):
    blank = console.post(f"{_url(alpha)}suspend/", {"reason": "   "}, follow=True)
    missing = console.post(f"{_url(alpha)}suspend/", {}, follow=True)

    for response in (blank, missing):
        assert response.status_code == 200
        assert _messages(response) == ["Tuliskan alasan penangguhan."]
    assert Regency.objects.get(pk=alpha.pk).status == "active"
    assert not AuditEntry.objects.filter(action="regency.suspend").exists()


def test_a_template_needs_a_catalogue_file_or_a_source_regency(console):
    before = Template.objects.count()

    response = console.post(
        "/console/onboarding/template/add/", {"name": "Templat tanpa isi", "description": ""}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Unggah katalog JSON atau pilih daerah sumber."
    ]
    assert "Unggah katalog JSON atau pilih daerah sumber." in response.text
    assert Template.objects.count() == before


def test_a_template_file_that_is_not_json_is_refused(console):
    before = Template.objects.count()
    upload = SimpleUploadedFile("katalog.json", b"{ bukan json", content_type="application/json")

    response = console.post(
        "/console/onboarding/template/add/", {"name": "Templat rusak", "document": upload}
    )

    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1
    assert errors[0].startswith("Berkas bukan JSON yang valid: ")
    assert "Berkas bukan JSON yang valid: " in response.text
    assert Template.objects.count() == before


def test_a_template_file_that_is_not_utf8_is_refused(console):
    before = Template.objects.count()
    upload = SimpleUploadedFile(
        "katalog.json", '{"judul": "Café"}'.encode("latin-1"), content_type="application/json"
    )

    response = console.post(
        "/console/onboarding/template/add/", {"name": "Templat latin-1", "document": upload}
    )

    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1
    assert errors[0].startswith("Berkas bukan JSON yang valid: ")
    assert Template.objects.count() == before
