from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Institution, User
from .roles import InstitutionType, Role


class InstitutionFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False)
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *InstitutionType.choices]
    )


class UserCreateForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name", "email"):
            self.fields[name].required = True


class MembershipForm(forms.Form):
    institution = forms.ModelChoiceField(
        label=_("Institution"), queryset=Institution.objects.none()
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    valid_from = forms.DateField(label=_("Valid from"), required=False, help_text=_("dd.mm.yyyy"))
    valid_to = forms.DateField(label=_("Valid to"), required=False, help_text=_("dd.mm.yyyy"))

    def __init__(self, *args: Any, institutions: QuerySet[Institution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end date must not be before the start date."))
        return data


class AccountPasswordResetForm(PasswordResetForm):
    """Also reaches new users, whose password is unusable until they set one via this link."""

    def get_users(self, email: str) -> Iterator[Any]:
        email_field = User.get_email_field_name()
        return iter(
            User._default_manager.filter(**{f"{email_field}__iexact": email, "is_active": True})
        )
