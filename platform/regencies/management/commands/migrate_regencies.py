"""`manage.py migrate_regencies [--parallel N]`: the deploy-time migration of every schema.

Migrates the public schema, then only the regency schemas (and the base schema) that lack a
migration, N at a time; prints one summary line and exits non-zero if any schema failed. A rerun
after an interruption finishes what is left (regencies.migrating).
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from regencies.migrating import regency_schemas_migrate


class Command(BaseCommand):
    help = "Migrate the public schema, then the regency schemas that are behind, in parallel."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--parallel",
            type=int,
            default=2,
            help="Regency schemas migrated at the same time, each in its own process (default 2).",
        )

    def handle(self, *args, parallel: int = 2, verbosity: int = 1, **options) -> None:
        if parallel < 1:
            raise CommandError("--parallel must be at least 1.")
        run = regency_schemas_migrate(parallel=parallel, verbosity=verbosity, stdout=self.stdout)
        self.stdout.write(run.summary())
        if run.failed:
            raise CommandError("Migrating failed for: " + ", ".join(sorted(run.failed)))
