"""`{% portal_fragment "name" vary… [if condition] [rows loader] %}…{% endportal_fragment %}`: a
part of a citizen page kept rendered under the regency's content version, host and language (and
any `vary` values). With `if`, only when the condition holds (rendered as usual otherwise); with
`rows`, the part's context is loaded by calling `loader()` only when it must be rendered.

Only for parts that are the same for every visitor of the host: no form token, nothing about the
signed-in user, no "open now" or "current page" mark. The key carries the schema (the cache's key
function) and the content version, which every publish or catalogue change bumps, so a fragment
is never stale and never another regency's (issue #15, docs/adr/0044). Schema: tenant.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from satupintu.page_cache import fragment_get, fragment_set, portal_cache_version

register = template.Library()

FRAGMENT_SECONDS = 24 * 3600  # superseded versions expire; a change is a new key


class PortalFragmentNode(template.Node):
    def __init__(self, name: str, vary: list, nodelist, condition=None, rows=None) -> None:
        self.name = name
        self.vary = vary
        self.nodelist = nodelist
        self.condition = condition
        self.rows = rows

    def _render_fresh(self, context) -> str:
        # The template engine calls a callable variable: `rows` resolves to the loader's dict.
        rows = self.rows.resolve(context) if self.rows is not None else None
        with context.push(**(rows if isinstance(rows, dict) else {})):
            return self.nodelist.render(context)

    def render(self, context) -> str:
        request = context.get("request")
        # A preview renders a draft with the citizen's template: it must neither read the live
        # part nor leave the draft where citizens would get it (same key as the live page).
        if getattr(request, "is_preview", False) or (
            self.condition is not None and not self.condition.resolve(context)
        ):
            return self._render_fresh(context)
        host = request.get_host() if request is not None else ""
        vary = ":".join(str(v.resolve(context)) for v in self.vary)
        key = f"tpl:{portal_cache_version()}:{host}:{get_language()}:{self.name}:{vary}"
        html = fragment_get(key)
        if html is None:
            html = self._render_fresh(context)
            fragment_set(key, str(html), FRAGMENT_SECONDS)
        return mark_safe(html)  # noqa: S308 (rendered by our own template, escaped there)


@register.tag("portal_fragment")
def portal_fragment(parser, token) -> PortalFragmentNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("portal_fragment needs a name")
    name = bits[1].strip("\"'")
    vary, options, current = [], {}, None
    for bit in bits[2:]:
        if bit in ("if", "rows"):
            current = bit
        elif current is None:
            vary.append(parser.compile_filter(bit))
        else:
            options[current] = parser.compile_filter(bit)
            current = None
    nodelist = parser.parse(("endportal_fragment",))
    parser.delete_first_token()
    return PortalFragmentNode(name, vary, nodelist, options.get("if"), options.get("rows"))
