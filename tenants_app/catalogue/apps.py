from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    """The regency's service catalogue. Its label stays `tenants_app` (docs/adr/0014): every
    regency schema's tables, migrations, content types and permissions carry that name."""

    name = "catalogue"
    label = "tenants_app"
    verbose_name = "Katalog layanan"

    def ready(self) -> None:
        # In ready(): the selectors import models, which the app registry must have loaded first.
        import catalogue.publishing  # noqa: F401 - connects the publish signal's receiver
        from catalogue.selectors import catalogue_counts
        from satupintu.portal_door import contribute
        from staff.roles import ROLE_REGENCY_ADMIN

        contribute(catalogue_counts=catalogue_counts, regency_admin_role=ROLE_REGENCY_ADMIN)
