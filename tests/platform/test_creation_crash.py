"""A real `manage.py create_regency` killed with SIGKILL at known points of a creation, then
recovered three ways: the same command again, the stuck-regency sweep, and the console's discard.
After each, the schema, the rows and the domains are whole, or entirely gone."""

import os
import signal
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone
from django_tenants.utils import schema_context, schema_exists

from audit.models import AuditEntry
from onboarding.wizard import subdomain_unavailable_reason
from regencies.actions import RegencyRequest, regency_validate
from regencies.building import regency_builder_alive
from regencies.models import Domain, Regency
from regencies.recovery import regencies_stuck_recover
from regencies.schemas import schema_drop, schema_problems
from tests.processes import ROOT, django_env, stop, wait_for

CODE, SUBDOMAIN, HOST, SCHEMA = "74.13", "munabarat", "munabarat.localhost", "r_74_13"

# Where the process is killed: the row just committed (no schema yet); inside the clone's
# transaction (every table copied, nothing committed); the clone committed, not yet activated.
POINTS = ["registered", "cloning", "cloned"]


def _kill_create_regency_at(point: str, log_path) -> None:
    """Start `manage.py create_regency`, wait until it says it reached `point`, SIGKILL it, and
    wait until PostgreSQL has noticed (its build lock is gone with its connection)."""
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "create_regency",
                "--code",
                CODE,
                "--subdomain",
                SUBDOMAIN,
            ],
            cwd=ROOT,
            env=django_env(
                SATUPINTU_DATABASE_NAME=connection.settings_dict["NAME"],
                REGENCY_CREATE_PAUSE_AT=point,
                REGENCY_CREATE_PAUSE_SECONDS="120",
            ),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(
                lambda: f"paused at {point}" in log_path.read_text() or process.poll() is not None,
                timeout=90,
                what=f"create_regency to reach {point}",
            )
            assert process.poll() is None, log_path.read_text()
            assert regency_builder_alive(CODE)  # the live process holds the build lock
            os.kill(process.pid, signal.SIGKILL)
            assert process.wait(timeout=30) == -signal.SIGKILL
        finally:
            stop(process)
    wait_for(lambda: not regency_builder_alive(CODE), timeout=30, what="the dead builder's lock")


def _assert_half_made(point: str) -> Regency:
    regency = Regency.objects.get(code=CODE)
    assert regency.status == "provisioning"
    assert list(Domain.objects.filter(tenant=regency).values_list("domain", flat=True)) == [HOST]
    if point == "cloned":
        assert schema_problems(SCHEMA) == []  # the copy committed whole
    else:
        assert not schema_exists(SCHEMA)  # never committed, or rolled back with the connection
    assert Client(HTTP_HOST=HOST).get("/").status_code == 503  # not ready, never half-served
    return regency


def _assert_whole(regency: Regency) -> None:
    regency.refresh_from_db()
    assert regency.status == "active"
    assert regency.activated_at is not None
    assert schema_problems(SCHEMA) == []
    assert list(regency.domains.values_list("domain", "is_primary")) == [(HOST, True)]
    assert Regency.objects.filter(code=CODE).count() == 1
    with schema_context(SCHEMA):
        from wagtail.models import Site

        site = Site.objects.get(is_default_site=True)
        assert (site.hostname, site.root_page.title) == (HOST, "MPP Kabupaten Muna Barat")
    assert Client(HTTP_HOST=HOST).get("/").status_code == 200


def _cleanup() -> None:
    schema_drop(SCHEMA)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("point", POINTS)
def test_the_same_command_again_finishes_a_killed_creation(point, tmp_path, capsys):
    try:
        _kill_create_regency_at(point, tmp_path / "create.log")
        regency = _assert_half_made(point)

        call_command("create_regency", code=CODE, subdomain=SUBDOMAIN)

        _assert_whole(regency)
        assert f"aktif di http://{HOST}" in capsys.readouterr().out
        resumed = AuditEntry.objects.get(regency=regency, action="regency.resume")
        assert resumed.detail == {"source": "create", "status": "provisioning"}
    finally:
        _cleanup()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("point", POINTS)
def test_the_stuck_regency_sweep_finishes_a_killed_creation(point, tmp_path):
    try:
        _kill_create_regency_at(point, tmp_path / "create.log")
        regency = _assert_half_made(point)

        with override_settings(REGENCY_STUCK_AFTER_SECONDS=0):
            # A moment later: the killed process stamped its progress with its own clock.
            report = regencies_stuck_recover(now=timezone.now() + timedelta(seconds=10))

        assert (report.resumed, report.failed, report.busy) == ([CODE], [], [])
        _assert_whole(regency)
        resumed = AuditEntry.objects.get(regency=regency, action="regency.resume")
        assert (resumed.actor_id, resumed.detail["source"]) == (None, "sweep")
    finally:
        _cleanup()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("point", POINTS)
def test_the_console_discards_a_killed_creation_and_frees_its_code_and_subdomain(
    point, tmp_path, operator_client
):
    try:
        _kill_create_regency_at(point, tmp_path / "create.log")
        regency = _assert_half_made(point)
        page = operator_client.get(f"/console/regencies/regency/{regency.pk}/change/")
        assert "pembuatannya terhenti" in page.text  # nobody holds its build lock

        response = operator_client.post(
            f"/console/regencies/regency/{regency.pk}/discard/", {"confirm": CODE}
        )

        assert response.status_code == 302
        assert not Regency.objects.filter(code=CODE).exists()
        assert not Domain.objects.filter(domain=HOST).exists()
        assert not schema_exists(SCHEMA)
        entry = AuditEntry.objects.get(action="regency.discard")
        assert (entry.regency_id, entry.regency_code) == (None, CODE)
        assert entry.actor_email == "operator@satupintu.test"
        # The code and the subdomain are free for the wizard and the command alike.
        assert subdomain_unavailable_reason(subdomain=SUBDOMAIN) == ""
        assert regency_validate(request=RegencyRequest(code=CODE, subdomain=SUBDOMAIN))
    finally:
        _cleanup()
