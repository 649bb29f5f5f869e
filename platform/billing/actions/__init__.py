"""Plans, subscriptions and their states: creating them in Stripe, mirroring what Stripe holds,
and the grace period after which a regency in arrears is suspended. Schema: public.

A package split by domain (issue #10): `plans` (the plan catalogue and its Stripe sync),
`states` (mirroring Stripe's status, the grace period), `subscriptions` (starting one, trials,
checkout, the customer portal, invoices). Every name stays importable from here.
"""

from billing.actions.common import (
    BillingError,
)
from billing.actions.plans import (
    DEFAULT_PLANS,
    lookup_key,
    plans_ensure,
    stripe_catalogue_sync,
)
from billing.actions.states import (
    billing_grace_check,
    derive_state,
    grace_days_left,
    subscription_apply_stripe_status,
)
from billing.actions.subscriptions import (
    checkout_session_create,
    checkout_session_status,
    invoices_list,
    portal_session_url,
    subscription_start_for_regency,
    trial_extend,
)

__all__ = [
    "DEFAULT_PLANS",
    "BillingError",
    "billing_grace_check",
    "checkout_session_create",
    "checkout_session_status",
    "derive_state",
    "grace_days_left",
    "invoices_list",
    "lookup_key",
    "plans_ensure",
    "portal_session_url",
    "stripe_catalogue_sync",
    "subscription_apply_stripe_status",
    "subscription_start_for_regency",
    "trial_extend",
]
