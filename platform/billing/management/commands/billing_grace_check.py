"""`manage.py billing_grace_check [--as-of 2026-12-31]`: suspend regencies unpaid beyond the grace
period (Celery beat runs it hourly; operators can run it by hand)."""

from datetime import UTC, datetime

from django.core.management.base import BaseCommand, CommandError

from billing.actions import billing_grace_check


class Command(BaseCommand):
    help = "Suspend regencies whose invoices are overdue beyond the grace period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-of", default="", help="Evaluate as of this date (YYYY-MM-DD), for drills."
        )

    def handle(self, *args, as_of: str = "", **options):
        now = None
        if as_of:
            try:
                now = datetime.fromisoformat(as_of).replace(tzinfo=UTC)
            except ValueError as exc:
                raise CommandError(f"--as-of harus berformat YYYY-MM-DD, bukan {as_of!r}") from exc
        suspended = billing_grace_check(now=now)
        self.stdout.write(f"ditangguhkan: {', '.join(suspended) or 'tidak ada'}")
