from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Portal warga"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save, pre_save
        from wagtail.contrib.redirects.models import Redirect
        from wagtail.models import PageViewRestriction, Site, UploadedFile
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from cms import wagtail_input
        from cms.models import Branding

        wagtail_input.install()

        from cms.image_upload import pending_upload_shrink

        pre_save.connect(pending_upload_shrink, sender=UploadedFile, dispatch_uid="cms_upload")

        # In ready(): cms.actions imports models, which the app registry must have loaded first.
        from catalogue.portable.portal_parts import portal_parts_provide
        from cms import golive, selectors
        from cms.actions import (
            portal_identity_set,
            portal_site_hostname_set,
            portal_skeleton_ensure,
        )
        from cms.portable import portal_content_export, portal_content_import
        from satupintu.portal_door import contribute

        portal_parts_provide(export=portal_content_export, import_=portal_content_import)

        from catalogue.previews import preview_renderers_provide
        from cms.previews import agency_preview, service_preview

        preview_renderers_provide(agency=agency_preview, service=service_preview)

        contribute(
            portal_skeleton_ensure=portal_skeleton_ensure,
            portal_identity_set=portal_identity_set,
            portal_site_hostname_set=portal_site_hostname_set,
            # Looked up on each call, so a test may replace them on cms.selectors.
            visit_context=lambda **kwargs: selectors.visit_context(**kwargs),
            error_page_context=lambda **kwargs: selectors.error_page_context(**kwargs),
            golive_progress=golive.golive_progress,
        )

        # Cache invalidation, not domain logic: a saved branding changes every cached page.
        post_save.connect(_content_changed, sender=Branding, dispatch_uid="cms_branding_cache")
        # Remembered routes (cms.routing) carry the Site and know the page has no restriction;
        # remembered 404s know no redirect starts at their path.
        for model in (Site, PageViewRestriction, Redirect):
            for signal in (post_save, post_delete):
                signal.connect(_content_changed, sender=model, dispatch_uid=f"cms_route_{model}")
        # A page published, unpublished, moved or deleted outside the admin (its hooks bump too).
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(_content_changed, dispatch_uid=f"cms_page_{id(signal)}")
        post_delete.connect(_page_deleted, dispatch_uid="cms_page_deleted")
        # Remembered routes keep the page itself: any save but a draft's bookkeeping (the live
        # fields of a page saved in code, a title set by portal_identity_set) is a change.
        post_save.connect(_page_saved, dispatch_uid="cms_page_saved")


def _page_deleted(sender, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(kwargs.get("instance"), Page):
        _content_changed(sender, **kwargs)


# What saving a draft, a comment or a lock writes on the page row: never shown to citizens.
DRAFT_BOOKKEEPING = frozenset(
    {
        "wagtail_admin_comments",
        "latest_revision_created_at",
        "draft_title",
        "latest_revision",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def _page_saved(sender, **kwargs) -> None:
    from wagtail.models import Page

    fields = kwargs.get("update_fields")
    if isinstance(kwargs.get("instance"), Page) and not (fields and fields <= DRAFT_BOOKKEEPING):
        _content_changed(sender, **kwargs)


def _content_changed(sender, **kwargs) -> None:
    """Branding, a Site, a view restriction or a page changed: every cached page may have."""
    # Not at module level: apps.py is imported before the app registry is ready (satupintu.db).
    from satupintu.page_cache import portal_cache_bump

    portal_cache_bump()
