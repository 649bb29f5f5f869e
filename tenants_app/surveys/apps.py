from django.apps import AppConfig


class SurveysConfig(AppConfig):
    """The satisfaction survey (SKM, PermenPANRB 14/2017), its index, publication and the
    regency's performance dashboard and evidence report."""

    name = "surveys"
    label = "surveys"
    verbose_name = "Survei Kepuasan Masyarakat"
    default_auto_field = "django.db.models.BigAutoField"
