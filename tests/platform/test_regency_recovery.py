"""Half-made regencies: the stuck-regency sweep (stuck vs a live builder), the console's resume and
discard with and without a provisioning job, the messages a second request gets, and activation
that refuses an incomplete schema."""

import contextlib
from datetime import timedelta

import psycopg
import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone
from django_tenants.utils import schema_context, schema_exists

from accounts.models import User
from audit.models import AuditEntry
from onboarding.library import seed_templates_ensure, template_latest_version
from onboarding.models import Application, ApplicationStatus, JobStatus, ProvisioningJob, Template
from onboarding.provisioning import ProvisioningSpec, provisioning_run, provisioning_start
from regencies.actions import (
    RegencyBuildError,
    RegencyError,
    RegencyRequest,
    regency_activate,
    regency_create,
    regency_register,
)
from regencies.building import LOCK_SPACE, lock_key, regency_build_lock, regency_builder_alive
from regencies.models import Domain, Regency
from regencies.recovery import regencies_stuck_recover, regency_resume
from regencies.schemas import schema_problems
from regencies.tasks import stuck_recover
from tests.processes import wait_for

CODE, SUBDOMAIN, HOST, SCHEMA = "74.13", "munabarat", "munabarat.localhost", "r_74_13"
REQUEST = RegencyRequest(code=CODE, subdomain=SUBDOMAIN)


@contextlib.contextmanager
def another_process_building(code: str):
    """A second database session holding the regency's build lock, as a live builder would."""
    settings = connection.settings_dict
    with psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        password=settings["PASSWORD"] or None,
        autocommit=True,
    ) as other:
        row = other.execute(
            "SELECT pg_try_advisory_lock(%s, %s)", [LOCK_SPACE, lock_key(code)]
        ).fetchone()
        assert row == (True,), "the test's own session must not hold the lock"
        yield
    # The server ends the closed session's backend (and frees its lock) a moment later.
    wait_for(lambda: not regency_builder_alive(code), timeout=10, what="the other session's lock")


def _registered() -> Regency:
    """A regency whose creating process died right after its row was committed."""
    return regency_register(request=REQUEST)


def _job(**overrides) -> ProvisioningJob:
    seed_templates_ensure()
    version = template_latest_version(template=Template.objects.get(slug="model-soppeng"))
    return provisioning_start(
        request=REQUEST,
        spec=ProvisioningSpec(
            admin_email="admin@munabarat.test", template_version_id=version.pk, **overrides
        ),
        enqueue=False,
    )


def _assert_active_and_whole(regency: Regency) -> None:
    regency.refresh_from_db()
    assert regency.status == "active"
    assert schema_problems(regency.schema_name) == []
    assert Client(HTTP_HOST=HOST).get("/").status_code == 200


# --- the sweep ---------------------------------------------------------------------------------
def test_the_sweep_leaves_a_regency_alone_while_a_live_process_builds_it(db):
    regency = _registered()

    with another_process_building(CODE), override_settings(REGENCY_STUCK_AFTER_SECONDS=0):
        assert regency_builder_alive(CODE)
        report = regencies_stuck_recover()

    assert (report.resumed, report.failed, report.busy) == ([], [], [CODE])
    regency.refresh_from_db()
    assert regency.status == "provisioning"
    assert not schema_exists(SCHEMA)
    assert not AuditEntry.objects.filter(action="regency.resume").exists()


def test_the_sweep_waits_the_configured_time_before_calling_a_regency_stuck(db, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    regency = _registered()

    with override_settings(REGENCY_STUCK_AFTER_SECONDS=600):
        time_machine.shift(timedelta(minutes=9))
        early = regencies_stuck_recover()
        regency.refresh_from_db()
        assert (early.resumed, regency.status) == ([], "provisioning")

        time_machine.shift(timedelta(minutes=2))
        late = regencies_stuck_recover()

    assert late.resumed == [CODE]
    _assert_active_and_whole(regency)


def test_the_beat_task_resumes_a_stuck_regency_without_a_job(db, settings):
    assert (
        settings.CELERY_BEAT_SCHEDULE["regencies-stuck-recover"]["task"]
        == "regencies.stuck_recover"
    )
    regency = _registered()

    with override_settings(REGENCY_STUCK_AFTER_SECONDS=0):
        result = stuck_recover.apply().get()

    assert result == {"resumed": [CODE], "failed": [], "busy": []}
    _assert_active_and_whole(regency)
    entry = AuditEntry.objects.get(regency=regency, action="regency.resume")
    assert (entry.actor_email, entry.detail) == (
        "",
        {"source": "sweep", "status": "provisioning", "job": None},
    )


def test_the_sweep_finishes_a_job_whose_worker_died_mid_step(db):
    job = _job()
    # The worker died while building the catalogue: the schema step done, the next one running.
    provisioning_run(job_id=job.pk)
    steps = [{"key": s["key"], "status": "pending"} for s in job.steps]
    steps[0]["status"] = "done"
    steps[1]["status"] = "running"
    ProvisioningJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, steps=steps)
    Regency.objects.filter(pk=job.regency_id).update(status="provisioning", activated_at=None)

    with override_settings(REGENCY_STUCK_AFTER_SECONDS=0):
        report = regencies_stuck_recover()

    assert report.resumed == [CODE]
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert [s["status"] for s in job.steps] == ["done"] * 8
    _assert_active_and_whole(Regency.objects.get(pk=job.regency_id))


@override_settings(REGENCY_STUCK_AFTER_SECONDS=0, REGENCY_STUCK_RESUME_ATTEMPTS=2)
def test_the_sweep_marks_failed_a_regency_its_resumes_never_finish(db):
    job = _job()
    application = Application.objects.create(
        applicant=User.objects.create_user(email="p@mb.id", password="x" * 12),
        status=ApplicationStatus.PROVISIONING,
        regency=job.regency,
    )
    ProvisioningJob.objects.filter(pk=job.pk).update(application=application)
    for _attempt in range(2):  # two earlier sweeps resumed it, and their process died too
        AuditEntry.objects.create(
            action="regency.resume", regency=job.regency, detail={"source": "sweep"}
        )

    report = regencies_stuck_recover()

    assert (report.resumed, report.failed) == ([], [CODE])
    regency = Regency.objects.get(pk=job.regency_id)
    assert regency.status == "failed"
    assert "2 kali dilanjutkan otomatis" in regency.status_reason
    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.FAILED, regency.status_reason)
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.FAILED
    assert not schema_exists(SCHEMA)  # given up, not half-built further


def test_an_operator_action_between_sweeps_restarts_the_count(db):
    regency = _registered()
    AuditEntry.objects.create(action="regency.resume", regency=regency, detail={"source": "sweep"})
    AuditEntry.objects.create(
        action="regency.resume", regency=regency, detail={"source": "console"}
    )

    with override_settings(REGENCY_STUCK_AFTER_SECONDS=0, REGENCY_STUCK_RESUME_ATTEMPTS=1):
        report = regencies_stuck_recover()

    assert report.resumed == [CODE]
    _assert_active_and_whole(regency)


# --- the console -------------------------------------------------------------------------------
def _page(client, regency) -> str:
    return client.get(f"/console/regencies/regency/{regency.pk}/change/").text


def test_the_console_resumes_a_failed_regency_that_has_no_job(operator_client):
    with (
        override_settings(TENANT_BASE_SCHEMA="no_such_base_schema"),
        pytest.raises(RegencyBuildError),
    ):
        regency_create(request=REQUEST)
    regency = Regency.objects.get(code=CODE)
    assert "Lanjutkan pembuatan" in _page(operator_client, regency)

    response = operator_client.post(f"/console/regencies/regency/{regency.pk}/resume/")

    assert response.status_code == 302
    _assert_active_and_whole(regency)
    entry = AuditEntry.objects.get(regency=regency, action="regency.resume")
    assert entry.actor_email == "operator@satupintu.test"
    assert entry.detail == {"source": "console", "status": "failed", "job": None}
    assert "Lanjutkan pembuatan" not in _page(operator_client, regency)


def test_the_console_resumes_a_failed_regency_through_its_job_on_a_worker(
    operator_client, django_capture_on_commit_callbacks
):
    job = _job(plan_code="tidak-ada")
    assert provisioning_run(job_id=job.pk) == JobStatus.FAILED  # no such plan
    job.spec["plan_code"] = "standar"
    ProvisioningJob.objects.filter(pk=job.pk).update(spec=job.spec)

    with django_capture_on_commit_callbacks() as sent:
        response = operator_client.post(
            f"/console/regencies/regency/{job.regency_id}/resume/", follow=True
        )
    assert "dilanjutkan di latar belakang" in response.text
    assert Regency.objects.get(pk=job.regency_id).status == "provisioning"  # not failed any more
    assert len(sent) == 1
    sent[0]()  # the task is sent when the request's transaction commits; it runs in-process here

    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.DONE, 2)
    regency = Regency.objects.get(pk=job.regency_id)
    _assert_active_and_whole(regency)
    assert regency.subscription.plan.code == "standar"
    assert AuditEntry.objects.get(regency=regency, action="regency.resume").detail["job"] == job.pk


def test_the_console_refuses_to_resume_or_discard_while_a_live_process_builds(operator_client):
    regency = _registered()

    with another_process_building(CODE):
        page = _page(operator_client, regency)
        resumed = operator_client.post(
            f"/console/regencies/regency/{regency.pk}/resume/", follow=True
        )
        discarded = operator_client.post(
            f"/console/regencies/regency/{regency.pk}/discard/", {"confirm": CODE}, follow=True
        )

    assert "proses yang masih berjalan sedang membuat portal ini" in page
    assert "Lanjutkan pembuatan" not in page
    for response in (resumed, discarded):
        assert "sedang dibuat oleh proses yang masih berjalan" in response.text
    regency.refresh_from_db()
    assert regency.status == "provisioning"
    assert not AuditEntry.objects.filter(action__in=["regency.resume", "regency.discard"]).exists()


def test_the_console_discards_a_failed_wizard_regency_and_the_wizard_offers_its_address_again(
    operator_client,
):
    job = _job(plan_code="tidak-ada")
    user = User.objects.create_user(email="pemohon@mb.id", password="x" * 12)
    application = Application.objects.create(
        applicant=user, step=7, subdomain=SUBDOMAIN, status=ApplicationStatus.PROVISIONING
    )
    Application.objects.filter(pk=application.pk).update(regency=job.regency)
    ProvisioningJob.objects.filter(pk=job.pk).update(application=application)
    assert provisioning_run(job_id=job.pk) == JobStatus.FAILED
    assert schema_exists(SCHEMA)  # the steps before billing built it
    other = Client(HTTP_HOST="localhost")
    other.force_login(User.objects.create_user(email="lain@mb.id", password="x" * 12))
    assert other.get(f"/daftar/cek-subdomain/?s={SUBDOMAIN}").json()["ok"] is False

    refused = operator_client.post(
        f"/console/regencies/regency/{job.regency_id}/discard/", {"confirm": "00.00"}, follow=True
    )
    assert "Ketik kode daerah 74.13" in refused.text
    response = operator_client.post(
        f"/console/regencies/regency/{job.regency_id}/discard/", {"confirm": CODE}, follow=True
    )

    assert "dibuang; kode 74.13 dan alamatnya dapat dipakai lagi" in response.text
    assert not Regency.objects.filter(code=CODE).exists()
    assert not ProvisioningJob.objects.exists()
    assert not Domain.objects.filter(domain=HOST).exists()
    assert not schema_exists(SCHEMA)
    application.refresh_from_db()
    assert (application.status, application.regency_id) == (ApplicationStatus.DRAFT, None)
    assert other.get(f"/daftar/cek-subdomain/?s={SUBDOMAIN}").json() == {
        "ok": True,
        "message": f"Subdomain '{SUBDOMAIN}' tersedia.",
    }
    entry = AuditEntry.objects.get(action="regency.discard")
    assert entry.detail["jobs"] == [job.pk]
    assert entry.detail["domains"] == [HOST]
    assert entry.actor_email == "operator@satupintu.test"


def test_an_active_regency_is_never_discarded(operator_client, alpha):
    response = operator_client.post(
        f"/console/regencies/regency/{alpha.pk}/discard/", {"confirm": alpha.code}, follow=True
    )

    assert "Hanya daerah yang gagal atau terhenti saat dibuat yang dapat dibuang" in response.text
    assert Regency.objects.get(pk=alpha.pk).status == "active"
    assert schema_exists(alpha.schema_name)
    with pytest.raises(RegencyError):
        regency_resume(regency=alpha, actor=None, source="console")


def test_resume_and_discard_need_change_permission(operator_client):
    regency = _registered()
    operator = User.objects.get(email="operator@satupintu.test")
    operator.is_superuser = False
    operator.save()
    operator.user_permissions.add(Permission.objects.get(codename="view_regency"))

    page = operator_client.get(f"/console/regencies/regency/{regency.pk}/change/")
    resumed = operator_client.post(f"/console/regencies/regency/{regency.pk}/resume/")
    discarded = operator_client.post(
        f"/console/regencies/regency/{regency.pk}/discard/", {"confirm": CODE}
    )

    assert page.status_code == 200
    assert "Pembuatan belum selesai" in page.text
    assert "Lanjutkan pembuatan" not in page.text
    assert (resumed.status_code, discarded.status_code) == (403, 403)
    assert Regency.objects.get(pk=regency.pk).status == "provisioning"


# --- a second request for a half-made regency's code or address --------------------------------
def test_a_different_request_for_a_half_made_code_says_what_to_do(db):
    _registered()

    with pytest.raises(CommandError) as excinfo:
        call_command("create_regency", code=CODE, subdomain="munabarat-baru")

    message = str(excinfo.value)
    assert "Kabupaten Muna Barat (74.13) belum selesai dibuat (sedang disiapkan)" in message
    assert "ulangi permintaan yang sama (kode 74.13, subdomain munabarat)" in message
    assert "konsol operator (Daerah › Kabupaten Muna Barat › Buang)" in message
    assert Regency.objects.filter(code=CODE).count() == 1


def test_another_code_asking_for_a_half_made_subdomain_says_what_to_do(db):
    _registered()

    with pytest.raises(CommandError) as excinfo:
        call_command("create_regency", code="73.12", subdomain=SUBDOMAIN)

    message = str(excinfo.value)
    assert "Subdomain 'munabarat' dipakai oleh daerah yang belum selesai dibuat." in message
    assert "Kabupaten Muna Barat (74.13) belum selesai dibuat" in message
    assert not Regency.objects.filter(code="73.12").exists()


def test_the_command_sends_a_wizard_regency_to_the_console(db):
    _job()

    with pytest.raises(CommandError, match="sedang dibuat melalui pendaftaran daerah"):
        call_command("create_regency", code=CODE, subdomain=SUBDOMAIN)

    assert Regency.objects.get(code=CODE).status == "provisioning"
    assert not schema_exists(SCHEMA)


def test_the_same_command_finishes_a_failed_creation(db):
    with (
        override_settings(TENANT_BASE_SCHEMA="no_such_base_schema"),
        pytest.raises(CommandError, match="no_such_base_schema"),
    ):
        call_command("create_regency", code=CODE, subdomain=SUBDOMAIN)
    assert Regency.objects.get(code=CODE).status == "failed"

    call_command("create_regency", code=CODE, subdomain=SUBDOMAIN, brand="MPP Muna Barat")

    regency = Regency.objects.get(code=CODE)
    _assert_active_and_whole(regency)
    assert regency.brand_name == "MPP Muna Barat"  # the second request's brand applies


def test_the_command_refuses_while_another_process_creates_the_same_regency(db):
    with another_process_building(CODE), pytest.raises(CommandError) as excinfo:
        call_command("create_regency", code=CODE, subdomain=SUBDOMAIN)

    assert "sedang dibuat oleh proses lain" in str(excinfo.value)
    assert not Regency.objects.filter(code=CODE).exists()


# --- nothing is activated unless its schema is whole ------------------------------------------
def _drop_table(schema: str, table: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f'DROP TABLE "{schema}"."{table}" CASCADE')


def test_activation_refuses_a_schema_missing_a_table_or_its_site(db):
    regency = _registered()
    with regency_build_lock(CODE):
        from regencies.creation import regency_build

        regency_build(regency=regency)
    with schema_context(SCHEMA):
        from wagtail.models import Site

        Site.objects.all().delete()

    with pytest.raises(RegencyBuildError) as excinfo:
        regency_activate(regency=regency)

    assert "situs Wagtail bawaan" in str(excinfo.value)
    _drop_table(SCHEMA, "wagtailredirects_redirect")
    assert "tabel wagtailredirects_redirect tidak ada" in schema_problems(SCHEMA)
    regency.refresh_from_db()
    assert regency.status == "provisioning"
    assert Client(HTTP_HOST=HOST).get("/").status_code == 503


def test_the_same_command_copies_an_incomplete_schema_again(db):
    regency = _registered()
    with regency_build_lock(CODE):
        from regencies.creation import regency_build

        regency_build(regency=regency)
    _drop_table(SCHEMA, "wagtailredirects_redirect")

    call_command("create_regency", code=CODE, subdomain=SUBDOMAIN)

    _assert_active_and_whole(regency)


def test_a_job_whose_schema_is_incomplete_at_activation_fails_with_the_reason(db):
    job = _job()
    provisioning_run(job_id=job.pk)  # done; now make its regency half-made with a broken schema
    Regency.objects.filter(pk=job.regency_id).update(status="provisioning", activated_at=None)
    steps = [dict(s, status="done") for s in job.steps]
    steps[6]["status"] = steps[7]["status"] = "pending"  # activate, invite
    ProvisioningJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, steps=steps)
    _drop_table(SCHEMA, "wagtailredirects_redirect")

    assert provisioning_run(job_id=job.pk) == JobStatus.FAILED

    regency = Regency.objects.get(pk=job.regency_id)
    assert regency.status == "failed"
    assert "belum lengkap" in regency.status_reason
    assert "wagtailredirects_redirect" in regency.status_reason


# --- the build lock ----------------------------------------------------------------------------
def test_the_build_lock_is_one_holder_at_a_time_and_free_after(db):
    with another_process_building(CODE), regency_build_lock(CODE) as held:
        assert held is False
    with regency_build_lock(CODE) as held:
        assert held is True
        assert regency_builder_alive(CODE) is False  # our own hold is not "another process"
    assert lock_key("64.01") == 6401
    assert lock_key("bukan kode") != lock_key("64.01")


def test_a_build_lock_in_another_database_is_not_a_builder_of_ours(db):
    """Advisory locks belong to one database (a second test run, another deployment on the
    same server): a same-numbered lock there must not make our regency look busy."""
    settings = connection.settings_dict
    with psycopg.connect(
        dbname="postgres",
        user=settings["USER"],
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        password=settings["PASSWORD"] or None,
        autocommit=True,
    ) as elsewhere:
        elsewhere.execute("SELECT pg_advisory_lock(%s, %s)", [LOCK_SPACE, lock_key(CODE)])
        assert regency_builder_alive(CODE) is False
        with regency_build_lock(CODE) as held:
            assert held is True


# --- the demo bootstrap ------------------------------------------------------------------------
def test_the_demo_bootstrap_finishes_a_demo_regency_an_earlier_run_left_half_made(
    db, settings, tmp_path, monkeypatch
):
    from io import StringIO

    import onboarding.provisioning
    from billing.selectors import regency_modules
    from satupintu import demo

    settings.DATA_DIR = tmp_path
    monkeypatch.setattr(
        demo,
        "DEMO_REGENCIES",
        [(RegencyRequest(code="73.12", subdomain="soppeng", brand_name="Mappatabe"), "soppeng")],
    )

    def killed(*, job_id):
        raise KeyboardInterrupt  # the run dies after the regency and its job were committed

    with monkeypatch.context() as patch:
        patch.setattr(onboarding.provisioning, "provisioning_run", killed)
        with pytest.raises(KeyboardInterrupt):
            demo.demo_seed(stdout=StringIO())
    regency = Regency.objects.get(code="73.12")
    assert regency.status == "provisioning"

    out = StringIO()
    demo.demo_seed(stdout=out)

    regency.refresh_from_db()
    assert regency.status == "active"
    assert schema_problems(regency.schema_name) == []
    assert "Portal demo diselesaikan: Kabupaten Soppeng (73.12)" in out.getvalue()
    assert ProvisioningJob.objects.get(regency=regency).status == JobStatus.DONE
    with schema_context(regency.schema_name):
        admin = User.objects.get(email="admin@soppeng.localhost")
        assert admin.check_password(demo.demo_password())
    # The demo shows the whole product: the queue and complaints modules are on.
    modules = regency_modules(schema_name=regency.schema_name)
    assert modules.queue
    assert modules.complaints
