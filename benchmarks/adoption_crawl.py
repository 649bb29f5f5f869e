"""The check of issue #11: adopt a template for another region, then crawl every public page of
the new portal counting words that belong to the template's source region (names, places,
phones, domains, brands). Target: 0.

    python benchmarks/adoption_crawl.py

Creates, in a throw-away database, a kabupaten (Paser, 64.01) from the Badung template and a kota
(Makassar, 73.71) from the Kota Bandung template with `manage.py create_regency --template
--publish`, crawls each portal from its home page (every same-host link, GET only, citizen pages
only: /admin, /accounts and /django-admin are not followed) and prints per portal the pages
crawled and the count of each source word found in the pages' visible text. The last line is
`source_words_total=… pages=…` (target: 0). It also counts phrases that send citizens to a module
the new regency does not have ("menu Pengaduan", "antrean daring"; `cms.templatetags.module_gate`):
`module_promises_total=…` (target: 0).

The crawl functions are also used by tests/onboarding/test_adoption_localised.py.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Sequence
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

SKIP_PREFIXES = ("/admin", "/accounts", "/django-admin", "/static", "/media", "/api", "/cms")
MAX_PAGES = 600
CASES = (
    # (template, code, subdomain)
    ("badung", "64.01", "paser"),
    ("bandung", "73.71", "makassar"),
)


# The portal's own page addresses shown as text (the printed service checklist carries its URL)
# hold row keys such as `pkb-tahunan-jabar`: keys are kept on adoption so template updates can
# match rows (docs/adr/0035), so addresses are left out here as they are in links.
_ADDRESS = re.compile(r"https?://\S+")


def _without_addresses(text: str) -> str:
    return _ADDRESS.sub(" ", text)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name == "href" and value:
                self.links.append(value)
            if name in ("alt", "title", "aria-label", "content", "placeholder") and value:
                self.text.append(_without_addresses(value))

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(_without_addresses(data))


def _word_pattern(words: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])", re.IGNORECASE)


def crawl_source_words(
    *,
    host: str,
    words: list[str],
    start: str = "/",
    promises: Sequence[re.Pattern[str]] = (),
    promise_counts: Counter[str] | None = None,
) -> tuple[Counter[str], int, dict[str, list[str]]]:
    """(count per source word, pages crawled, pages where each word was found); matches of
    `promises` are counted into `promise_counts`."""
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST=host)
    pattern = _word_pattern(words)
    canonical = {w.lower(): w for w in words}
    seen: set[str] = set()
    queue = [start]
    counts: Counter[str] = Counter()
    where: dict[str, list[str]] = {}
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _Page()
        parser.feed(response.content.decode("utf-8", "replace"))
        text = html.unescape(" ".join(parser.text))
        for match in pattern.finditer(text):
            word = canonical.get(match.group(0).lower(), match.group(0))
            counts[word] += 1
            where.setdefault(word, []).append(path)
        for promise in promises:
            for match in promise.finditer(text):
                if promise_counts is not None:
                    promise_counts[match.group(0).lower()] += 1
        for link in parser.links:
            link = urldefrag(link)[0]
            parts = urlsplit(link)
            if parts.scheme and parts.scheme not in ("http", "https"):
                continue
            if parts.netloc and parts.netloc.split(":")[0] != host.split(":")[0]:
                continue
            target = parts.path or "/"
            if parts.query:
                continue  # filters and pagination repeat what the pages show
            if not target.startswith("/") or target.startswith(SKIP_PREFIXES):
                continue
            if target not in seen:
                queue.append(target)
    connection.set_schema_to_public()  # the middleware left the connection in the portal's
    return counts, len(seen), where


def source_words_of_template(name: str) -> list[str]:
    from onboarding.localise import source_region
    from onboarding.seeding import seed_template_document

    region = source_region(seed_template_document(name))
    assert region is not None
    return region.words()


def main() -> None:
    import _bench  # noqa: F401  (puts the project root on sys.path)
    from _bench import bench_database

    with bench_database("adoption_crawl"):
        from django.core.management import call_command

        from billing.selectors import regency_modules
        from cms.templatetags.module_gate import MODULE_TERMS
        from regencies.models import Regency

        total = pages_total = promises_total = 0
        for template, code, subdomain in CASES:
            call_command(
                "create_regency",
                code=code,
                subdomain=subdomain,
                template=template,
                publish=True,
            )
            regency = Regency.objects.get(code=code)
            host = regency.primary_hostname() or f"{subdomain}.localhost"
            modules = regency_modules(schema_name=regency.schema_name)
            absent = [p for name, p in MODULE_TERMS.items() if not getattr(modules, name)]
            promises: Counter[str] = Counter()
            counts, pages, where = crawl_source_words(
                host=host,
                words=source_words_of_template(template),
                promises=absent,
                promise_counts=promises,
            )
            total += sum(counts.values())
            promises_total += sum(promises.values())
            pages_total += pages
            found = sum(counts.values())
            print(f"{regency.name} from {template}: pages={pages} source_words={found}", flush=True)
            for word, n in counts.most_common():
                print(f"  {word}: {n} (e.g. {sorted(set(where[word]))[:3]})")
            absent_names = [n for n in MODULE_TERMS if not getattr(modules, n)]
            print(f"  modules off: {absent_names}; promises of them: {dict(promises)}", flush=True)
        print(f"source_words_total={total} pages={pages_total} target=0")
        print(f"module_promises_total={promises_total} target=0")


if __name__ == "__main__":
    main()
