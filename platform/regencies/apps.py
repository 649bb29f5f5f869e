from django.apps import AppConfig


class RegenciesConfig(AppConfig):
    name = "regencies"
    verbose_name = "Daerah (tenant)"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from regencies.models import Domain

        # Any change of a host (however it is made) forgets its cached lookup and the set of
        # known hosts that answers unknown ones (regencies.selectors).
        post_save.connect(_domain_changed, sender=Domain, dispatch_uid="regencies_domain_saved")
        post_delete.connect(_domain_changed, sender=Domain, dispatch_uid="regencies_domain_gone")


def _domain_changed(sender, instance, **kwargs) -> None:
    from regencies.selectors import regency_host_cache_clear

    regency_host_cache_clear(instance.domain)
