"""`{% portal_fragment "name" vary… [if condition] [rows loader] %}…{% endportal_fragment %}`: a
part of a citizen page kept rendered under the regency's content version, host and language (and
any `vary` values). With `if`, only when the condition holds (rendered as usual otherwise); with
`rows`, the part's context is loaded by calling `loader()` only when it must be rendered.

Only for parts that are the same for every visitor of the host: no form token, nothing about the
signed-in user, no "open now" or "current page" mark, except in a hole:
`{% portal_hole "name" mapping key %}…{% endportal_hole %}` inside a kept part is kept as a
marker and rendered on every request with `hole` = `mapping[key]` (a location's "open now" in a
kept list of counters, say). Keys are integers (row ids), so a marker is never a visitor's text.

The key carries the schema (the cache's key function) and the content version, which every
publish or catalogue change bumps, so a fragment is never stale and never another regency's
(issue #15, docs/adr/0044, 0047). Schema: tenant.
"""

from __future__ import annotations

import re

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from satupintu.page_cache import fragment_get, fragment_set, portal_cache_version

register = template.Library()

FRAGMENT_SECONDS = 24 * 3600  # superseded versions expire; a change is a new key
_IN_FRAGMENT = "_portal_fragment_rendering"
_HOLE = re.compile(r"<!--portal-hole:([a-z-]+):(\d+)-->")


class PortalHoleNode(template.Node):
    def __init__(self, name: str, mapping, key, nodelist) -> None:
        self.name = name
        self.mapping = mapping
        self.key = key
        self.nodelist = nodelist

    def fill(self, context, key: int) -> str:
        mapping = self.mapping.resolve(context) or {}
        with context.push(hole=mapping.get(key)):
            return self.nodelist.render(context)

    def render(self, context) -> str:
        key = int(self.key.resolve(context))
        if context.get(_IN_FRAGMENT):
            return f"<!--portal-hole:{self.name}:{key}-->"
        return self.fill(context, key)


class PortalFragmentNode(template.Node):
    def __init__(self, name: str, vary: list, nodelist, condition=None, rows=None) -> None:
        self.name = name
        self.vary = vary
        self.nodelist = nodelist
        self.condition = condition
        self.rows = rows
        self.holes = {hole.name: hole for hole in nodelist.get_nodes_by_type(PortalHoleNode)}

    def _render_fresh(self, context) -> str:
        # The template engine calls a callable variable: `rows` resolves to the loader's dict.
        rows = self.rows.resolve(context) if self.rows is not None else None
        with context.push(**(rows if isinstance(rows, dict) else {}), **{_IN_FRAGMENT: True}):
            return self.nodelist.render(context)

    def _fill_holes(self, context, html: str) -> str:
        if not self.holes or context.get(_IN_FRAGMENT):
            return html  # within an enclosing kept part: its holes are filled by that part
        return _HOLE.sub(
            lambda m: self.holes[m[1]].fill(context, int(m[2])) if m[1] in self.holes else m[0],
            html,
        )

    def render(self, context) -> str:
        request = context.get("request")
        # A preview renders a draft with the citizen's template: it must neither read the live
        # part nor leave the draft where citizens would get it (same key as the live page).
        if getattr(request, "is_preview", False) or (
            self.condition is not None and not self.condition.resolve(context)
        ):
            return mark_safe(self._fill_holes(context, self._render_fresh(context)))  # noqa: S308
        host = request.get_host() if request is not None else ""
        vary = ":".join(str(v.resolve(context)) for v in self.vary)
        key = f"tpl:{portal_cache_version()}:{host}:{get_language()}:{self.name}:{vary}"
        html = fragment_get(key)
        if html is None:
            html = self._render_fresh(context)
            fragment_set(key, str(html), FRAGMENT_SECONDS)
        # Rendered by our own template and escaped there; holes likewise, on every request.
        return mark_safe(self._fill_holes(context, html))  # noqa: S308


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


@register.tag("portal_hole")
def portal_hole(parser, token) -> PortalHoleNode:
    bits = token.split_contents()
    if len(bits) != 4:
        raise template.TemplateSyntaxError('portal_hole needs "name" mapping key')
    name = bits[1].strip("\"'")
    if not re.fullmatch(r"[a-z-]+", name):
        raise template.TemplateSyntaxError("a portal_hole's name is lower-case letters and -")
    nodelist = parser.parse(("endportal_hole",))
    parser.delete_first_token()
    mapping, key = (parser.compile_filter(bit) for bit in bits[2:])
    return PortalHoleNode(name, mapping, key, nodelist)
