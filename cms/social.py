"""The MPP's social links: each network's own hosts only, a handle turned into the network's URL.

An editor may type a full address or just the account name; the portal links only to an address on
the network the field names (no look-alike hosts, no `javascript:`). Schema: tenant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

HANDLE = re.compile(r"^@?([A-Za-z0-9._-]{1,60})$")


@dataclass(frozen=True)
class Network:
    field: str
    label: str
    hosts: tuple[str, ...]
    profile: str  # the URL of a handle, "{handle}" filled in


NETWORKS = (
    Network("instagram", "Instagram", ("instagram.com",), "https://www.instagram.com/{handle}"),
    Network(
        "facebook", "Facebook", ("facebook.com", "fb.com"), "https://www.facebook.com/{handle}"
    ),
    Network("x", "X", ("x.com", "twitter.com"), "https://x.com/{handle}"),
    Network("youtube", "YouTube", ("youtube.com", "youtu.be"), "https://www.youtube.com/@{handle}"),
    Network("tiktok", "TikTok", ("tiktok.com",), "https://www.tiktok.com/@{handle}"),
)


def social_url(*, network: Network, value: str) -> str | None:
    """The link for what an editor typed, or None when it is not this network's address."""
    value = (value or "").strip()
    if not value:
        return None
    if match := HANDLE.match(value):
        return network.profile.format(handle=match.group(1))
    parts = urlsplit(value)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or parts.username or parts.password or parts.port:
        return None
    if not any(host == h or host.endswith("." + h) for h in network.hosts):
        return None
    return value


def social_links(branding: Any) -> list[dict[str, str]]:
    """[{"label": "Instagram", "url": "https://…"}] for the valid links, in a fixed order."""
    links = []
    for network in NETWORKS:
        url = social_url(network=network, value=getattr(branding, network.field, ""))
        if url:
            links.append({"label": network.label, "url": url, "field": network.field})
    return links


def social_link_problems(branding: Any) -> dict[str, str]:
    problems = {}
    for network in NETWORKS:
        value = getattr(branding, network.field, "")
        if value and value.strip() and social_url(network=network, value=value) is None:
            problems[network.field] = _(
                "Tulis alamat https:// di %(network)s (misalnya %(example)s) atau nama akunnya."
            ) % {"network": network.label, "example": network.profile.format(handle="mppkabupaten")}
    return problems
