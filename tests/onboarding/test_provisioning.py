"""Provisioning jobs: failure leaves `failed` with the reason, retry resumes and finishes, a worker
killed in the middle is finished by a retry on another worker, and racing applicants."""

import os
import signal
import threading
import uuid
from datetime import timedelta

import pytest
from celery import Celery
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, connections
from django.test import Client
from django.utils import timezone
from django_tenants.utils import schema_context, schema_exists

from accounts.models import User
from catalogue.models import Service
from onboarding.library import seed_templates_ensure, template_latest_version
from onboarding.models import Application, ApplicationStatus, JobStatus, ProvisioningJob, Template
from onboarding.provisioning import (
    ProvisioningSpec,
    provisioning_retry,
    provisioning_run,
    provisioning_start,
)
from onboarding.wizard import ApplicationError, application_submit
from regencies.actions import RegencyRequest
from regencies.building import regency_builder_alive
from regencies.models import Regency
from tests.processes import TEST_REDIS_URL, celery_worker, redis_available, wait_for


def _spec(**overrides) -> ProvisioningSpec:
    version = template_latest_version(template=Template.objects.get(slug="model-soppeng"))
    return ProvisioningSpec(
        admin_email="admin@munabarat.test",
        brand_name="MPP Muna Barat",
        template_version_id=version.pk,
        **overrides,
    )


def _start(**overrides) -> ProvisioningJob:
    return provisioning_start(
        request=RegencyRequest(code="74.13", subdomain="munabarat", brand_name="MPP Muna Barat"),
        spec=_spec(**overrides),
        enqueue=False,
    )


@pytest.fixture
def templates(db):
    return seed_templates_ensure()


def test_a_failing_step_leaves_the_regency_failed_with_the_reason_and_retry_finishes(
    templates, django_capture_on_commit_callbacks
):
    logo = f"logo/hilang-{uuid.uuid4().hex}.png"
    job = _start(logo_name=logo)  # the uploaded logo is missing from storage

    status = provisioning_run(job_id=job.pk)

    job.refresh_from_db()
    regency = Regency.objects.get(pk=job.regency_id)
    assert status == JobStatus.FAILED
    assert regency.status == "failed"
    assert "Menerapkan nama dan warna MPP" in regency.status_reason
    assert logo in regency.status_reason
    assert [s["status"] for s in job.steps] == ["done", "done", "failed"] + ["pending"] * 5
    assert Client(HTTP_HOST="munabarat.localhost").get("/").status_code == 503  # never looks active

    with schema_context("public"):
        default_storage.save(logo, ContentFile(_png_bytes()))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            provisioning_retry(job=job, actor=None)
    finally:
        with schema_context("public"):
            default_storage.delete(logo)

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.attempts == 2
    assert Regency.objects.get(pk=job.regency_id).status == "active"
    with schema_context(regency.schema_name):
        template = template_latest_version(
            template=Template.objects.get(slug="model-soppeng")
        ).document
        assert Service.objects.count() == len(template["services"])  # the catalogue was copied once
    citizen_view = Client(HTTP_HOST="munabarat.localhost").get("/")
    assert citizen_view.status_code == 200
    assert "sedang disiapkan" in citizen_view.text  # until its admin publishes (ADR 0040)


def _png_bytes() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), (20, 60, 90)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_running_a_finished_job_again_changes_nothing(templates):
    job = _start()
    provisioning_run(job_id=job.pk)
    with schema_context(job.regency.schema_name):
        services = Service.objects.count()

    assert provisioning_run(job_id=job.pk) == JobStatus.DONE
    assert ProvisioningJob.objects.get(pk=job.pk).attempts == 1
    with schema_context(job.regency.schema_name):
        assert Service.objects.count() == services


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not redis_available(), reason=f"Redis is not reachable at {TEST_REDIS_URL}")
def test_a_worker_killed_mid_provisioning_is_finished_by_a_retry_on_another_worker(tmp_path):
    seed_templates_ensure()
    job = _start()
    client = Celery(broker=TEST_REDIS_URL, backend=TEST_REDIS_URL)
    database = {"SATUPINTU_DATABASE_NAME": connection.settings_dict["NAME"]}
    try:
        with celery_worker(
            env={**database, "PROVISIONING_PAUSE_BEFORE_STEP": "catalogue"},
            log_path=tmp_path / "worker1.log",
        ) as first:
            client.send_task("onboarding.provision_regency", args=[job.pk])
            wait_for(
                lambda: _step(job, "schema") == "done" and _status(job) == JobStatus.RUNNING,
                timeout=120,
                what="the first worker to reach the catalogue step",
            )
            os.kill(first.pid, signal.SIGKILL)  # the worker dies in the middle of the job
            first.wait(timeout=30)
        # PostgreSQL ends the dead worker's session, and its build lock with it.
        wait_for(lambda: not regency_builder_alive("74.13"), timeout=30, what="the lock to go")
        assert _status(job) == JobStatus.RUNNING
        assert schema_exists(Regency.objects.get(pk=job.regency_id).schema_name)

        with celery_worker(env=database, log_path=tmp_path / "worker2.log"):
            provisioning_retry(
                job=ProvisioningJob.objects.get(pk=job.pk), actor=None
            )  # sent on commit
            wait_for(
                lambda: _status(job) == JobStatus.DONE, timeout=180, what="the retry to finish"
            )

        finished = ProvisioningJob.objects.get(pk=job.pk)
        assert [s["status"] for s in finished.steps] == ["done"] * 8
        assert finished.attempts == 2
        regency = Regency.objects.get(pk=job.regency_id)
        assert regency.status == "active"
        with schema_context(regency.schema_name):
            assert Service.objects.count() > 30
    finally:
        _drop_regency_schema(job)


def _status(job):
    return ProvisioningJob.objects.values_list("status", flat=True).get(pk=job.pk)


def _step(job, key):
    steps = ProvisioningJob.objects.values_list("steps", flat=True).get(pk=job.pk)
    return next(s["status"] for s in steps if s["key"] == key)


def _drop_regency_schema(job):
    """Transactional tests commit: remove the schema this test created."""
    from regencies.schemas import schema_drop

    schema = Regency.objects.filter(pk=job.regency_id).values_list("schema_name", flat=True).first()
    if schema:
        schema_drop(schema)


def _ready_application(email: str, subdomain: str) -> Application:
    user = User.objects.create_user(email=email, password="x" * 12)
    from regions.models import KabKota

    return Application.objects.create(
        applicant=user,
        step=7,
        kabkota=KabKota.objects.get(code="74.13"),
        subdomain=subdomain,
        brand_name="MPP",
        applicant_name="Pemohon",
    )


@pytest.mark.django_db(transaction=True)
def test_two_applicants_racing_for_one_regency_exactly_one_wins():
    first = _ready_application("a@contoh.id", "munabarat-a")
    second = _ready_application("b@contoh.id", "munabarat-b")
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def submit(application, label):
        try:
            barrier.wait(timeout=10)
            application_submit(application=application, actor=None)
            outcomes[label] = "won"
        except ApplicationError as exc:
            outcomes[label] = f"lost: {exc}"
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=submit, args=(a, label))
        for a, label in ((first, "a"), (second, "b"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    try:
        assert sorted(v.split(":")[0] for v in outcomes.values()) == ["lost", "won"]
        loser = next(v for v in outcomes.values() if v.startswith("lost"))
        assert "Kabupaten Muna Barat" in loser
        assert Regency.objects.filter(code="74.13").count() == 1
        assert ProvisioningJob.objects.count() == 1
        statuses = sorted(Application.objects.values_list("status", flat=True))
        # The winner's portal was built at once (tasks run in-process); the loser's draft is kept.
        assert statuses == [ApplicationStatus.DONE, ApplicationStatus.DRAFT]
    finally:
        for job in ProvisioningJob.objects.all():
            _drop_regency_schema(job)


@pytest.mark.django_db(transaction=True)
def test_two_applicants_racing_for_one_subdomain_exactly_one_wins():
    from regions.models import KabKota

    first = _ready_application("a@contoh.id", "sulawesi")
    second = _ready_application("b@contoh.id", "sulawesi")
    Application.objects.filter(pk=second.pk).update(kabkota=KabKota.objects.get(code="73.12"))
    second.refresh_from_db()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def submit(application):
        try:
            barrier.wait(timeout=10)
            application_submit(application=application, actor=None)
            outcomes.append("won")
        except ApplicationError as exc:
            outcomes.append(f"lost: {exc}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(a,)) for a in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    try:
        assert sorted(o.split(":")[0] for o in outcomes) == ["lost", "won"]
        assert "sulawesi" in next(o for o in outcomes if o.startswith("lost"))
        assert Regency.objects.count() == 1
    finally:
        for job in ProvisioningJob.objects.all():
            _drop_regency_schema(job)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not redis_available(), reason=f"Redis is not reachable at {TEST_REDIS_URL}")
@pytest.mark.parametrize("recovery", ["sweep", "discard"])
def test_a_worker_killed_while_cloning_is_finished_by_the_sweep_or_discarded(recovery, tmp_path):
    """The worker dies inside the clone's transaction; nobody will ever run the job again on its
    own (the message is gone with the worker). The stuck-regency sweep finishes it, or the
    operator discards it and the applicant's address is free again."""
    from django.test import override_settings

    from regencies.recovery import regencies_stuck_recover, regency_discard
    from regencies.schemas import schema_problems

    seed_templates_ensure()
    application = _ready_application("pemohon@munabarat.id", "munabarat")
    job = _start()
    Application.objects.filter(pk=application.pk).update(
        regency=job.regency, status=ApplicationStatus.PROVISIONING
    )
    ProvisioningJob.objects.filter(pk=job.pk).update(application=application)
    client = Celery(broker=TEST_REDIS_URL, backend=TEST_REDIS_URL)
    log = tmp_path / "worker.log"
    database = {"SATUPINTU_DATABASE_NAME": connection.settings_dict["NAME"]}
    try:
        with celery_worker(
            env={**database, "REGENCY_CREATE_PAUSE_AT": "cloning"}, log_path=log
        ) as worker:
            client.send_task("onboarding.provision_regency", args=[job.pk])
            wait_for(
                lambda: "paused at cloning" in log.read_text(),
                timeout=120,
                what="the worker to be inside the clone",
            )
            assert regency_builder_alive("74.13")
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait(timeout=30)
        wait_for(lambda: not regency_builder_alive("74.13"), timeout=30, what="the lock to go")
        regency = Regency.objects.get(pk=job.regency_id)
        assert regency.status == "provisioning"
        assert not schema_exists(regency.schema_name)  # the clone rolled back with the worker
        assert (_status(job), _step(job, "schema")) == (JobStatus.RUNNING, "running")

        if recovery == "sweep":
            with override_settings(REGENCY_STUCK_AFTER_SECONDS=0):
                # A moment later: the killed worker's last heartbeat came from its own clock.
                later = timezone.now() + timedelta(seconds=10)
                assert regencies_stuck_recover(now=later).resumed == ["74.13"]
            finished = ProvisioningJob.objects.get(pk=job.pk)
            assert [s["status"] for s in finished.steps] == ["done"] * 8
            regency.refresh_from_db()
            assert regency.status == "active"
            assert schema_problems(regency.schema_name) == []
            template = template_latest_version(template=Template.objects.get(slug="model-soppeng"))
            with schema_context(regency.schema_name):
                assert Service.objects.count() == len(template.document["services"])
            assert Application.objects.get(pk=application.pk).status == ApplicationStatus.DONE
        else:
            regency_discard(regency=regency, actor=None)
            assert not Regency.objects.filter(code="74.13").exists()
            assert not ProvisioningJob.objects.filter(pk=job.pk).exists()
            assert Application.objects.get(pk=application.pk).status == ApplicationStatus.DRAFT
            applicant = Client(HTTP_HOST="localhost")
            applicant.force_login(User.objects.get(email="pemohon@munabarat.id"))
            assert applicant.get("/daftar/cek-subdomain/?s=munabarat").json()["ok"] is True
    finally:
        _drop_regency_schema(job)
