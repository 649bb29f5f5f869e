"""Wagtail admin wiring of the citizen portal: cached pages follow every page change."""

from wagtail import hooks

from tenants_app.actions import portal_cache_bump


@hooks.register("after_publish_page")
@hooks.register("after_unpublish_page")
@hooks.register("after_delete_page")
@hooks.register("after_move_page")
def _page_changed(request, page, *args, **kwargs):
    portal_cache_bump()
