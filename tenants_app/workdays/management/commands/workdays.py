"""`manage.py workdays --regency badung --from 2026-03-16T10:00+07:00 --add 3`: the due date
a working-day deadline gives, by the rule of docs/adr/0023 (operators answer "why is this
overdue?" with it). Schema: public -> tenant.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.core.management.base import BaseCommand, CommandError
from django_tenants.utils import tenant_context

from regencies.selectors import regency_list
from workdays.selectors import OFFICE_CLOSES_AT, receipt_day, regency_timezone
from workdays.selectors import deadline_after_receipt as _deadline


def _regency(key: str):
    key = key.strip().lower()
    for regency in regency_list():
        domains = [d.domain.split(".")[0] for d in regency.domains.all()]
        if key in (regency.schema_name.lower(), regency.code, *domains) or (
            key in regency.name.lower()
        ):
            return regency
    raise CommandError(f"Kabupaten/kota tidak ditemukan: {key}")


def deadline_for_tenant(
    regency, *, received_at: datetime, n: int, closes_at: time, with_cuti_bersama: bool | None
) -> tuple[datetime, date, date]:
    """(local receipt time, day 0, due date) in `regency`'s calendar."""
    with tenant_context(regency):
        local = received_at.astimezone(regency_timezone())
        start = receipt_day(
            received_at=received_at, closes_at=closes_at, with_cuti_bersama=with_cuti_bersama
        )
        due = _deadline(
            received_at=received_at,
            n=n,
            closes_at=closes_at,
            with_cuti_bersama=with_cuti_bersama,
        )
    return local, start, due


class Command(BaseCommand):
    help = "Tanggal jatuh tempo: hari kerja ke-N sesudah penerimaan, menurut kalender daerah."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--regency", required=True, help="skema, kode, subdomain atau nama")
        parser.add_argument("--from", dest="start", required=True, help="ISO 8601 dengan zona")
        parser.add_argument("--add", type=int, required=True, help="jumlah hari kerja")
        parser.add_argument(
            "--closes-at", default=OFFICE_CLOSES_AT.strftime("%H:%M"), help="jam tutup (HH:MM)"
        )
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--cuti-bersama-working",
            action="store_true",
            help="hitung cuti bersama sebagai hari kerja",
        )
        group.add_argument(
            "--cuti-bersama-closed", action="store_true", help="cuti bersama sebagai hari libur"
        )

    def handle(self, *args, **options) -> None:
        try:
            received_at = datetime.fromisoformat(options["start"])
            closes_at = time.fromisoformat(options["closes_at"])
        except ValueError as exc:
            raise CommandError(f"Format waktu tidak valid: {exc}") from exc
        if received_at.tzinfo is None:
            raise CommandError("Sebutkan zona waktu, misalnya 2026-03-16T10:00+07:00.")
        if not 0 <= options["add"] <= 1000:
            raise CommandError("--add harus antara 0 dan 1000.")
        with_cuti_bersama = None
        if options["cuti_bersama_working"]:
            with_cuti_bersama = False
        elif options["cuti_bersama_closed"]:
            with_cuti_bersama = True
        regency = _regency(options["regency"])
        local, start, due = deadline_for_tenant(
            regency,
            received_at=received_at,
            n=options["add"],
            closes_at=closes_at,
            with_cuti_bersama=with_cuti_bersama,
        )
        self.stdout.write(f"diterima: {local.isoformat()} ({local.tzname()})")
        self.stdout.write(f"hari ke-0: {start.isoformat()}")
        self.stdout.write(f"jatuh tempo (+{options['add']} HK): {due.isoformat()}")
        self.stdout.write(due.isoformat())
