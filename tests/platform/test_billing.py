"""Billing with the real `stripe` library against a local server that speaks Stripe's protocol:
catalogue sync, subscriptions, signed webhooks (bad, replayed, reordered, unknown), the state
machine trial -> past due -> suspended -> active, the grace-period job, limits and downgrade."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from audit.models import AuditEntry
from billing.actions import (
    billing_grace_check,
    stripe_catalogue_sync,
    subscription_start_for_regency,
    trial_extend,
)
from billing.models import BillingState, Plan, StripeEvent, Subscription
from catalogue.models import Location
from tests.conftest import host_of, in_schema, staff_client
from tests.stripe_fake import event, sign

WEBHOOK = "/billing/stripe/webhook/"


@pytest.fixture
def subscribed(fake_stripe, alpha):
    """Alpha on the Dasar plan, in its Stripe trial."""
    return subscription_start_for_regency(
        alpha, plan=Plan.objects.get(code="dasar"), email="admin@alpha.test"
    )


def post_event(payload: dict, *, signature: str | None = "sign", client: Client | None = None):
    body = json.dumps(payload).encode()
    headers = {}
    if signature == "sign":
        headers["HTTP_STRIPE_SIGNATURE"] = sign(body)
    elif signature is not None:
        headers["HTTP_STRIPE_SIGNATURE"] = signature
    return (client or Client(HTTP_HOST="localhost")).post(
        WEBHOOK, body, content_type="application/json", **headers
    )


def test_catalogue_sync_creates_products_and_idr_prices_once(fake_stripe):
    prices = fake_stripe.objects["prices"]
    assert len(fake_stripe.objects["products"]) == 3
    assert len(prices) == 6
    dasar = Plan.objects.get(code="dasar")
    yearly = prices[dasar.stripe_price_yearly_id]
    assert (yearly["currency"], yearly["unit_amount"], yearly["recurring"]["interval"]) == (
        "idr",
        18_000_000_00,
        "year",
    )

    stripe_catalogue_sync()
    assert len(prices) == 6  # nothing new when nothing changed

    Plan.objects.filter(code="dasar").update(price_yearly_idr=20_000_000)
    stripe_catalogue_sync()
    dasar.refresh_from_db()
    assert len(prices) == 7
    assert prices[dasar.stripe_price_yearly_id]["unit_amount"] == 20_000_000_00
    assert prices[yearly["id"]]["active"] is False  # the old price is archived, never deleted


def test_a_trial_subscription_is_created_in_stripe(subscribed, fake_stripe):
    remote = fake_stripe.objects["subscriptions"][subscribed.stripe_subscription_id]

    assert subscribed.state == BillingState.TRIALING
    assert remote["status"] == "trialing"
    assert remote["collection_method"] == "send_invoice"
    assert remote["days_until_due"] == 30
    assert fake_stripe.objects["customers"][subscribed.stripe_customer_id]["metadata"] == {
        "regency_code": "16.08"
    }


@pytest.mark.parametrize(
    ("signature", "body", "reason"),
    [
        (None, None, "bad signature"),
        ("t=1,v1=deadbeef", None, "bad signature"),
        ("sign-with-another-secret", None, "bad signature"),
        ("sign", b"{not json", "malformed payload"),
    ],
)
def test_unsigned_badly_signed_or_malformed_webhooks_are_refused_and_change_nothing(
    subscribed, signature, body, reason
):
    payload = event(
        "invoice.payment_failed", {"id": "in_x", "customer": subscribed.stripe_customer_id}
    )
    raw = body if body is not None else json.dumps(payload).encode()
    headers = {}
    if signature == "sign":
        headers["HTTP_STRIPE_SIGNATURE"] = sign(raw)
    elif signature == "sign-with-another-secret":
        headers["HTTP_STRIPE_SIGNATURE"] = sign(raw, secret="whsec_someone_else")
    elif signature is not None:
        headers["HTTP_STRIPE_SIGNATURE"] = signature

    response = Client(HTTP_HOST="localhost").post(
        WEBHOOK, raw, content_type="application/json", **headers
    )

    assert response.status_code == 400
    assert response.json()["outcome"] == reason
    assert not StripeEvent.objects.exists()
    assert Subscription.objects.get(pk=subscribed.pk).state == BillingState.TRIALING


def test_unknown_event_types_and_customers_are_acknowledged_and_change_nothing(subscribed):
    unknown_type = post_event(
        event("charge.refunded", {"id": "ch_1", "customer": subscribed.stripe_customer_id})
    )
    unknown_customer = post_event(
        event("invoice.payment_failed", {"id": "in_1", "customer": "cus_nobody"})
    )

    assert (unknown_type.status_code, unknown_type.json()["outcome"]) == (
        200,
        "ignored: not an event SatuPintu uses",
    )
    assert (unknown_customer.status_code, unknown_customer.json()["outcome"]) == (
        200,
        "ignored: unknown customer",
    )
    assert StripeEvent.objects.count() == 2
    assert Subscription.objects.get(pk=subscribed.pk).state == BillingState.TRIALING


def test_the_webhook_only_exists_on_the_platform_host(subscribed, alpha):
    payload = event(
        "invoice.payment_failed", {"id": "in_1", "customer": subscribed.stripe_customer_id}
    )

    response = post_event(payload, client=Client(HTTP_HOST=host_of(alpha)))

    assert response.status_code == 404
    assert Subscription.objects.get(pk=subscribed.pk).state == BillingState.TRIALING


def test_trial_to_past_due_to_suspended_to_active_again(subscribed, fake_stripe, alpha):
    sub_id = subscribed.stripe_subscription_id
    invoice = fake_stripe.add_invoice(sub_id, status="open")
    portal = Client(HTTP_HOST=host_of(alpha))

    post_event(event("invoice.finalized", invoice))
    failed = post_event(event("invoice.payment_failed", invoice))
    assert failed.json()["outcome"] == "invoice: subscription past_due"
    past_due = Subscription.objects.get(pk=subscribed.pk)
    assert past_due.state == BillingState.PAST_DUE
    assert portal.get("/").status_code == 200  # still serving during the grace period

    assert billing_grace_check(now=timezone.now() + timedelta(days=13)) == []
    assert billing_grace_check(now=past_due.past_due_since + timedelta(days=14, minutes=1)) == [
        "16.08"
    ]
    suspended = Subscription.objects.get(pk=subscribed.pk)
    assert suspended.state == BillingState.SUSPENDED
    page = portal.get("/")
    assert page.status_code == 503
    assert "administrasi langganan" in page.text
    assert portal.get("/accounts/login/").status_code == 200  # staff can still sign in to pay
    with in_schema(alpha):
        assert Location.objects.count() == 2  # no data lost

    paid_invoice = {**invoice, "status": "paid", "amount_paid": invoice["amount_due"]}
    paid = post_event(event("invoice.paid", paid_invoice))
    assert paid.json()["outcome"] == "invoice: subscription active"
    assert Subscription.objects.get(pk=subscribed.pk).state == BillingState.ACTIVE
    assert portal.get("/").status_code == 200
    states = list(
        AuditEntry.objects.filter(regency=alpha, action="billing.state")
        .order_by("id")
        .values_list("detail__to", flat=True)
    )
    assert states == ["past_due", "suspended", "active"]


def test_the_zero_invoice_that_opens_a_trial_keeps_it_a_trial(subscribed, fake_stripe):
    invoice = fake_stripe.add_invoice(subscribed.stripe_subscription_id, status="paid")
    zero = {**invoice, "amount_due": 0, "amount_paid": 0, "billing_reason": "subscription_create"}

    response = post_event(event("invoice.paid", zero))

    assert response.json()["outcome"] == "noted: the trial's zero invoice; still trialing"
    assert Subscription.objects.get(pk=subscribed.pk).state == BillingState.TRIALING


def test_news_of_another_subscription_of_the_same_customer_changes_nothing(subscribed, fake_stripe):
    other = {
        **fake_stripe.set_subscription_status(subscribed.stripe_subscription_id, "canceled"),
        "id": "sub_lain_milik_pelanggan_sama",
    }

    response = post_event(event("customer.subscription.deleted", other))

    assert response.json()["outcome"] == "ignored: unknown customer"
    assert Subscription.objects.get(pk=subscribed.pk).state == BillingState.TRIALING


def test_a_replayed_event_changes_nothing(subscribed, fake_stripe):
    invoice = fake_stripe.add_invoice(subscribed.stripe_subscription_id, status="open")
    failed = event("invoice.payment_failed", invoice)
    post_event(failed)
    paid = event("invoice.paid", invoice)
    post_event(paid)

    replay = post_event(failed)

    assert (replay.status_code, replay.json()["outcome"]) == (200, "replay: already applied")
    assert Subscription.objects.get(pk=subscribed.pk).state == BillingState.ACTIVE
    assert StripeEvent.objects.count() == 2


def test_events_arriving_out_of_order_end_in_the_state_stripe_holds(subscribed, fake_stripe):
    sub_id = subscribed.stripe_subscription_id
    now = int(timezone.now().timestamp())
    past_due = {**fake_stripe.set_subscription_status(sub_id, "past_due")}
    active = {**fake_stripe.set_subscription_status(sub_id, "active")}  # Stripe's final state

    newer = post_event(event("customer.subscription.updated", active, created=now + 20))
    older = post_event(event("customer.subscription.updated", past_due, created=now + 10))

    assert newer.json()["outcome"] == "subscription active"
    assert older.json()["outcome"] == "skipped: older than the state already applied"
    assert Subscription.objects.get(pk=subscribed.pk).state == BillingState.ACTIVE


def test_a_deleted_subscription_suspends_the_portal_and_keeps_the_data(
    subscribed, fake_stripe, alpha
):
    remote = fake_stripe.set_subscription_status(subscribed.stripe_subscription_id, "canceled")

    post_event(event("customer.subscription.deleted", remote))

    assert Subscription.objects.get(pk=subscribed.pk).state == BillingState.CANCELED
    assert Client(HTTP_HOST=host_of(alpha)).get("/").status_code == 503
    with in_schema(alpha):
        assert Location.objects.count() == 2


def test_operators_extend_a_trial_in_stripe(subscribed, fake_stripe):
    before = subscribed.trial_ends_at

    extended = trial_extend(subscription=subscribed, days=14, actor=None)

    assert extended.trial_ends_at - before >= timedelta(days=14) - timedelta(seconds=5)
    remote = fake_stripe.objects["subscriptions"][subscribed.stripe_subscription_id]
    assert remote["trial_end"] == int(extended.trial_ends_at.timestamp())


def _location_form(key):
    return {
        "name": f"Gerai {key}",
        "key": key,
        "kind": "village",
        "address": "",
        "latitude": "",
        "longitude": "",
        "phone": "",
        "description": "",
        "sort_order": "0",
        "is_active": "on",
    }


def test_adding_beyond_the_plan_limit_is_refused_naming_the_plan_that_allows_it(subscribed, alpha):
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    assert (
        admin.post(
            "/admin/snippets/tenants_app/location/add/", _location_form("gerai-3")
        ).status_code
        == 302
    )

    refused = admin.post("/admin/snippets/tenants_app/location/add/", _location_form("gerai-4"))

    assert refused.status_code == 200
    assert "Paket Dasar mengizinkan 3 lokasi" in refused.text
    assert "Paket Standar mengizinkannya" in refused.text
    with in_schema(alpha):
        assert Location.objects.count() == 3


def test_downgrading_keeps_every_row_and_only_blocks_additions(subscribed, alpha):
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    Subscription.objects.filter(pk=subscribed.pk).update(plan=Plan.objects.get(code="lengkap"))
    for key in ("gerai-3", "gerai-4", "gerai-5"):
        assert (
            admin.post("/admin/snippets/tenants_app/location/add/", _location_form(key)).status_code
            == 302
        )
    Subscription.objects.filter(pk=subscribed.pk).update(plan=Plan.objects.get(code="dasar"))

    refused = admin.post("/admin/snippets/tenants_app/location/add/", _location_form("gerai-6"))
    billing_page = admin.get("/admin/paket/")

    assert "Paket Dasar mengizinkan 3 lokasi dan portal ini sudah memiliki 5" in refused.text
    with in_schema(alpha):
        assert Location.objects.filter(is_active=True).count() == 5
    assert billing_page.status_code == 200
    assert "penuh" in billing_page.text


def test_the_regency_admin_sees_a_past_due_banner_and_reaches_stripes_portal(
    subscribed, fake_stripe, alpha
):
    invoice = fake_stripe.add_invoice(subscribed.stripe_subscription_id, status="open")
    post_event(event("invoice.payment_failed", invoice))
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")

    dashboard = admin.get("/admin/")
    portal = admin.post("/admin/paket/kelola/")
    billing_page = admin.get("/admin/paket/")

    assert "belum dibayar" in dashboard.text
    assert "dalam 14 hari" in dashboard.text or "dalam 13 hari" in dashboard.text
    assert portal.status_code == 302
    assert portal["Location"].startswith(f"{fake_stripe.url}/portal/")
    assert invoice["id"] in billing_page.text


def test_the_grace_check_command_can_run_as_of_a_date(subscribed, fake_stripe, capsys):
    invoice = fake_stripe.add_invoice(subscribed.stripe_subscription_id, status="open")
    post_event(event("invoice.payment_failed", invoice))
    as_of = (timezone.now() + timedelta(days=15)).date().isoformat()

    call_command("billing_grace_check", as_of=as_of)

    assert "16.08" in capsys.readouterr().out
    assert Subscription.objects.get(pk=subscribed.pk).state == BillingState.SUSPENDED


def test_billing_sync_without_stripe_configured_says_so(db):
    from django.core.management import CommandError

    with override_settings(STRIPE_API_KEY=""), pytest.raises(CommandError, match="STRIPE_API_KEY"):
        call_command("billing_sync_stripe")


def test_a_stripe_api_error_is_reported_not_hidden(fake_stripe, alpha):
    from stripe import InvalidRequestError

    Plan.objects.filter(code="dasar").update(stripe_price_yearly_id="price_does_not_exist")

    with pytest.raises(InvalidRequestError, match="No such price"):
        subscription_start_for_regency(alpha, plan=Plan.objects.get(code="dasar"), email="a@b.id")

    assert not Subscription.objects.filter(regency=alpha).exists()


def test_when_stripe_cannot_be_reached_billing_pages_say_so_instead_of_failing(
    subscribed, fake_stripe, alpha, operator_client
):
    fake_stripe.stop()
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    console = f"/console/regencies/regency/{alpha.pk}/"

    billing_page = admin.get("/admin/paket/")
    portal = admin.post("/admin/paket/kelola/", follow=True)
    regency_page = operator_client.get(f"{console}change/")
    trial = operator_client.post(f"{console}trial/", {"days": "7"}, follow=True)

    assert billing_page.status_code == 200
    assert "Daftar tagihan dari Stripe belum dapat dimuat" in billing_page.text
    assert portal.status_code == 200
    assert "Stripe belum dapat dihubungi" in portal.text
    assert regency_page.status_code == 200
    assert "Stripe belum dapat dihubungi" in regency_page.text
    assert trial.status_code == 200
    assert "Stripe belum dapat dihubungi" in trial.text
    assert Subscription.objects.get(pk=subscribed.pk).trial_ends_at == subscribed.trial_ends_at
    assert not AuditEntry.objects.filter(regency=alpha, action="billing.trial_extend").exists()
