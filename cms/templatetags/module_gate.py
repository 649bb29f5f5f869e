"""Content that points citizens to a module shows only when the regency has the module (issue
#11): a template's FAQ or page that says "menu Ambil Antrean" or "menu Pengaduan" must not
promise a feature the regency's plan does not include. Schema: tenant.

`{{ page.body|richtext|module_gated }}` drops the paragraphs and list items that mention an
absent module; `{% for faq in page.faqs.all|module_gated_faqs %}` drops such questions.
"""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils.safestring import mark_safe

from billing.selectors import regency_modules
from satupintu.db import connection

register = template.Library()

MODULE_TERMS = {
    "queue": re.compile(
        r"menu\s+Ambil\s+Antrean|Ambil\s+Antrean|antrean\s+(?:daring|online)", re.IGNORECASE
    ),
    "complaints": re.compile(
        r"menu\s+Pengaduan|pengaduan\s+(?:daring|online)|lacak\s+pengaduan", re.IGNORECASE
    ),
}
_BLOCK = re.compile(r"<(p|li)\b[^>]*>.*?</\1>", re.IGNORECASE | re.DOTALL)


def absent_module_patterns() -> list[re.Pattern[str]]:
    modules = regency_modules(schema_name=connection.schema_name)
    return [pattern for name, pattern in MODULE_TERMS.items() if not getattr(modules, name)]


def text_without_absent_modules(html: str, patterns: list[re.Pattern[str]]) -> str:
    if not patterns:
        return html
    return _BLOCK.sub(
        lambda m: "" if any(p.search(m.group(0)) for p in patterns) else m.group(0), html
    )


@register.filter
def module_gated(html: Any) -> str:
    return mark_safe(text_without_absent_modules(str(html), absent_module_patterns()))  # noqa: S308  (the input is already-rendered rich text; only whole elements are removed)


@register.filter
def module_gated_faqs(faqs) -> list:
    patterns = absent_module_patterns()
    return [
        faq for faq in faqs if not any(p.search(f"{faq.question} {faq.answer}") for p in patterns)
    ]
