from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Portal warga"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from cms import wagtail_input
        from cms.models import Branding

        wagtail_input.install()

        # Cache invalidation, not domain logic: a saved branding changes every cached page.
        post_save.connect(_branding_saved, sender=Branding, dispatch_uid="cms_branding_cache")


def _branding_saved(sender, **kwargs) -> None:
    from catalogue.actions import portal_cache_bump

    portal_cache_bump()
