"""Second factor: every role that can see a child's data must have verified a TOTP or
recovery code in this session before any page other than sign-in opens."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from sargs.core.otp import is_verified
from sargs.organisations.principal import principal_for

# URL names a signed-in but not yet verified user may open.
ALLOWED_BEFORE_SECOND_FACTOR = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:otp-verify",
        "accounts:otp-setup",
        "core:health",
        "core:set-language",
    }
)


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not getattr(request, "_api_token_auth", False)
            and not is_verified(user)
            and principal_for(request).needs_second_factor
            and not self._allowed(request)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "Second factor required."}, status=403)
            return redirect(settings.OTP_VERIFY_URL)
        return self.get_response(request)

    @staticmethod
    def _allowed(request: HttpRequest) -> bool:
        if request.path.startswith(
            settings.STATIC_URL
            if settings.STATIC_URL.startswith("/")
            else "/" + settings.STATIC_URL
        ):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return True  # a 404 reveals nothing
        return match.view_name in ALLOWED_BEFORE_SECOND_FACTOR
