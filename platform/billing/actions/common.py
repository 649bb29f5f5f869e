"""What every billing action shares: the billing error and the guard around Stripe calls.
Schema: public.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import stripe
from django.utils.translation import gettext as _

from satupintu.errors import DomainError

logger = logging.getLogger("billing.actions")  # the name it had before the split


class BillingError(DomainError):
    code = "billing_invalid"


@contextmanager
def _stripe_call() -> Iterator[None]:
    """Stripe unreachable or refusing a request: a BillingError a page can show, never a 500.

    For the calls an operator or admin makes from a page; provisioning and the catalogue sync let
    Stripe's own error through, to be retried.
    """
    try:
        yield
    except stripe.StripeError as exc:
        logger.warning("stripe request failed: %s", exc)
        raise BillingError(
            _("Stripe belum dapat dihubungi atau menolak permintaan; coba lagi nanti.")
        ) from exc
