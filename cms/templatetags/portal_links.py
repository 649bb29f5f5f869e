"""Links every portal page carries (issue #11): the FAQ page, wherever the template put it.
Schema: tenant.
"""

from __future__ import annotations

from django import template

from cms.models import FaqPage

register = template.Library()


@register.simple_tag(takes_context=True)
def faq_page_url(context) -> str:
    """The live FAQ page's URL in this portal's site, or "" when there is none."""
    page = FaqPage.objects.live().public().order_by("path").first()
    if page is None:
        return ""
    request = context.get("request")
    return page.get_url(request=request) or ""
