"""Which live topics exist and who may listen to them. Schema: tenant.

An app registers each topic it publishes once (in its AppConfig.ready()) with a function that
decides, inside the regency's schema, whether this request may listen to that key: a paired
display for its location, anyone holding a ticket's unguessable public id, ... A topic nobody
registered answers 404.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

TOPIC_NAME = re.compile(r"^[a-z][a-z0-9_.-]{0,47}$")
KEY = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")

Authorize = Callable[[HttpRequest, str], bool]


@dataclass(frozen=True)
class Topic:
    name: str
    authorize: Authorize


_TOPICS: dict[str, Topic] = {}


def register_topic(name: str, *, authorize: Authorize) -> None:
    """Declare a topic; registering the same name again replaces its check (tests, reloads)."""
    if not TOPIC_NAME.match(name):
        raise ValueError(f"live topic name {name!r} must match {TOPIC_NAME.pattern}")
    _TOPICS[name] = Topic(name=name, authorize=authorize)


def topic_get(name: str) -> Topic | None:
    return _TOPICS.get(name)


def unregister_topic(name: str) -> None:
    _TOPICS.pop(name, None)
