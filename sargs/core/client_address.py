"""The client's address, read only as far as the configured proxies can be trusted.

Every place that needs the address of the person making a request (sign-in lockout, audit
trail, rate limits) asks `client_address`. With ``PROXY_COUNT = N`` trusted reverse proxies,
each proxy appends the address it saw to ``X-Forwarded-For``, so the client is the N-th entry
from the right; everything to the left of it was written by the client and can be forged.
With no proxy the socket's ``REMOTE_ADDR`` is the client. Whatever is found must parse as an
IP address, otherwise the answer is ``None``: garbage never reaches a lockout key or the
audit trail (ADR 0014).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def parse_address(value: str | None) -> str | None:
    """``value`` as a normalised IP address, or ``None`` when it is not one."""
    if not value:
        return None
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return str(address.ipv4_mapped)
    return str(address)


def trusted_entry(meta: dict[str, object], proxy_count: int) -> str | None:
    """The raw value the trusted proxies vouch for: REMOTE_ADDR or an X-Forwarded-For entry."""
    if proxy_count <= 0:
        remote = meta.get("REMOTE_ADDR")
        return remote if isinstance(remote, str) else None
    header = meta.get("HTTP_X_FORWARDED_FOR")
    if not isinstance(header, str):
        return None
    entries = [entry.strip() for entry in header.split(",")]
    if len(entries) < proxy_count:
        # Fewer entries than proxies: the request did not pass through all of them.
        return None
    return entries[-proxy_count]


def client_address(request: HttpRequest) -> str | None:
    """The requesting client's IP address, or ``None`` when it cannot be trusted to be one."""
    return parse_address(trusted_entry(request.META, settings.PROXY_COUNT))
