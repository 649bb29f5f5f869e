from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    """A regency's working calendar: national holidays, cuti bersama, its own closures."""

    name = "workdays"
    label = "workdays"
    verbose_name = _("Hari kerja")
    default_auto_field = "django.db.models.BigAutoField"
