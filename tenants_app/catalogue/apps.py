from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    """The regency's service catalogue. Its label stays `tenants_app` (docs/adr/0014): every
    regency schema's tables, migrations, content types and permissions carry that name."""

    name = "catalogue"
    label = "tenants_app"
    verbose_name = "Katalog layanan"
