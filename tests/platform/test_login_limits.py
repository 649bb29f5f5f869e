"""One sign-in page per host, and its limits: failed passwords and codes lock the account and the
address for a few minutes, longer each time, never for long; every other way of checking a
password or a code is limited the same way (accounts.login_limits)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client, override_settings

from tests.clock import PINNED
from tests.conftest import (
    SECRET,
    STAFF_PASSWORD,
    _operator,
    host_of,
    in_schema,
    rfc6238_code,
    staff_login,
    staff_user,
)

ATTACKER = "203.0.113.66"
OWNER = "198.51.100.7"
WRONG = "bukan-kata-sandinya"
LOCKED_1_MIN = (
    "Terlalu banyak percobaan masuk yang gagal. Demi keamanan, coba lagi dalam 1 menit "
    "(pukul 09.01 WIB)."
)


@pytest.fixture
def frozen(time_machine):
    """The clock stands at PINNED (Monday 09.00 WIB) until a test moves it."""
    time_machine.move_to(PINNED, tick=False)
    return time_machine


def _client(regency, ip: str = ATTACKER) -> Client:
    return Client(HTTP_HOST=host_of(regency), REMOTE_ADDR=ip)


def _sign_in(client: Client, email: str, password: str, prefix: str = ""):
    return client.post(
        f"{prefix}/accounts/login/?next=/admin/", {"login": email, "password": password}
    )


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_admin_login_leads_to_the_one_sign_in_page_and_checks_nothing_itself(alpha):
    staff_user(alpha, "admin@alpha.test", superuser=True)
    client = _client(alpha)

    shown = client.get("/admin/login/?next=/admin/pages/")
    posted = client.post("/admin/login/", {"username": "admin@alpha.test", "password": "x"})
    elsewhere = client.get("/admin/login/?next=https://jahat.example/")
    protected = client.get("/admin/pages/")

    assert shown.status_code == 302
    assert shown["Location"] == "/accounts/login/?next=%2Fadmin%2Fpages%2F"
    assert posted.status_code == 302
    assert posted["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    assert elsewhere["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    assert protected["Location"] == "/accounts/login/?next=/admin/pages/"
    assert not _signed_in(client)
    # Wagtail's own password reset is not a second way in.
    assert client.get("/admin/password_reset/").status_code == 404
    # Staff signing in without a destination land in the admin.
    landed = client.post(
        "/accounts/login/", {"login": "admin@alpha.test", "password": STAFF_PASSWORD}
    )
    assert landed["Location"] == "/admin/"


def test_the_sixth_attempt_is_refused_saying_when_to_retry_and_the_lock_expires(alpha, frozen):
    staff_user(alpha, "admin@alpha.test", superuser=True)
    client = _client(alpha)

    for _ in range(5):
        failed = _sign_in(client, "admin@alpha.test", WRONG)
        assert failed.status_code == 200
        assert "Terlalu banyak" not in failed.text
    refused = _sign_in(client, "admin@alpha.test", STAFF_PASSWORD)  # even the right password

    assert refused.status_code == 200
    assert LOCKED_1_MIN in refused.text
    assert not _signed_in(client)

    frozen.shift(timedelta(seconds=59))
    assert LOCKED_1_MIN in _sign_in(client, "admin@alpha.test", STAFF_PASSWORD).text
    frozen.shift(timedelta(seconds=2))
    response = _sign_in(client, "admin@alpha.test", STAFF_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert _signed_in(client)


def test_lockouts_grow_each_time_and_the_owner_signing_in_resets_them(alpha, frozen):
    staff_user(alpha, "admin@alpha.test", superuser=True)
    client = _client(alpha)

    for minutes in (1, 2, 5):
        for _ in range(5):
            _sign_in(client, "admin@alpha.test", WRONG)
        refused = _sign_in(client, "admin@alpha.test", WRONG)
        assert f"coba lagi dalam {minutes} menit" in refused.text
        frozen.shift(timedelta(minutes=minutes, seconds=1))
    owner = _client(alpha, OWNER)
    assert _sign_in(owner, "admin@alpha.test", STAFF_PASSWORD).status_code == 302

    again = _client(alpha, OWNER)
    for _ in range(5):
        _sign_in(again, "admin@alpha.test", WRONG)
    assert "coba lagi dalam 1 menit" in _sign_in(again, "admin@alpha.test", WRONG).text


def test_the_message_is_english_under_en_and_in_the_regencys_own_time_zone(beta, frozen):
    staff_user(beta, "admin@beta.test", superuser=True)
    client = _client(beta)

    for _ in range(5):
        _sign_in(client, "admin@beta.test", WRONG, prefix="/en")
    refused = _sign_in(client, "admin@beta.test", WRONG, prefix="/en")
    indonesian = _sign_in(client, "admin@beta.test", WRONG)

    # Beta (64.01, Kalimantan Timur) keeps WITA: 09.00 WIB is 10.00 WITA.
    assert (
        "Too many failed sign-in attempts. For your security, try again in 1 minute "
        "(at 10.01 WITA)." in refused.text
    )
    assert "coba lagi dalam 1 menit (pukul 10.01 WITA)." in indonesian.text


def test_an_attacker_locks_their_own_address_not_the_owner_out_for_long(alpha, frozen):
    staff_user(alpha, "admin@alpha.test", superuser=True)
    staff_user(alpha, "editor@alpha.test")
    attacker = _client(alpha, ATTACKER)

    answers = [_sign_in(attacker, "admin@alpha.test", WRONG) for _ in range(30)]

    assert [a.status_code for a in answers] == [200] * 30
    assert all("Terlalu banyak" not in a.text for a in answers[:5])
    assert all("Terlalu banyak" in a.text for a in answers[5:])
    # The 20th failed or refused attempt from one address locks the address for 5 minutes.
    assert "coba lagi dalam 1 menit" in answers[19].text
    assert "coba lagi dalam 5 menit (pukul 09.05 WIB)" in answers[20].text

    # The owner, elsewhere, waits out the account's one-minute lock, then signs in.
    owner = _client(alpha, OWNER)
    assert LOCKED_1_MIN in _sign_in(owner, "admin@alpha.test", STAFF_PASSWORD).text
    frozen.shift(timedelta(seconds=61))
    assert _sign_in(owner, "admin@alpha.test", STAFF_PASSWORD)["Location"] == "/admin/"

    # The attacker's address is still locked, for this account, any other, and the right password.
    for email, password in (("admin@alpha.test", STAFF_PASSWORD), ("editor@alpha.test", WRONG)):
        refused = _sign_in(attacker, email, password)
        assert "coba lagi dalam 4 menit (pukul 09.05 WIB)" in refused.text
    assert not _signed_in(attacker)
    frozen.shift(timedelta(minutes=4))
    assert _sign_in(attacker, "editor@alpha.test", STAFF_PASSWORD).status_code == 302


def test_failures_at_one_regency_never_lock_the_same_email_at_another(alpha, beta, frozen):
    staff_user(alpha, "kepala@mpp.test", superuser=True)
    staff_user(beta, "kepala@mpp.test", superuser=True)
    _operator(with_totp=True)
    at_alpha = _client(alpha, ATTACKER)

    for _ in range(25):
        _sign_in(at_alpha, "kepala@mpp.test", WRONG)
    assert "Terlalu banyak" in _sign_in(at_alpha, "kepala@mpp.test", STAFF_PASSWORD).text

    at_beta = _client(beta, ATTACKER)  # the same address, the same e-mail, another regency
    assert _sign_in(at_beta, "kepala@mpp.test", STAFF_PASSWORD)["Location"] == "/admin/"
    platform = Client(HTTP_HOST="localhost", REMOTE_ADDR=ATTACKER)
    first = platform.post(
        "/accounts/login/", {"login": "operator@satupintu.test", "password": "operator-kuat-2026"}
    )
    assert first.status_code == 302  # on to the TOTP step


def test_reauthentication_counts_against_the_same_account(alpha, frozen):
    staff_user(alpha, "admin@alpha.test", superuser=True)
    client = staff_login(alpha, "admin@alpha.test", ip=ATTACKER)

    for _ in range(5):
        failed = client.post("/accounts/reauthenticate/", {"password": WRONG})
        assert "Terlalu banyak" not in failed.text
    refused = client.post("/accounts/reauthenticate/", {"password": STAFF_PASSWORD})

    assert refused.status_code == 200
    assert LOCKED_1_MIN in refused.text
    # The same lock guards the sign-in page.
    assert LOCKED_1_MIN in _sign_in(_client(alpha, OWNER), "admin@alpha.test", STAFF_PASSWORD).text


def test_totp_codes_are_limited_like_passwords(alpha, frozen):
    from allauth.mfa.totp.internal.auth import TOTP

    user = staff_user(alpha, "admin@alpha.test", superuser=True)
    with in_schema(alpha):
        TOTP.activate(user, SECRET)
    client = _client(alpha)
    step = _sign_in(client, "admin@alpha.test", STAFF_PASSWORD)
    assert step["Location"].startswith("/accounts/2fa/authenticate/")
    wrong = "000000" if rfc6238_code(SECRET) != "000000" else "111111"

    for _ in range(5):
        failed = client.post("/accounts/2fa/authenticate/", {"code": wrong})
        assert failed.status_code == 200
        assert "Terlalu banyak" not in failed.text
    refused = client.post("/accounts/2fa/authenticate/", {"code": rfc6238_code(SECRET)})

    assert LOCKED_1_MIN in refused.text
    assert not _signed_in(client)
    frozen.shift(timedelta(seconds=61))
    # A fresh start from another address: the code's lock has passed.
    owner = _client(alpha, OWNER)
    _sign_in(owner, "admin@alpha.test", STAFF_PASSWORD)
    done = owner.post("/accounts/2fa/authenticate/", {"code": rfc6238_code(SECRET)})
    assert done["Location"] == "/admin/"
    assert _signed_in(owner)


def test_the_consoles_django_login_is_no_side_door(db):
    _operator(with_totp=True)
    client = Client(HTTP_HOST="localhost")

    response = client.post(
        "/console/login/",
        {"username": "operator@satupintu.test", "password": "operator-kuat-2026"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/console/"
    assert not _signed_in(client)


def test_password_reset_requests_are_limited_with_a_clear_page(alpha):
    staff_user(alpha, "admin@alpha.test", superuser=True)
    client = _client(alpha)

    answers = [
        client.post("/accounts/password/reset/", {"email": "admin@alpha.test"}) for _ in range(6)
    ]

    assert [a.status_code for a in answers] == [302] * 5 + [429]
    assert len(mail.outbox) == 5
    assert answers[5]["Retry-After"] == "60"
    assert "Tunggu satu menit, lalu coba lagi." in answers[5].text


def test_a_flood_of_sign_ins_from_one_address_gets_the_page_in_english_under_en(alpha):
    client = _client(alpha)

    answers = [_sign_in(client, f"orang{i}@alpha.test", WRONG, prefix="/en") for i in range(31)]

    assert answers[29].status_code == 200
    assert answers[30].status_code == 429
    assert "Wait a minute, then try again." in answers[30].text


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_the_ingress_each_client_address_is_counted_apart(alpha, frozen):
    staff_user(alpha, "admin@alpha.test", superuser=True)
    attacker = Client(HTTP_HOST=host_of(alpha), HTTP_X_FORWARDED_FOR=ATTACKER)
    owner = Client(HTTP_HOST=host_of(alpha), HTTP_X_FORWARDED_FOR=OWNER)

    for i in range(20):
        _sign_in(attacker, f"orang{i}@alpha.test", WRONG)

    assert "coba lagi dalam 5 menit" in _sign_in(attacker, "admin@alpha.test", WRONG).text
    assert _sign_in(owner, "admin@alpha.test", STAFF_PASSWORD)["Location"] == "/admin/"


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=2)
def test_a_forged_short_forwarded_for_is_no_server_error(alpha):
    client = Client(HTTP_HOST=host_of(alpha), HTTP_X_FORWARDED_FOR="1.2.3.4")

    assert _sign_in(client, "admin@alpha.test", WRONG).status_code == 200
