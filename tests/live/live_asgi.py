"""The ASGI app as a test's server process runs it, with one extra live topic to listen to.

`probe` lets anyone listen except to the key `verboten`; its check reads the regency's own schema
(the Wagtail site of the host), so a check that ran in the wrong schema would be seen.
"""

from django.db import connection

from satupintu.asgi import application
from satupintu.live import register_topic


def _probe_may_listen(request, key: str) -> bool:
    from wagtail.models import Site  # the app registry is ready only after the import above

    return key != "verboten" and connection.schema_name != "public" and Site.objects.exists()


register_topic("probe", authorize=_probe_may_listen)

__all__ = ["application"]
