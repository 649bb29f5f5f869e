"""`manage.py create_regency --code 51.03 --subdomain badung [--brand ...] [--domain ...]`.

Running the same command again finishes a creation that a crash or a failure interrupted.
"""

from django.core.management.base import BaseCommand, CommandError

from regencies.actions import RegencyRequest, regency_create
from regencies.provisioning_door import provisioning_jobs
from satupintu.errors import DomainError


class Command(BaseCommand):
    help = (
        "Create a regency's portal by cloning the base schema; prints its address. The same "
        "command again finishes a creation that was interrupted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--code", required=True, help="Kemendagri kab/kota code, e.g. 51.03")
        parser.add_argument("--subdomain", required=True, help="e.g. badung")
        parser.add_argument("--brand", default="", help="The MPP's brand name, e.g. 'MPP TRUST'")
        parser.add_argument(
            "--domain", action="append", default=[], help="A custom domain (repeatable)"
        )
        parser.add_argument(
            "--time-zone", default="", help="Override the province's default time zone"
        )
        parser.add_argument(
            "--template",
            default="",
            help="Adopt a template (slug or seed name, e.g. badung): the wizard's adoption",
        )
        parser.add_argument("--admin-email", default="", help="Invite this first regency admin")
        parser.add_argument(
            "--publish",
            action="store_true",
            help=(
                "Go live at once with what is confirmed (else citizens see a 'being prepared' "
                "page until the admin publishes; docs/adr/0040)"
            ),
        )

    def handle(self, *args, **options):
        request = RegencyRequest(
            code=options["code"],
            subdomain=options["subdomain"],
            brand_name=options["brand"],
            custom_domains=tuple(options["domain"]),
            time_zone=options["time_zone"],
        )
        try:
            if options["template"]:
                create = provisioning_jobs().create_from_template
                if create is None:
                    raise CommandError("Templat memerlukan aplikasi onboarding.")
                regency = create(
                    request=request,
                    template=options["template"],
                    admin_email=options["admin_email"],
                    publish=options["publish"],
                )
            else:
                regency = regency_create(request=request)
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"{regency.name} ({regency.code}) aktif di {regency.portal_url()}")
        )
