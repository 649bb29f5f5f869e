"""Django logs every 4xx response as a warning line (`django.request`, "Not Found: …"). A public
portal's 404s are scanners and stale links: one line each floods the log at the rate of the
scan (issue #15). They are dropped here; other 4xx and every 5xx are still logged. Schema: any.
"""

from __future__ import annotations

import logging


class DropNotFound(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "status_code", None) != 404
