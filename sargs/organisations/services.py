"""Writes for users and memberships. Each runs in one transaction; auditlog records the
values before and after inside it."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import institution_policy, user_policy
from .forms import AccountPasswordResetForm
from .grants import IS_ADMINISTRATOR
from .models import Institution, Membership, User
from .principal import principal_for_user
from .roles import ROLE_INSTITUTION_TYPES, Role


@transaction.atomic
def user_create(
    *,
    actor: User,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    request: HttpRequest | None = None,
) -> User:
    """Create a user without a usable password; they set one through the e-mailed link."""
    if not IS_ADMINISTRATOR.check(principal_for_user(actor)):
        raise PermissionDenied
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        created_by=actor,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    transaction.on_commit(lambda: _send_password_link(user, request))
    return user


def _send_password_link(user: User, request: HttpRequest | None) -> None:
    form = AccountPasswordResetForm(data={"email": user.email})
    if form.is_valid():
        form.save(
            request=request,
            use_https=bool(request and request.is_secure()),
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
        )


@transaction.atomic
def membership_grant(
    *,
    actor: User,
    user: User,
    institution: Institution,
    role: Role,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> Membership:
    """Give ``user`` a role in ``institution``; the role must fit the institution's type."""
    principal = principal_for_user(actor)
    if not user_policy.can_change(principal, user) or not institution_policy.can_grant_role(
        principal, institution, role
    ):
        raise PermissionDenied
    if institution.type not in ROLE_INSTITUTION_TYPES[role]:
        raise ValidationError(
            {
                "role": _("The role “%(role)s” cannot be held in a %(type)s.")
                % {"role": role.label, "type": institution.get_type_display().lower()}
            }
        )
    membership = Membership(
        user=user, institution=institution, role=role, valid_from=valid_from, valid_to=valid_to
    )
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_end(
    *, actor: User, membership: Membership, day: datetime.date | None = None
) -> None:
    """End a role from ``day`` on (today by default); the row stays as history."""
    principal = principal_for_user(actor)
    if not user_policy.can_change(principal, membership.user):
        raise PermissionDenied
    day = day or timezone.localdate()
    membership.valid_to = day - datetime.timedelta(days=1)
    if membership.valid_from and membership.valid_to < membership.valid_from:
        membership.valid_from = membership.valid_to
    membership.full_clean()
    membership.save(update_fields=["valid_to", "valid_from"])


@transaction.atomic
def user_set_active(*, actor: User, user: User, active: bool) -> None:
    """Deactivate (or reactivate) a user. Users are never deleted: the audit trail names them."""
    if not user_policy.can_change(principal_for_user(actor), user):
        raise PermissionDenied
    user.is_active = active
    user.save(update_fields=["is_active"])
