"""`manage.py import_regions FILE.csv`: bring the region list up to a Kemendagri decree."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from regions.actions import RegionImportError, parse_region_csv, regions_import


class Command(BaseCommand):
    help = "Import provinces and kab/kota from a Kemendagri CSV (kode,nama[,tingkat,...])."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Tidak dapat membaca {file}: {exc}") from exc
        try:
            report = regions_import(rows=parse_region_csv(text))
        except RegionImportError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Wilayah diperbarui: {report.provinces} provinsi, {report.kabkota} kabupaten/kota "
                f"({len(report.added)} baru, {len(report.renamed)} berganti nama, "
                f"{len(report.retired)} tidak berlaku lagi)."
            )
        )
