"""`manage.py billing_sync_stripe`: create or update the plans' products and prices in Stripe."""

from django.core.management.base import BaseCommand, CommandError

from billing.actions import BillingError, stripe_catalogue_sync


class Command(BaseCommand):
    help = "Create or update a Stripe product per plan and its yearly and monthly IDR prices."

    def handle(self, *args, **options):
        try:
            report = stripe_catalogue_sync()
        except BillingError as exc:
            raise CommandError(str(exc)) from exc
        for key, outcome in sorted(report.items()):
            self.stdout.write(f"{key}: {outcome}")
