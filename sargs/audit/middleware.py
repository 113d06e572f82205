"""django-auditlog's middleware with the client address from the trusted proxies.

auditlog reads the left-most X-Forwarded-For entry, which the client writes itself, and stores
it unchecked, and it trusts X-Forwarded-Port likewise. Here the address is the one
`sargs.core.client_address` vouches for (``None`` when it is not an address) and no port is
recorded: nothing the client wrote into a header reaches the audit trail.
"""

from __future__ import annotations

from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware
from django.http import HttpRequest

from sargs.core.client_address import client_address


class AuditlogMiddleware(BaseAuditlogMiddleware):
    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        return client_address(request)

    @staticmethod
    def _get_remote_port(request: HttpRequest) -> int | None:
        return None
