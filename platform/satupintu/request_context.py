"""Per-request context (the request id) shared by the middleware and the log formatter."""

from contextvars import ContextVar

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")
