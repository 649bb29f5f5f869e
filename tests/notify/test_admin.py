"""The "Notifikasi WhatsApp & SMS" screen: Admin MPP saves channels (token encrypted, shown as its
last 4 characters only), bad input gets an Indonesian 422, the test message goes through the fake,
other roles and other regencies see nothing."""

from __future__ import annotations

from activity.models import ActivityEntry
from notify.models import ChannelSetting, OutboxMessage
from notify.tasks import outbox_sweep
from satupintu.fanout import fanout_run
from staff.roles import ROLE_COUNTER_OFFICER, ROLE_REGENCY_ADMIN
from tests.conftest import in_schema, staff_client
from tests.notify.conftest import channels_configure
from tests.notify_fakes import TWILIO_SID, TWILIO_TOKEN, WA_PHONE_ID, WA_TOKEN

URL = "/admin/notifikasi/"


def _save_whatsapp(client, **fields):
    data = {"channel": "whatsapp", "whatsapp-account_id": WA_PHONE_ID, "whatsapp-token": WA_TOKEN}
    data["whatsapp-enabled"] = "on"
    data.update(fields)
    return client.post(URL, data)


def test_admin_saves_a_channel_and_never_sees_its_token_again(alpha, providers):
    client = staff_client(alpha, "admin@alpha.test", group=ROLE_REGENCY_ADMIN)

    response = _save_whatsapp(client)

    assert response.status_code == 302
    page = client.get(URL).content.decode()
    assert WA_TOKEN not in page
    assert "Token tersimpan berakhiran …7QZ1." in page
    assert 'value="106540352242922"' in page
    with in_schema(alpha):
        setting = ChannelSetting.objects.get(channel="whatsapp")
        assert (setting.enabled, setting.account_id, setting.token_hint) == (
            True,
            WA_PHONE_ID,
            "7QZ1",
        )
        entry = ActivityEntry.objects.get(verb="notify.settings")
        assert entry.actor_label == "admin@alpha.test"
        assert WA_TOKEN not in str(entry.after)
        assert entry.after["token"] == "diganti (…7QZ1)"

    # Saving again with the token left empty keeps it.
    assert _save_whatsapp(client, **{"whatsapp-token": ""}).status_code == 302
    with in_schema(alpha):
        assert (
            ChannelSetting.objects.get(channel="whatsapp").token_encrypted
            == setting.token_encrypted
        )


def test_bad_settings_are_refused_in_indonesian(alpha, providers):
    client = staff_client(alpha, "admin@alpha.test", group=ROLE_REGENCY_ADMIN)

    no_token = _save_whatsapp(client, **{"whatsapp-token": ""})
    bad_sid = client.post(
        URL,
        {"channel": "sms", "sms-enabled": "on", "sms-account_id": "SID123", "sms-token": "x" * 9},
    )
    unknown = client.post(URL, {"channel": "pigeon"})

    assert no_token.status_code == 422
    assert "Token wajib diisi untuk mengaktifkan saluran." in no_token.content.decode()
    assert bad_sid.status_code == 422
    assert "Account SID diawali AC lalu 32 karakter heksadesimal." in bad_sid.content.decode()
    assert unknown.status_code == 404
    with in_schema(alpha):
        assert ChannelSetting.objects.count() == 0


def test_the_test_message_goes_through_the_chosen_channel(alpha, providers):
    client = staff_client(alpha, "admin@alpha.test", group=ROLE_REGENCY_ADMIN)
    client.post(
        URL,
        {
            "channel": "sms",
            "sms-account_id": TWILIO_SID,
            "sms-token": TWILIO_TOKEN,
            "sms-sender": "MPPALPHA",
        },
    )

    sent = client.post("/admin/notifikasi/uji/sms/", {"test-sms-to": "0812 3456 7890"}, follow=True)
    providers.fail_next("sms", 400)
    refused = client.post(
        "/admin/notifikasi/uji/sms/", {"test-sms-to": "0812 3456 7890"}, follow=True
    )
    bad_number = client.post("/admin/notifikasi/uji/sms/", {"test-sms-to": "12"}, follow=True)

    [accepted] = providers.accepted
    assert accepted["body"]["To"] == "+6281234567890"
    assert accepted["body"]["Body"] == "Pesan uji dari MPP Alpha: pengaturan notifikasi berfungsi."
    assert f"Pesan uji terkirim (ID {accepted['id']})." in sent.content.decode()
    assert "Pengiriman gagal: SMS 400 kode 21211" in refused.content.decode()
    assert "Nomor HP Indonesia diawali 08 (atau +628)." in bad_number.content.decode()
    with in_schema(alpha):
        verbs = list(ActivityEntry.objects.order_by("id").values_list("verb", flat=True))
    assert verbs == ["notify.settings", "notify.test_sent", "notify.test_failed"]


def test_other_roles_and_other_regencies_see_nothing(alpha, beta, providers):
    admin = staff_client(alpha, "admin@alpha.test", group=ROLE_REGENCY_ADMIN)
    _save_whatsapp(admin)
    # Without the queue module an officer's sign-in lands on the portal (accounts.adapter).
    officer = staff_client(alpha, "loket@alpha.test", group=ROLE_COUNTER_OFFICER, lands="/")
    beta_admin = staff_client(beta, "admin@beta.test", group=ROLE_REGENCY_ADMIN)

    page = officer.get(URL)
    test_send = officer.post("/admin/notifikasi/uji/whatsapp/", {"test-whatsapp-to": "0812345678"})

    # Without admin access Wagtail sends the officer to sign in; with it, our view answers 403.
    for response in (page, test_send):
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or response["Location"].startswith("/accounts/login/")
    assert providers.requests == []
    beta_page = beta_admin.get(URL).content.decode()
    assert "7QZ1" not in beta_page
    assert WA_PHONE_ID not in beta_page
    with in_schema(beta):
        assert ChannelSetting.objects.count() == 0


def test_the_sweep_runs_in_every_regency_through_the_fanout(alpha, beta, providers):
    with in_schema(alpha):
        channels_configure()
        due = OutboxMessage.objects.create(
            dedupe_key="complaint_reminder:9",
            channel_hint="whatsapp",
            to="+6281234567890",
            template="complaint_reminder",
            params={"code": "ADU-9", "due": "25/11/2026", "url": "https://alpha.localhost/p/ADU-9"},
        )

    results = fanout_run("notify.outbox_sweep")

    assert (results[alpha.schema_name], results[beta.schema_name]) == (1, 0)
    with in_schema(alpha):
        due.refresh_from_db()
        assert due.status == "sent"
        assert outbox_sweep() == 0
    assert len(providers.accepted) == 1
