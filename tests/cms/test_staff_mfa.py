"""Two-step sign-in for a regency's staff: enrolling an authenticator app and recovery codes from
the admin, signing in with a code, and the regency's setting that requires it of all its staff."""

import re
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from cms.models import StaffSecurity
from tests.clock import PINNED
from tests.conftest import (
    SECRET,
    STAFF_PASSWORD,
    _operator,
    _password_login,
    host_of,
    in_schema,
    rfc6238_code,
    staff_client,
    staff_login,
)

SETTING_URL = "/admin/settings/cms/staffsecurity/"


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(PINNED, tick=False)
    return time_machine


def _enrol(client: Client, frozen) -> str:
    """Sets up TOTP through allauth's pages as a staff member would (confirming the password
    first, as allauth asks before a change of sign-in methods); returns the secret."""
    asked = client.get("/accounts/2fa/totp/activate/")
    assert (
        asked["Location"] == "/accounts/reauthenticate/?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F"
    )
    confirmed = client.post(asked["Location"], {"password": STAFF_PASSWORD})
    assert confirmed["Location"] == "/accounts/2fa/totp/activate/"
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    done = client.post("/accounts/2fa/totp/activate/", {"code": rfc6238_code(secret)})
    assert done.status_code == 302
    assert done["Location"] == "/accounts/2fa/recovery-codes/"
    frozen.shift(timedelta(seconds=31))  # a later sign-in uses the next code, as a person would
    return secret


def _require_mfa(regency, value: bool = True) -> None:
    with in_schema(regency):
        setting = StaffSecurity.load()
        setting.require_mfa = value
        setting.save()


def test_staff_find_the_security_page_in_the_admin(alpha):
    client = staff_client(alpha, "editor@alpha.test", group="Editor Konten")

    page = client.get("/admin/keamanan-akun/")
    account = client.get("/admin/account/")
    menu = client.get("/admin/")

    assert page.status_code == 200
    assert 'href="/accounts/2fa/totp/activate/"' in page.text
    assert 'href="/accounts/password/change/"' in page.text
    assert client.get("/accounts/password/change/").status_code == 200
    assert SETTING_URL not in page.text  # not the editor's to change
    assert 'href="/admin/keamanan-akun/"' in account.text
    assert "/admin/keamanan-akun/" in menu.text


def test_staff_enrol_totp_then_sign_in_with_a_code(alpha, frozen):
    client = staff_client(alpha, "admin@alpha.test", group="Admin MPP")

    secret = _enrol(client, frozen)
    codes_page = client.get("/accounts/2fa/recovery-codes/")

    assert 'href="/admin/keamanan-akun/"' in codes_page.text  # the way back to the admin
    with in_schema(alpha):
        kinds = set(Authenticator.objects.values_list("type", flat=True))
    assert kinds == {"totp", "recovery_codes"}
    assert "Aplikasi autentikator (TOTP) aktif" in client.get("/admin/keamanan-akun/").text

    fresh = Client(HTTP_HOST=host_of(alpha))
    step = fresh.post(
        "/accounts/login/?next=/admin/", {"login": "admin@alpha.test", "password": STAFF_PASSWORD}
    )
    assert step["Location"].startswith("/accounts/2fa/authenticate/")
    assert fresh.get("/admin/").status_code == 302  # the password alone is not enough
    signed_in = staff_login(alpha, "admin@alpha.test", totp_secret=secret)
    assert signed_in.get("/admin/").status_code == 200


def test_a_recovery_code_signs_in_once(alpha, frozen):
    client = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    _enrol(client, frozen)
    codes = re.findall(r"\b[a-z0-9]{8}\b", client.get("/accounts/2fa/recovery-codes/").text)
    with in_schema(alpha):
        stored = Authenticator.objects.get(type="recovery_codes").wrap().get_unused_codes()
    assert len(stored) == 10
    assert set(stored) <= set(codes)  # shown to the staff member

    first = Client(HTTP_HOST=host_of(alpha))
    first.post(
        "/accounts/login/?next=/admin/", {"login": "admin@alpha.test", "password": STAFF_PASSWORD}
    )
    used = first.post("/accounts/2fa/authenticate/", {"code": stored[0]})
    again = Client(HTTP_HOST=host_of(alpha))
    again.post(
        "/accounts/login/?next=/admin/", {"login": "admin@alpha.test", "password": STAFF_PASSWORD}
    )
    reused = again.post("/accounts/2fa/authenticate/", {"code": stored[0]})

    assert used["Location"] == "/admin/"
    assert first.get("/admin/").status_code == 200
    assert reused.status_code == 200
    assert again.get("/admin/").status_code == 302
    assert "Tersisa 9 kode pemulihan" in first.get("/admin/keamanan-akun/").text


def test_a_regency_admin_requires_mfa_and_staff_are_sent_to_enrol_first(alpha, beta, frozen):
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    editor = staff_client(alpha, "editor@alpha.test", group="Editor Konten")
    beta_editor = staff_client(beta, "editor@beta.test", group="Editor Konten")

    form = admin.get(SETTING_URL, follow=True)
    saved = admin.post(form.request["PATH_INFO"], {"require_mfa": "on"})

    assert saved.status_code == 302
    with in_schema(alpha):
        assert StaffSecurity.load().require_mfa is True
    for path in ("/admin/", "/admin/pages/", "/admin/snippets/tenants_app/service/"):
        sent = editor.get(path)
        assert sent.status_code == 302
        assert sent["Location"].startswith("/admin/keamanan-akun/?next=")
    explained = editor.get("/admin/keamanan-akun/?next=/admin/")
    assert explained.status_code == 200
    assert "Admin MPP mewajibkan verifikasi dua langkah" in explained.text
    # The regency's setting is its own: beta's staff are not asked.
    assert beta_editor.get("/admin/").status_code == 200

    _enrol(editor, frozen)  # the enrolment pages are reachable: no loop
    assert editor.get("/admin/").status_code == 200


def test_only_a_regency_admin_may_change_the_requirement(alpha):
    editor = staff_client(alpha, "editor@alpha.test", group="Editor Konten")

    refused = editor.post(SETTING_URL, {"require_mfa": "on"})

    assert refused.status_code in (302, 403)
    with in_schema(alpha):
        assert StaffSecurity.load().require_mfa is False


def test_staff_already_signed_in_are_sent_to_enrol_once_it_is_required(alpha, frozen):
    client = staff_client(alpha, "petugas@alpha.test", group="Editor Konten")
    assert client.get("/admin/").status_code == 200

    _require_mfa(alpha)

    assert client.get("/admin/")["Location"] == "/admin/keamanan-akun/?next=%2Fadmin%2F"
    assert client.get("/accounts/2fa/totp/activate/")["Location"].startswith(
        "/accounts/reauthenticate/"
    )
    assert (
        client.get("/accounts/reauthenticate/?next=/accounts/2fa/totp/activate/").status_code == 200
    )
    assert client.post("/admin/logout/").status_code == 302


def test_an_operators_read_only_support_session_is_not_sent_to_enrol(alpha):
    from catalogue.support import SESSION_KEY

    client = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    _require_mfa(alpha)
    session = client.session
    session[SESSION_KEY] = {
        "grant": 0,
        "operator": "operator@satupintu.test",
        "admin": "admin@alpha.test",
        "expires_at": (PINNED + timedelta(days=3650)).isoformat(),
    }
    session.save()

    assert client.get("/admin/keamanan-akun/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_operators_still_need_totp_for_the_console(db):
    _operator(with_totp=False)
    without = Client(HTTP_HOST="localhost")
    _password_login(without)
    assert without.get("/console/").status_code == 302

    from allauth.mfa.totp.internal.auth import TOTP

    from accounts.models import User

    TOTP.activate(User.objects.get(email="operator@satupintu.test"), SECRET)
    with_code = Client(HTTP_HOST="localhost")
    first = _password_login(with_code)
    assert with_code.get("/console/").status_code == 302  # password only: not yet
    with_code.post(first["Location"], {"code": rfc6238_code(SECRET)})
    assert with_code.get("/console/").status_code == 200


def test_production_settings_keep_operator_totp_required():
    from tests.platform.test_deployment import PRODUCTION_ENV, production_run

    result = production_run(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.OPERATOR_MFA_REQUIRED)",
        env={**PRODUCTION_ENV, "OPERATOR_MFA_REQUIRED": "false"},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True"
