"""Live events for regency screens (TV displays, a citizen's ticket page): server-sent events.

    from satupintu.live import publish, register_topic

    register_topic("display", authorize=display_may_listen)  # in AppConfig.ready()
    publish("display", {"type": "call"}, key=location.key)  # on commit, in the regency's schema

A browser listens at `/live/<topic>/<key>/` on the regency's host. Every channel carries the
current schema (`connection.schema_name`), so a regency never receives another's events
(docs/adr/0021). Schema: tenant.
"""

from satupintu.live.hub import publish
from satupintu.live.topics import register_topic

__all__ = ["publish", "register_topic"]
