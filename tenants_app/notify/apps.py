from django.apps import AppConfig


class NotifyConfig(AppConfig):
    """Messages to citizens (WhatsApp first, SMS as the fallback) through a per-regency outbox."""

    name = "notify"
    label = "notify"
    verbose_name = "Notifikasi"
    default_auto_field = "django.db.models.BigAutoField"
