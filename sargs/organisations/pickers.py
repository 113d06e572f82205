"""What the search pickers (sargs.core.pickers) pick among organisations' records: institutions
by name (told apart by municipality) and users by first and last name."""

from __future__ import annotations

from django.utils.translation import pgettext

from sargs.core.pickers import PickerKind

from .models import Institution, User


def _institution_detail(institution: Institution) -> str:
    if institution.municipality_id is None:
        return pgettext("institution", "national")
    return institution.municipality.name  # type: ignore[union-attr]


def _user_label(user: User) -> str:
    return user.get_full_name() or user.username


INSTITUTIONS = PickerKind(
    search_fields=("name",),
    label=lambda institution: institution.name,
    detail=_institution_detail,
    related=("municipality",),
)

USERS = PickerKind(search_fields=("first_name", "last_name"), label=_user_label)
