"""`manage.py kiosk_pair --regency badung --location <key> [--kind kiosk|display] [--name ...]`:
create a device at a location and print its one-time pairing code (scripted installs)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django_tenants.utils import schema_context

from catalogue.models import Location
from queueing.devices import device_create
from queueing.models import DeviceKind
from regencies.selectors import regency_list


def _regency(name: str):
    """A regency named by its subdomain, schema name or Kemendagri code."""
    for regency in regency_list():
        labels = {d.domain.split(".")[0] for d in regency.domains.all()}
        if name in labels or name in (regency.schema_name, regency.code):
            return regency
    raise CommandError(f"Kabupaten/kota tidak dikenal: {name}")


def device_pair_code_for_tenant(regency, *, location: str, kind: str, name: str) -> str:
    with schema_context(regency.schema_name):
        place = Location.objects.filter(key=location).first()
        if place is None:
            raise CommandError(f"Lokasi tidak dikenal: {location}")
        return device_create(location=place, kind=kind, name=name)[1]


class Command(BaseCommand):
    help = "Pasangkan kios atau layar antrean: mencetak kode pemasangan sekali pakai."

    def add_arguments(self, parser):
        parser.add_argument("--regency", required=True, help="subdomain, skema, atau kode")
        parser.add_argument("--location", required=True, help="kunci lokasi katalog")
        parser.add_argument("--kind", default="kiosk", choices=DeviceKind.values)
        parser.add_argument("--name", default="", help="nama perangkat")

    def handle(self, *args, regency, location, kind, name, **options):
        code = device_pair_code_for_tenant(
            _regency(regency), location=location, kind=kind, name=name or f"{kind} {location}"
        )
        self.stdout.write(code)
