"""Links every portal page carries (issue #11): the FAQ page, wherever the template put it.
Schema: tenant.
"""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from cms.models import FaqPage
from satupintu.page_cache import fragment_get, fragment_set, portal_cache_version

register = template.Library()


@register.simple_tag(takes_context=True)
def faq_page_url(context) -> str:
    """The live FAQ page's URL in this portal's site, or "" when there is none; cached under the
    regency's content version (every page's footer asks; issue #15)."""
    request = context.get("request")
    host = request.get_host() if request is not None else ""
    key = f"faq-url:{portal_cache_version()}:{host}:{get_language()}"
    url = fragment_get(key)
    if url is None:
        page = FaqPage.objects.live().public().order_by("path").first()
        url = (page.get_url(request=request) or "") if page is not None else ""
        fragment_set(key, url, 24 * 3600)
    return url
