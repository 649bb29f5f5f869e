"""Paying by card at the wizard's plan step (Stripe Checkout), and abandoning it halfway."""

import pytest

from billing.models import BillingState, Subscription
from onboarding.library import seed_templates_ensure
from onboarding.models import Application, ProvisioningJob
from tests.onboarding.test_wizard import applicant, step, to_plan_step

CARD = {"plan": "standar", "billing_interval": "year", "billing_collection": "card"}


@pytest.fixture(autouse=True)
def seed_templates(db):
    """The seed templates the wizard offers (before `fake_stripe`: autouse fixtures run first)."""
    seed_templates_ensure()


def test_a_card_payment_goes_through_stripe_checkout_and_becomes_the_subscription(
    fake_stripe, django_capture_on_commit_callbacks
):
    client = applicant()
    to_plan_step(client)

    to_stripe = step(client, 6, CARD)

    assert to_stripe.status_code == 302
    assert to_stripe["Location"].startswith(f"{fake_stripe.url}/checkout/cs_")
    application = Application.objects.get()
    assert application.step == 6  # not past the plan until Stripe says it is paid
    assert step(client, 7).status_code == 302
    session_id = to_stripe["Location"].rsplit("/", 1)[1]
    session = fake_stripe.objects["checkout_sessions"][session_id]
    assert session["client_reference_id"] == f"application:{application.pk}"
    assert session["success_url"].endswith(
        "/daftar/pembayaran/selesai/?session_id={CHECKOUT_SESSION_ID}"
    )

    paid = fake_stripe.complete_checkout(session_id)
    back = client.get(f"/daftar/pembayaran/selesai/?session_id={session_id}")

    assert back["Location"] == "/daftar/langkah/7/"
    application.refresh_from_db()
    assert application.stripe_subscription_id == paid["subscription"]
    with django_capture_on_commit_callbacks(execute=True):
        step(client, 7, {"agree": "on"})
    subscription = Subscription.objects.get()
    assert subscription.stripe_subscription_id == paid["subscription"]
    assert subscription.collection == "card"
    assert subscription.state == BillingState.ACTIVE
    assert len(fake_stripe.objects["subscriptions"]) == 1  # no second subscription was created
    # Stripe's success page reloaded (or reached from history) after submitting.
    again = client.get(f"/daftar/pembayaran/selesai/?session_id={session_id}")
    assert again.status_code == 302
    assert again["Location"] == "/daftar/"
    assert ProvisioningJob.objects.count() == 1


def test_an_abandoned_checkout_leaves_the_application_where_it_was(fake_stripe):
    client = applicant()
    to_plan_step(client)
    to_stripe = step(client, 6, CARD)
    session_id = to_stripe["Location"].rsplit("/", 1)[1]

    cancelled = client.get("/daftar/pembayaran/batal/", follow=True)
    forged = client.get(f"/daftar/pembayaran/selesai/?session_id={session_id}", follow=True)

    assert "Pembayaran kartu dibatalkan" in cancelled.text
    assert "Pembayaran belum kami terima" in forged.text
    application = Application.objects.get()
    assert (application.step, application.plan, application.billing_collection) == (
        6,
        "standar",
        "card",
    )
    assert application.checkout_completed_at is None
    assert 'value="card" checked' in cancelled.text or "checked" in cancelled.text
    assert step(client, 7, {"agree": "on"}).status_code == 302
    assert not ProvisioningJob.objects.exists()


def test_a_trial_is_subscribed_in_stripe_during_provisioning(
    fake_stripe, django_capture_on_commit_callbacks
):
    client = applicant()
    to_plan_step(client)
    step(client, 6, {"plan": "dasar", "billing_interval": "month", "billing_collection": "trial"})

    with django_capture_on_commit_callbacks(execute=True):
        step(client, 7, {"agree": "on"})

    subscription = Subscription.objects.get()
    assert (subscription.plan.code, subscription.interval, subscription.state) == (
        "dasar",
        "month",
        "trialing",
    )
    remote = fake_stripe.objects["subscriptions"][subscription.stripe_subscription_id]
    assert remote["status"] == "trialing"
    assert remote["items"]["data"][0]["price"]["recurring"]["interval"] == "month"
