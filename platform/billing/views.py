"""Billing endpoints of the platform host: Stripe's webhook. Schema: public."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from billing.webhooks import stripe_event_receive


@csrf_exempt  # Stripe signs its requests instead; the signature is verified below
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    result = stripe_event_receive(
        payload=request.body, signature=request.headers.get("Stripe-Signature")
    )
    return JsonResponse({"outcome": result.outcome}, status=result.status)
