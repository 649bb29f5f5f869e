"""`manage.py skm_import --regency badung FILE.csv`: paper SKM forms, every row checked, all or
nothing in one transaction; errors are listed by row, in Indonesian."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django_tenants.utils import schema_context

from regencies.selectors import regency_find
from surveys.actions import SurveyError, responses_import
from surveys.csv_import import ImportInvalid, sheets_parse
from workdays.selectors import local_today


def import_for_tenant(regency, *, text: str, filename: str) -> int:
    with schema_context(regency.schema_name):
        sheets = sheets_parse(text=text, today=local_today())
        return responses_import(actor=None, sheets=sheets, filename=filename)


class Command(BaseCommand):
    help = "Impor formulir SKM kertas dari CSV (semua baris atau tidak sama sekali)."

    def add_arguments(self, parser):
        parser.add_argument("--regency", required=True)
        parser.add_argument("file")

    def handle(self, *args, **options):
        regency = regency_find(ident=options["regency"])
        if regency is None:
            raise CommandError(f"Daerah tidak dikenal: {options['regency']!r}.")
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Berkas tidak dapat dibaca sebagai UTF-8: {path}") from exc
        try:
            count = import_for_tenant(regency, text=text, filename=path.name)
        except ImportInvalid as exc:
            for line in exc.errors:
                self.stderr.write(line)
            raise CommandError(
                f"Impor dibatalkan: {len(exc.errors)} kesalahan, tidak ada baris yang disimpan."
            ) from exc
        except SurveyError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{count} jawaban SKM diimpor ke {regency.name}.")
