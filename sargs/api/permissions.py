"""Every API view declares ``access_rule`` like the pages do; a view without one is closed."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from sargs.core.otp import is_verified
from sargs.organisations.principal import principal_for_user


class DeclaredAccess(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        rule = getattr(view, "access_rule", None)
        if rule is None:
            return False
        if not rule.public and not request.user.is_authenticated:
            return False
        user = request.user
        needs_otp = principal_for_user(user).needs_second_factor
        token_auth = getattr(request._request, "_api_token_auth", False)
        if needs_otp and not token_auth and not is_verified(user):
            return False
        django_request: HttpRequest = request._request
        django_request.user = user
        return bool(rule.allows(django_request))
