"""Writes for the registry. Each runs in one transaction, checks the actor against the policy
and validates the row fully before saving; auditlog records values before and after."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.organisations.models import Institution, Municipality, User
from sargs.organisations.principal import principal_for_user

from . import personal_codes
from .access import child_policy, registry_municipalities
from .lookups import personal_code_lookup
from .models import (
    Child,
    ChildRepresentative,
    CustodyRecord,
    CustodySource,
    CustodyStatus,
    Household,
    LegalRepresentative,
    RepresentativeRole,
    ResidenceKind,
    ResidenceRecord,
)
from .selectors import custody_on, household_adult_match, likely_duplicates
from .signals import residence_changed

# Residence kinds that decide the responsible municipality (BTAL 67(2), 67(3)).
_DECIDING_KINDS = (ResidenceKind.DECLARED, ResidenceKind.ACTUAL)


class LikelyDuplicateError(Exception):
    """The child looks like one already registered; save only after the user confirms."""

    def __init__(self, candidates: list[Child]) -> None:
        super().__init__("likely duplicate")
        self.candidates = candidates


def _residence_changed(actor: User, children: list[Child]) -> None:
    """Tell listeners (handovers) once per affected child; inside the caller's transaction."""
    for child in children:
        residence_changed.send(sender=Child, child=child, actor=actor)


def _require_keeper(actor: User, municipality_id: int) -> None:
    if municipality_id not in registry_municipalities(principal_for_user(actor)):
        raise PermissionDenied


def _checked_code(
    personal_code: str, birth_date: datetime.date | None
) -> tuple[str | None, datetime.date | None]:
    """The compact code (or None) and the birth date to store; ValidationError per field."""
    if not personal_code:
        return None, birth_date
    try:
        parsed = personal_codes.parse(personal_code)
    except ValidationError as error:
        raise ValidationError({"personal_code": error.messages}) from None
    return parsed.code, personal_codes.birth_date_for(parsed.code, birth_date)


def _refuse_taken_code(
    model: type[Child | LegalRepresentative],
    code: str | None,
    pk: Any,
    *,
    municipality_id: int,
    actor: User,
    via: str,
) -> None:
    """Refuse a code the same municipality already keeps for another person. Only that
    registry is asked (and the lookup recorded): a code kept by another municipality answers
    exactly like an unknown one (docs/adr/0005)."""
    if not code:
        return
    found = personal_code_lookup(
        model=model, actor=actor, code=code, municipality_id=municipality_id, via=via
    )
    if found is not None and found.pk != pk:
        raise ValidationError(
            {
                "personal_code": _(
                    "A person with this personal code is already registered. "
                    "Find the existing record instead of creating a new one."
                )
            },
            code="duplicate",
        )


@transaction.atomic
def household_create(
    *, actor: User, municipality: Municipality, name: str, note: str = ""
) -> Household:
    _require_keeper(actor, municipality.pk)
    household = Household(municipality=municipality, name=name, note=note)
    household.full_clean()
    household.save()
    return household


def child_create(
    *,
    actor: User,
    municipality: Municipality,
    first_name: str,
    last_name: str,
    sex: str,
    birth_date: datetime.date | None = None,
    personal_code: str = "",
    household: Household | None = None,
    school: Institution | None = None,
    has_disability: bool = False,
    disability_note: str = "",
    declared_municipality: Municipality | None = None,
    declared_address: str = "",
    declared_from: datetime.date | None = None,
    confirm_likely_duplicate: bool = False,
) -> Child:
    """Register a child. A personal code the municipality already keeps is refused; a likely
    duplicate (same or similar name, same birth date, in the same registry) raises
    LikelyDuplicateError unless ``confirm_likely_duplicate``. The checks write nothing but
    the lookup's audit entry, which stays even when the registration is refused; the writes
    run in one transaction."""
    _require_keeper(actor, municipality.pk)
    code, birth_date = _checked_code(personal_code, birth_date)
    if birth_date is None:
        raise ValidationError({"birth_date": _("Enter the birth date.")}, code="required")
    if household is not None and household.municipality_id != municipality.pk:
        raise ValidationError({"household": _("The household is kept by another municipality.")})
    child = Child(
        municipality=municipality,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        personal_code=code,
        birth_date=birth_date,
        sex=sex,
        household=household,
        school=school,
        has_disability=has_disability,
        disability_note=disability_note if has_disability else "",
        created_by=actor,
    )
    child.full_clean(validate_constraints=False)
    # Checked last, so that the other fields' errors never depend on whether the code is known.
    _refuse_taken_code(
        Child, code, None, municipality_id=municipality.pk, actor=actor, via="child registration"
    )
    if not confirm_likely_duplicate:
        candidates = likely_duplicates(
            first_name=child.first_name,
            last_name=child.last_name,
            birth_date=birth_date,
            municipality_id=municipality.pk,
        )
        if candidates:
            raise LikelyDuplicateError(candidates)
    with transaction.atomic():
        child.save()
        if declared_municipality is not None:
            residence_add(
                actor=actor,
                child=child,
                kind=ResidenceKind.DECLARED,
                municipality=declared_municipality,
                address=declared_address,
                valid_from=declared_from or birth_date,
            )
    return child


CHILD_EDITABLE = (
    "first_name",
    "last_name",
    "personal_code",
    "birth_date",
    "sex",
    "household",
    "school",
    "has_disability",
    "disability_note",
)


# A person's own data, which a data protection officer may correct on their request (GDPR
# art. 16, sargs.subjects); the rest of the record stays with the registry's keepers.
CHILD_CORRECTABLE = ("first_name", "last_name", "personal_code", "birth_date", "sex")
REPRESENTATIVE_CORRECTABLE = ("first_name", "last_name", "personal_code", "birth_date")


def child_update(*, actor: User, child: Child, **changes: Any) -> Child:
    """Change a child's own data; the same personal-code rules as on creation. A data
    protection officer may change only ``CHILD_CORRECTABLE``."""
    principal = principal_for_user(actor)
    if not child_policy.can_change(principal, child):
        correcting = child_policy.can_correct(principal, child)
        if not correcting or set(changes) - set(CHILD_CORRECTABLE):
            raise PermissionDenied
    unknown = set(changes) - set(CHILD_EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(child, name, value)
    code, birth_date = _checked_code(child.personal_code or "", child.birth_date)
    if birth_date is None:
        raise ValidationError({"birth_date": _("Enter the birth date.")}, code="required")
    child.personal_code, child.birth_date = code, birth_date
    if child.household is not None and child.household.municipality_id != child.municipality_id:
        raise ValidationError({"household": _("The household is kept by another municipality.")})
    if not child.has_disability:
        child.disability_note = ""
    child.full_clean(validate_constraints=False)
    _refuse_taken_code(
        Child, code, child.pk, municipality_id=child.municipality_id, actor=actor, via="child edit"
    )
    with transaction.atomic():
        child.save()
    return child


def representative_update(
    *, actor: User, representative: LegalRepresentative, **changes: Any
) -> LegalRepresentative:
    """Change a parent's or guardian's own data (``REPRESENTATIVE_CORRECTABLE``): by a keeper
    of their registry or, on their request, its data protection officer."""
    principal = principal_for_user(actor)
    if not (
        representative.municipality_id in registry_municipalities(principal)
        or child_policy.can_correct(principal, representative)
    ):
        raise PermissionDenied
    unknown = set(changes) - set(REPRESENTATIVE_CORRECTABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(representative, name, value)
    code, birth_date = _checked_code(representative.personal_code or "", representative.birth_date)
    representative.personal_code, representative.birth_date = code, birth_date
    representative.full_clean(validate_constraints=False)
    _refuse_taken_code(
        LegalRepresentative,
        code,
        representative.pk,
        municipality_id=representative.municipality_id,
        actor=actor,
        via="representative edit",
    )
    with transaction.atomic():
        representative.save()
    return representative


def representative_add(
    *,
    actor: User,
    child: Child,
    role: str,
    first_name: str,
    last_name: str,
    personal_code: str = "",
    birth_date: datetime.date | None = None,
    lives_with_child: bool = False,
) -> ChildRepresentative:
    """Link a parent or guardian to ``child``. A representative already registered with the
    same personal code by the same municipality (a sibling's parent) is linked, not copied.
    Only the child's municipality's registry is asked (the lookup is recorded): a person kept
    by another municipality is registered here as a new record, exactly as an unknown one."""
    if not child_policy.can_change(principal_for_user(actor), child):
        raise PermissionDenied
    code, birth_date = _checked_code(personal_code, birth_date)
    found = (
        personal_code_lookup(
            model=LegalRepresentative,
            actor=actor,
            code=code,
            municipality_id=child.municipality_id,
            via="representative",
        )
        if code
        else None
    )
    existing = found if isinstance(found, LegalRepresentative) else None
    if existing is None:
        # Parents are entered once per household (issue 15, point 4): a sibling's parent
        # recorded without a code, or with this one, is the same person, not a new record.
        existing = household_adult_match(
            household_id=child.household_id,
            first_name=first_name,
            last_name=last_name,
            birth_date=birth_date,
            personal_code=code,
        )
    with transaction.atomic():
        return _representative_link(
            actor=actor,
            child=child,
            existing=existing,
            role=role,
            first_name=first_name,
            last_name=last_name,
            code=code,
            birth_date=birth_date,
            lives_with_child=lives_with_child,
        )


def _representative_link(
    *,
    actor: User,
    child: Child,
    existing: LegalRepresentative | None,
    role: str,
    first_name: str,
    last_name: str,
    code: str | None,
    birth_date: datetime.date | None,
    lives_with_child: bool,
) -> ChildRepresentative:
    if existing is None:
        existing = LegalRepresentative(
            municipality=child.municipality,
            household=child.household,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            personal_code=code,
            birth_date=birth_date,
        )
        existing.full_clean()
        existing.save()
    else:
        _complete_from(existing, child=child, code=code, birth_date=birth_date)
    if child.representations.filter(representative=existing).exists():
        raise ValidationError(_("This person is already linked to the child."))
    if role in (RepresentativeRole.MOTHER, RepresentativeRole.FATHER) and (
        child.representations.filter(role=role).exists()
    ):
        raise ValidationError({"role": _("The child already has a parent in this role.")})
    relation = ChildRepresentative(
        child=child, representative=existing, role=role, lives_with_child=lives_with_child
    )
    relation.full_clean()
    relation.save()
    _residence_changed(actor, [child])
    return relation


def _complete_from(
    person: LegalRepresentative,
    *,
    child: Child,
    code: str | None,
    birth_date: datetime.date | None,
) -> None:
    """A household adult found again: it joins the child's household if it had none, and
    gains the code or birth date it lacked (never changes one it has)."""
    changed = []
    if person.household_id is None and child.household_id is not None:
        person.household_id = child.household_id
        changed.append("household")
    if code and not person.personal_code:
        person.personal_code = code
        changed.append("personal_code")
    if birth_date and person.birth_date is None:
        person.birth_date = birth_date
        changed.append("birth_date")
    if changed:
        person.full_clean(validate_constraints=False)
        person.save(update_fields=changed)


@transaction.atomic
def representative_link(
    *,
    actor: User,
    child: Child,
    representative: LegalRepresentative,
    role: str,
    lives_with_child: bool = False,
) -> ChildRepresentative:
    """Link a parent already recorded in the child's household to the child (a brother's or
    sister's parent), without entering them again."""
    if not child_policy.can_change(principal_for_user(actor), child):
        raise PermissionDenied
    if child.household_id is None or representative.household_id != child.household_id:
        raise ValidationError(
            {"representative": _("Choose an adult recorded in the child's household.")}
        )
    return _representative_link(
        actor=actor,
        child=child,
        existing=representative,
        role=role,
        first_name=representative.first_name,
        last_name=representative.last_name,
        code=None,
        birth_date=None,
        lives_with_child=lives_with_child,
    )


@transaction.atomic
def representative_set_lives_with(
    *, actor: User, relation: ChildRepresentative, lives_with_child: bool
) -> ChildRepresentative:
    if not child_policy.can_change(principal_for_user(actor), relation.child):
        raise PermissionDenied
    changed = relation.lives_with_child != lives_with_child
    relation.lives_with_child = lives_with_child
    relation.save(update_fields=["lives_with_child"])
    if changed:
        _residence_changed(actor, [relation.child])
    return relation


@transaction.atomic
def residence_add(
    *,
    actor: User,
    kind: str,
    municipality: Municipality,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    address: str = "",
    child: Child | None = None,
    representative: LegalRepresentative | None = None,
) -> ResidenceRecord:
    """Add a residence period. An open period of the same kind that began earlier is closed
    the day before; any other overlap is refused, so every day has at most one answer."""
    subject = child or representative
    if subject is None or (child and representative):
        raise TypeError("give exactly one of child or representative")
    _require_keeper(actor, subject.municipality_id)
    record = ResidenceRecord(
        child=child,
        representative=representative,
        kind=kind,
        municipality=municipality,
        address=address,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    record.full_clean()
    same = ResidenceRecord.objects.select_for_update().filter(
        child=child, representative=representative, kind=kind
    )
    open_before = same.filter(valid_to__isnull=True, valid_from__lt=valid_from).first()
    if open_before is not None:
        open_before.valid_to = valid_from - datetime.timedelta(days=1)
        open_before.full_clean()
        open_before.save(update_fields=["valid_to"])
    overlapping = same.filter(valid_from__lte=valid_to or datetime.date.max).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from)
    )
    if overlapping.exists():
        raise ValidationError(
            {"valid_from": _("This period overlaps another residence of the same kind.")},
            code="overlap",
        )
    record.save()
    if kind in _DECIDING_KINDS:
        affected = (
            [child]
            if child is not None
            else list(
                Child.objects.filter(representations__representative=representative).distinct()
            )
        )
        _residence_changed(actor, affected)
    return record


# Which custody change may follow which state (None: nothing recorded yet).
_HAS_CUSTODY = (None, CustodyStatus.FULL, CustodyStatus.RESTORED, CustodyStatus.RESTORED_BY_COURT)
_ALLOWED_AFTER: dict[str, tuple[str | None, ...]] = {
    CustodyStatus.FULL: (None,),
    CustodyStatus.SUSPENDED: _HAS_CUSTODY,
    CustodyStatus.RESTORED: (CustodyStatus.SUSPENDED,),
    CustodyStatus.DEPRIVED: (*_HAS_CUSTODY, CustodyStatus.SUSPENDED),
    CustodyStatus.RESTORED_BY_COURT: (CustodyStatus.DEPRIVED,),
}


@transaction.atomic
def custody_record_add(
    *,
    actor: User,
    relation: ChildRepresentative,
    status: str,
    effective_from: datetime.date,
    decision_number: str = "",
    decided_by: str = "",
    grounds: str = "",
    note: str = "",
    source: str = CustodySource.MATTER,
) -> CustodyRecord:
    """Record a change in a parent's custody. History is appended in date order: suspension
    (with Civil Law 203 grounds) and restoration by the orphan's court, deprivation and
    restoration by a court. Decisions made in Sargs come here only from the orphan's court's
    matter (sargs/cases/court, inside its transaction); the registry's own pages call
    ``custody_history_add``."""
    if not child_policy.can_change(principal_for_user(actor), relation.child):
        raise PermissionDenied
    if relation.role == RepresentativeRole.GUARDIAN:
        raise ValidationError(_("Custody is recorded for parents only."))
    if status == CustodyStatus.SUSPENDED and not grounds:
        raise ValidationError({"grounds": _("Give the grounds for suspending custody.")})
    if status != CustodyStatus.SUSPENDED and grounds:
        raise ValidationError({"grounds": _("Grounds are given only when custody is suspended.")})
    if status != CustodyStatus.FULL and not decision_number:
        raise ValidationError({"decision_number": _("Give the decision or judgment number.")})
    last = relation.custody_records.order_by("-effective_from", "-pk").first()
    if last is not None and effective_from <= last.effective_from:
        raise ValidationError(
            {
                "effective_from": _(
                    "Custody changes are recorded in order: the last one is "
                    "in effect from %(date)s."
                )
                % {"date": last.effective_from.strftime("%d.%m.%Y")}
            },
            code="order",
        )
    current = last.status if last else None
    if current not in _ALLOWED_AFTER[status]:
        raise ValidationError(
            {"status": _("This change cannot follow the current custody status.")},
            code="transition",
        )
    record = CustodyRecord(
        relation=relation,
        status=status,
        effective_from=effective_from,
        decision_number=decision_number,
        decided_by=decided_by,
        grounds=grounds,
        note=note,
        source=source,
    )
    record.full_clean()
    record.save()
    return record


def custody_history_add(
    *,
    actor: User,
    relation: ChildRepresentative,
    status: str,
    effective_from: datetime.date,
    note: str,
    decision_number: str = "",
    decided_by: str = "",
    grounds: str = "",
) -> CustodyRecord:
    """Record custody history from before Sargs (the registry's own form), marked as such.
    A decision made while the child is in Sargs goes through the orphan's court's matter, so
    history must be dated before the child was registered here and before any decision
    recorded through a matter; it says where it comes from (``note``)."""
    if not note.strip():
        raise ValidationError(
            {"note": _("Say where this history comes from (e.g. the court's paper file).")}
        )
    registered_on = timezone.localdate(relation.child.created_at)
    if (
        effective_from >= registered_on
        or relation.custody_records.filter(source=CustodySource.MATTER).exists()
    ):
        raise ValidationError(
            {
                "effective_from": _(
                    "Only history from before the child was registered in Sargs (%(date)s) is "
                    "recorded here; a later decision of the orphan's court or a court judgment "
                    "is recorded on the orphan's court's matter in the family's case."
                )
                % {"date": registered_on.strftime("%d.%m.%Y")}
            },
            code="not_history",
        )
    return custody_record_add(
        actor=actor,
        relation=relation,
        status=status,
        effective_from=effective_from,
        decision_number=decision_number,
        decided_by=decided_by,
        grounds=grounds,
        note=note.strip(),
        source=CustodySource.HISTORICAL,
    )


__all__ = [
    "LikelyDuplicateError",
    "child_create",
    "child_update",
    "custody_history_add",
    "custody_on",
    "custody_record_add",
    "household_create",
    "representative_add",
    "representative_set_lives_with",
    "residence_add",
]
