"""Token authentication for institutions' systems: ``Authorization: Bearer sargs_…``."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from sargs.accounts.models import ApiToken, hash_token


class HashedTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Invalid token header.")
        raw = header[1].decode(errors="replace")
        token = (
            ApiToken.objects.usable()
            .select_related("user")
            .filter(token_hash=hash_token(raw))
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid or expired token.")
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        # A token was created by a user who had passed the second factor; it stands in for it.
        request._request._api_token_auth = True  # type: ignore[attr-defined]
        _attribute_changes_to(token.user)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


def _attribute_changes_to(user: Any) -> None:
    """auditlog's middleware captured the (anonymous) session user before DRF authenticated
    the token; point its per-request context at the token's user so changes are attributed."""
    from auditlog.context import auditlog_value

    context = auditlog_value.get(None)
    if isinstance(context, dict):
        context["actor"] = user
