"""Content that points citizens to a module shows only when the regency has the module (issue
#11): a template's FAQ or page that says "menu Ambil Antrean" or "menu Pengaduan" must not
promise a feature the regency's plan does not include. Schema: tenant.

`{{ page.body|richtext|module_gated }}` drops the paragraphs and list items that mention an
absent module; `{% for faq in page.faqs.all|module_gated_faqs %}` drops such questions. In a
service standard's plain text (`{{ standard.complaint_handling|module_gated }}`: Kota Bandung's
template offers "... WhatsApp pengaduan MPP, atau menu Pengaduan di portal ini." on 99 services)
only the clause naming the module goes, so the rest of the sentence still says where to go.
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
        # "menu pengaduan aplikasi PLN Mobile" is PLN's own app, not a promise of this portal's.
        r"menu\s+Pengaduan(?!\s+(?:di\s+)?aplikasi)|pengaduan\s+(?:daring|online)|lacak\s+pengaduan",
        re.IGNORECASE,
    ),
}
_BLOCK = re.compile(r"<(p|li)\b[^>]*>.*?</\1>", re.IGNORECASE | re.DOTALL)


def absent_module_patterns() -> list[re.Pattern[str]]:
    modules = regency_modules(schema_name=connection.schema_name)
    return [pattern for name, pattern in MODULE_TERMS.items() if not getattr(modules, name)]


def text_without_absent_modules(html: str, patterns: list[re.Pattern[str]]) -> str:
    if not patterns:
        return html
    if not _BLOCK.search(html):
        return _clauses_without(html, patterns)
    return _BLOCK.sub(
        lambda m: "" if any(p.search(m.group(0)) for p in patterns) else m.group(0), html
    )


_CONJUNCTION = re.compile(r"\s*(atau|dan|serta)\s+", re.IGNORECASE)


def _ends_sentence(text: str, i: int) -> bool:
    return text[i] in ".!?" and (i + 1 == len(text) or text[i + 1].isspace())


def _clause_start(text: str, end: int) -> int:
    """Where the clause ending before `end` starts: after the nearest ',' or ';' or sentence end
    to its left that is not inside parentheses."""
    depth, i = 0, end
    while i > 0:
        ch = text[i - 1]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and (ch in ",;" or _ends_sentence(text, i - 1)):
            break
        i -= 1
    return i


def _clause_end(text: str, start: int) -> int:
    depth, j = 0, start
    while j < len(text):
        ch = text[j]
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and (ch in ",;" or _ends_sentence(text, j)):
            break
        j += 1
    return j


def _with_conjunction(text: str, end: int, word: str) -> str:
    """The item ending at `end` takes the conjunction of the last item dropped after it, when it
    is itself a later item of the enumeration and has none."""
    start = _clause_start(text, end)
    if start == 0 or text[start - 1] != "," or _CONJUNCTION.match(text, start):
        return text
    lead = len(text[start:end]) - len(text[start:end].lstrip())
    return f"{text[: start + lead]}{word} {text[start + lead :]}"


def _clauses_without(text: str, patterns: list[re.Pattern[str]]) -> str:
    """Plain text without the clauses (between commas, semicolons, sentence ends) that name an
    absent module: "A, B, atau menu Pengaduan di portal ini." -> "A, atau B."; a sentence that is
    one such clause goes whole."""
    for _round in range(20):  # a text names a module a few times at most
        match = next((m for p in patterns if (m := p.search(text))), None)
        if match is None:
            return text
        left, right = _clause_start(text, match.start()), _clause_end(text, match.end())
        before = text[left - 1] if left else "."
        after = text[right] if right < len(text) else "."
        if before in ",;":  # a later item of an enumeration: drop it with its comma
            conjunction = _CONJUNCTION.match(text, left)
            text = text[: left - 1] + text[right:]
            if conjunction and after not in ",;":  # the last item gave the enumeration its "atau"
                text = _with_conjunction(text, left - 1, conjunction.group(1))
        elif after in ",;":  # the first item: drop it with the comma after it
            lead = text[left : len(text) - len(text[left:].lstrip())]
            rest = text[right + 1 :].lstrip()
            rest = rest[m.end() :] if (m := _CONJUNCTION.match(rest)) else rest
            text = text[:left] + lead + rest[:1].upper() + rest[1:]
        else:  # the whole sentence, with its full stop
            end = min(right + 1, len(text))
            text = (text[:left].rstrip() + " " + text[end:].lstrip()).strip()
    return text


@register.filter
def module_gated(html: Any) -> str:
    return mark_safe(text_without_absent_modules(str(html), absent_module_patterns()))  # noqa: S308  (only on text the template already marks safe: rendered rich text, a standard's HTML fields; parts are removed, nothing added)


@register.filter
def module_gated_faqs(faqs) -> list:
    patterns = absent_module_patterns()
    return [
        faq for faq in faqs if not any(p.search(f"{faq.question} {faq.answer}") for p in patterns)
    ]
