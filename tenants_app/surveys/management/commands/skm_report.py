"""`manage.py skm_report --regency badung --from 2026-01-01 --to 2026-06-30 [--json]`: the SKM index
of a regency for a period, through the selector the portal uses."""

from __future__ import annotations

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django_tenants.utils import schema_context

from regencies.selectors import regency_find
from surveys.periods import PeriodInvalid, period_custom
from surveys.selectors import ScopeUnknown, scope_resolve, skm_index


def report_for_tenant(regency, *, start: date, end: date, keys: dict[str, str]) -> dict:
    with schema_context(regency.schema_name):
        try:
            scope = scope_resolve(**keys)
        except ScopeUnknown as exc:
            raise CommandError(str(exc)) from exc
        result = skm_index(
            start=start,
            end=end,
            agency_ids=scope.agency_ids,
            service_id=scope.service_id,
            location_id=scope.location_id,
        )
    return {
        "regency": regency.name,
        "scope": scope.label or "semua",
        "from": start.isoformat(),
        "to": end.isoformat(),
        **result.as_dict(),
    }


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Tanggal tidak valid: {value!r} (pakai TTTT-BB-HH).") from exc


class Command(BaseCommand):
    help = "Indeks Kepuasan Masyarakat satu daerah untuk satu periode."

    def add_arguments(self, parser):
        parser.add_argument("--regency", required=True)
        parser.add_argument("--from", dest="start", required=True)
        parser.add_argument("--to", dest="end", required=True)
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--agency", default="", help="kunci instansi")
        parser.add_argument("--service", default="", help="kunci layanan")
        parser.add_argument("--location", default="", help="kunci lokasi")

    def handle(self, *args, **options):
        regency = regency_find(ident=options["regency"])
        if regency is None:
            raise CommandError(f"Daerah tidak dikenal: {options['regency']!r}.")
        start, end = _date(options["start"]), _date(options["end"])
        try:
            period_custom(start=start, end=end)
        except PeriodInvalid as exc:
            raise CommandError(str(exc)) from exc
        keys = {k: options[k] for k in ("agency", "service", "location")}
        report = report_for_tenant(regency, start=start, end=end, keys=keys)
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{report['regency']}: {report['from']} s.d. {report['to']}")
        self.stdout.write(f"Responden: {report['respondents']} (bobot {report['weight']})")
        for code, nrr in report["nrr"].items():
            self.stdout.write(f"  {code}: NRR {nrr}")
        self.stdout.write(
            f"IKM {report['ikm']}; IKM x 25 = {report['ikm_x25']}; "
            f"mutu {report['mutu']} ({report['kinerja']})"
        )
