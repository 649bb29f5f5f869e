"""`manage.py bootstrap [--demo]`: bring a database to a runnable state, idempotently.

Migrates the public schema (region data loads with it), prepares the base schema new regencies are
cloned from, migrates every regency schema, publishes the curated templates, and with --demo
seeds the three demo regencies and the demo operator once, printing the credentials every time.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from regencies.migrating import regency_schemas_migrate
from regencies.schemas import base_schema_prepare


class Command(BaseCommand):
    help = "Migrate, prepare the base schema, and optionally seed the demo."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo", action="store_true", help="Seed the demo regencies and operator."
        )

    def handle(self, *args, demo: bool = False, verbosity: int = 1, **options):
        call_command(
            "migrate_schemas", shared=True, interactive=False, verbosity=max(verbosity - 1, 0)
        )
        base_schema_prepare(verbosity=max(verbosity - 1, 0))
        # Only the regency schemas that lack a migration are migrated (regencies.migrating).
        run = regency_schemas_migrate(shared=False, verbosity=verbosity - 1, stdout=self.stdout)
        if run.failed:
            raise CommandError("Migrating failed for: " + ", ".join(sorted(run.failed)))
        from onboarding.library import seed_templates_ensure

        seed_templates_ensure()  # the curated templates of the library
        if demo:
            from satupintu.demo import demo_seed

            demo_seed(stdout=self.stdout)
        from satupintu.tasks_runtime import background_tasks_wait

        # Work the demo enqueued in-process (spare schemas refilled after each regency) runs on
        # in threads: finish it before the command exits and `make run` restarts the database.
        background_tasks_wait()
