"""Sign-in, second factor, password and API token pages."""

from __future__ import annotations

import base64

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from sargs.core.access import PUBLIC, SIGNED_IN, access
from sargs.core.otp import is_verified
from sargs.organisations.forms import AccountPasswordResetForm
from sargs.organisations.principal import signed_in_user

from . import services
from .forms import ApiTokenForm, CodeForm, SignInForm
from .models import ApiToken

login = access(PUBLIC)(
    auth_views.LoginView.as_view(
        template_name="accounts/login.html",
        authentication_form=SignInForm,
        redirect_authenticated_user=True,
    )
)
logout = access(PUBLIC)(auth_views.LogoutView.as_view())

password_reset = access(PUBLIC)(
    auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset.html",
        form_class=AccountPasswordResetForm,
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password-reset-done"),
    )
)
password_reset_done = access(PUBLIC)(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = access(PUBLIC)(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password-reset-complete"),
    )
)
password_reset_complete = access(PUBLIC)(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)
password_change = access(SIGNED_IN)(
    auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html",
        success_url=reverse_lazy("portal:home"),
    )
)


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return str(reverse_lazy("portal:home"))


@access(SIGNED_IN)
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Second step of sign-in: a TOTP code or a recovery code."""
    user = signed_in_user(request)
    if is_verified(user):
        return redirect(_next_url(request))
    if not user_has_device(user, confirmed=True):
        return redirect("accounts:otp-setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if device.persistent_id.startswith("otp_static"):
                messages.warning(request, _("You used a recovery code. Each code works once."))
            return redirect(_next_url(request))
        form.add_error("code", _("The code is not correct or has expired. Try the next code."))
    return render(request, "accounts/otp_verify.html", {"form": form})


@access(SIGNED_IN)
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app; a verified user may replace their device."""
    user = signed_in_user(request)
    if user_has_device(user, confirmed=True) and not is_verified(user):
        return redirect("accounts:otp-verify")
    device = services.totp_device_pending(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.totp_device_confirm(
            user=user,
            device=device,
            token=form.cleaned_data["code"],  # type: ignore[arg-type]
        )
        if codes is not None:
            otp_login(request, TOTPDevice.objects.get(pk=device.pk))
            return render(request, "accounts/recovery_codes.html", {"codes": codes})
        form.add_error(
            "code", _("The code is not correct. Check the time on your phone and try again.")
        )
    secret = base64.b32encode(device.bin_key).decode()
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4, title=_("QR code"))
    return render(
        request, "accounts/otp_setup.html", {"form": form, "secret": secret, "qr_svg": qr_svg}
    )


@access(SIGNED_IN)
@require_POST
def recovery_codes_regenerate(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not is_verified(user):
        return redirect("accounts:otp-verify")
    codes = services.recovery_codes_regenerate(user=user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes})


@access(SIGNED_IN)
def security(request: HttpRequest) -> HttpResponse:
    """The user's own security page: second factor, recovery codes, API tokens."""
    user = signed_in_user(request)
    form = ApiTokenForm(request.POST or None)
    new_raw = None
    if request.method == "POST" and form.is_valid():
        _token, new_raw = services.api_token_create(
            user=user,
            name=form.cleaned_data["name"],
            days=form.cleaned_data["days"],
        )
        form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=user)[:50]
    return render(
        request,
        "accounts/security.html",
        {"form": form, "tokens": tokens, "new_raw": new_raw},
    )


@access(SIGNED_IN)
@require_POST
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    token = get_object_or_404(ApiToken, pk=pk, user=user)
    services.api_token_revoke(user=user, token=token)
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:security")
