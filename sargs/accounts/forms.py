from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .services import MAX_TOKEN_DAYS


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "The username or password is not correct. After several failed attempts "
            "the account is locked for a while."
        ),
        "inactive": _("This account is not active. Ask your administrator."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # No autofocus: keyboard and screen-reader users start at the top, where the first
        # Tab reaches the skip link (Django's form focuses the username field).
        self.fields["username"].widget.attrs.pop("autofocus", None)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The 6-digit code from your authenticator app, or a recovery code."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).lower()


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("Which system will use this token.")
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"), min_value=1, max_value=MAX_TOKEN_DAYS, initial=90
    )
