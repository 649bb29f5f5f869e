from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    """Complaints (pengaduan): received, forwarded to an agency, answered within working days."""

    name = "complaints"
    label = "complaints"
    verbose_name = _("Pengaduan")
    default_auto_field = "django.db.models.BigAutoField"
