"""Writes for data subjects' requests. Each checks that the actor is the data protection
officer of the request's municipality, runs in one transaction and validates fully; auditlog
records the rows. A correction changes the person's record through the registry's own
service and is recorded here in the same transaction: this app writes only its own tables.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.organisations.models import Municipality, User
from sargs.organisations.principal import principal_for_user
from sargs.registry import personal_codes
from sargs.registry.lookups import personal_code_lookup
from sargs.registry.models import Child, LegalRepresentative, Sex
from sargs.registry.services import (
    CHILD_CORRECTABLE,
    REPRESENTATIVE_CORRECTABLE,
    child_update,
    representative_update,
)

from .access import request_policy
from .models import Correction, RequestPerson, RequestStatus, SubjectRequest

Person = Child | LegalRepresentative


def _require_officer(actor: User, municipality_id: int) -> None:
    if municipality_id not in request_policy.municipalities(principal_for_user(actor), "change"):
        raise PermissionDenied


def request_create(
    *,
    actor: User,
    municipality: Municipality,
    requester_name: str,
    requester_relation: str,
    legal_basis: str,
    received_on: datetime.date,
    note: str = "",
) -> SubjectRequest:
    """Record a request received by ``municipality``; the actor handles it."""
    _require_officer(actor, municipality.pk)
    if received_on > timezone.localdate():
        raise ValidationError(
            {"received_on": _("A request cannot be received in the future.")}, code="future"
        )
    request = SubjectRequest(
        municipality=municipality,
        requester_name=requester_name.strip(),
        requester_relation=requester_relation,
        legal_basis=legal_basis,
        received_on=received_on,
        note=note.strip(),
        handled_by=actor,
    )
    request.full_clean()
    with transaction.atomic():
        request.save()
    return request


def person_lookup(*, actor: User, request: SubjectRequest, personal_code: str) -> list[Person]:
    """The child and the parent the request's municipality keeps with this personal code
    (exact; no list to browse). Each lookup is recorded by the registry (docs/adr/0005)."""
    _require_officer(actor, request.municipality_id)
    try:
        code = personal_codes.parse(personal_code).code
    except ValidationError as error:
        raise ValidationError({"personal_code": error.messages}) from None
    found: list[Person] = []
    for model in (Child, LegalRepresentative):
        person = personal_code_lookup(
            model=model,
            actor=actor,
            code=code,
            municipality_id=request.municipality_id,
            via="data subject request",
        )
        if person is not None:
            found.append(person)
    return found


def request_person_add(*, actor: User, request: SubjectRequest, person: Person) -> RequestPerson:
    """Add a person (kept by the request's municipality) to the request."""
    _require_officer(actor, request.municipality_id)
    if person.municipality_id != request.municipality_id:
        raise PermissionDenied
    if request.status != RequestStatus.OPEN:
        raise ValidationError(_("The request is answered; open a new one."), code="answered")
    link = RequestPerson(
        request=request,
        child=person if isinstance(person, Child) else None,
        representative=person if isinstance(person, LegalRepresentative) else None,
    )
    try:
        with transaction.atomic():
            link.save()
    except IntegrityError:
        raise ValidationError(
            _("This person is already on the request."), code="duplicate"
        ) from None
    return link


def request_answer(*, actor: User, request: SubjectRequest) -> SubjectRequest:
    """Mark the request answered today."""
    _require_officer(actor, request.municipality_id)
    if request.status != RequestStatus.OPEN:
        raise ValidationError(_("The request is already answered."), code="answered")
    request.status = RequestStatus.ANSWERED
    request.answered_on = timezone.localdate()
    request.handled_by = actor
    with transaction.atomic():
        request.save(update_fields=["status", "answered_on", "handled_by", "updated_at"])
    return request


def correctable_fields(person: Person) -> tuple[str, ...]:
    """The person's own data a correction may change (the registry decides which)."""
    return CHILD_CORRECTABLE if isinstance(person, Child) else REPRESENTATIVE_CORRECTABLE


def _shown(person: Person, field: str) -> str:
    value = getattr(person, field)
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if field == "sex":
        return str(dict(Sex.choices).get(value, value))
    return str(value)


def _parsed(field: str, text: str) -> Any:
    """The typed value for ``field`` from what the officer wrote."""
    text = text.strip()
    if field == "birth_date":
        try:
            return datetime.datetime.strptime(text, "%d.%m.%Y").date()
        except ValueError:
            raise ValidationError(
                {"new_value": _("Write the date as dd.mm.yyyy.")}, code="invalid"
            ) from None
    if field == "sex":
        for value, label in Sex.choices:
            if text.casefold() in (value, str(label).casefold()):
                return value
        raise ValidationError(
            {
                "new_value": _("Write one of: %(values)s.")
                % {"values": ", ".join(str(label) for _value, label in Sex.choices)}
            },
            code="invalid",
        )
    if field in ("first_name", "last_name") and not text:
        raise ValidationError({"new_value": _("Write the new value.")}, code="required")
    return text


def correction_make(
    *, actor: User, request: SubjectRequest, person_link: RequestPerson, field: str, new_value: str
) -> Correction:
    """Correct one field of a person's own record on the request (GDPR art. 16): the registry's
    service makes the change (with its own checks: a personal code's format, a code already
    kept for someone else) and the correction is recorded with the value before and after,
    who asked and who changed it, all in one transaction."""
    _require_officer(actor, request.municipality_id)
    if person_link.request_id != request.pk:
        raise PermissionDenied
    if request.status != RequestStatus.OPEN:
        raise ValidationError(_("The request is answered; open a new one."), code="answered")
    person = person_link.person
    if field not in correctable_fields(person):
        raise ValidationError({"field": _("This field cannot be corrected here.")}, code="field")
    value = _parsed(field, new_value)
    before = _shown(person, field)
    with transaction.atomic():
        if isinstance(person, Child):
            child_update(actor=actor, child=person, **{field: value})
        else:
            representative_update(actor=actor, representative=person, **{field: value})
        after = _shown(person, field)
        if after == before:
            raise ValidationError({"new_value": _("The value is the same as before.")})
        correction = Correction(
            request=request,
            person=person_link,
            record_type=person._meta.label_lower,
            record_pk=str(person.pk),
            field=field,
            old_value=before,
            new_value=after,
            asked_by=request.requester_name,
            changed_by=actor,
        )
        correction.save()
    return correction
