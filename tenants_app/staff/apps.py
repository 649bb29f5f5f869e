from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """A regency's staff roles: one registry that every tenant app contributes its grants to."""

    name = "staff"
    label = "staff"
    verbose_name = _("Peran staf")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from staff.signals import roles_sync_after_migrate

        # Sent once per app after every `migrate`; the handler acts for this app's signal only
        # and only in a regency's schema (the roles live there), after all apps' permissions.
        post_migrate.connect(roles_sync_after_migrate, sender=self, dispatch_uid="staff.roles_sync")
