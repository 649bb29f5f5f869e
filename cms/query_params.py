"""Reading a citizen page's query string, on the view side: bounded values without NUL characters
(PostgreSQL refuses them), turned into the typed arguments the selectors take. Schema: tenant.
"""

from __future__ import annotations

from django.http import HttpRequest

from catalogue.selectors import ServiceFilters

# The directory's query-string parameters: the ServiceFilters field each fills, and its longest
# accepted value. The page links (pagination) carry the same parameters back.
FILTER_PARAMS = (
    ("q", "query", 200),
    ("instansi", "agency", 80),
    ("kategori", "category", 80),
    ("lokasi", "location", 80),
    ("kanal", "channel", 20),
)
PAGE_PARAM = "hal"


def query_param(request: HttpRequest, name: str, limit: int) -> str:
    """A query-string value, bounded and without NUL characters."""
    return request.GET.get(name, "").replace("\x00", "")[:limit].strip()


def service_filters_from(request: HttpRequest) -> ServiceFilters:
    return ServiceFilters(
        **{field: query_param(request, name, limit) for name, field, limit in FILTER_PARAMS}
    )


def page_number_from(request: HttpRequest) -> str | None:
    """The page asked for (the paginator turns anything odd into the first or last page)."""
    return request.GET.get(PAGE_PARAM)
