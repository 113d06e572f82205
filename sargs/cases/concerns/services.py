"""Writes for concerns and alerts: report, acknowledge, triage into a case or close. Each
service takes keyword arguments only, runs in one transaction, checks the actor against the
policy and refuses an invalid transition with a ValidationError a person can act on; auditlog
records every change and notifications leave only after the commit."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.cases.casework.access import CASE_MANAGERS, CASE_PARTICIPANTS
from sargs.cases.casework.family_selectors import earlier_family_case
from sargs.cases.casework.family_services import case_reopen
from sargs.cases.casework.messages import message
from sargs.cases.casework.models import Case, CaseChild, EntryKind, ParticipantRole
from sargs.cases.casework.services import case_participant_join, timeline_entry_add
from sargs.core.terms import CONCERN_DANGER_TRIAGE, CONCERN_TRIAGE
from sargs.core.transitions import lock_for_transition
from sargs.core.workdays import add_working_days, is_working_day, next_working_day
from sargs.organisations.models import Institution, Municipality, User
from sargs.organisations.principal import principal_for_user
from sargs.organisations.roles import CHILD_DATA_ROLES, InstitutionType
from sargs.registry import personal_codes
from sargs.registry import services as registry_services
from sargs.registry.access import child_policy
from sargs.registry.models import Child
from sargs.responsibility.selectors import responsible_for_residence

from .access import concern_policy
from .models import Alert, Concern, ConcernCategory, ConcernStatus

# What taking a concern up does with the family's closed case (issue 15, point 4).
EARLIER_NEW = "new"
EARLIER_REOPEN = "reopen"

ALERTED_TYPES = (InstitutionType.SOCIAL_SERVICE.value, InstitutionType.ORPHANS_COURT.value)


def _today() -> datetime.date:
    return timezone.localdate()


def triage_working_days() -> int:
    return CONCERN_TRIAGE.value


def triage_due(*, danger: bool, today: datetime.date) -> datetime.date:
    """The triage deadline: the ordinary term, or for danger to life or health its own term
    (default 0: the same working day, or the next one when reported on a day off)."""
    if not danger:
        return add_working_days(today, triage_working_days())
    days = CONCERN_DANGER_TRIAGE.value
    start = today if is_working_day(today) else next_working_day(today)
    return add_working_days(start, days)


def _checked_categories(categories: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(categories))
    valid = set(ConcernCategory.values)
    if not chosen:
        raise ValidationError({"categories": _("Choose at least one category.")})
    if any(c not in valid for c in chosen):
        raise ValidationError({"categories": _("Choose categories from the list.")})
    return chosen


def _alert_recipients(municipality_ids: set[int]) -> list[Institution]:
    return list(
        Institution.objects.filter(
            municipality__in=municipality_ids, type__in=ALERTED_TYPES, is_active=True
        ).order_by("pk")
    )


def _notify(recipients: list[Institution]) -> None:
    """E-mail each recipient that has an address. The message names no child: the reader
    opens Sargs (signed in, second factor) to see who it is about."""
    addresses = [i.email for i in recipients if i.email]
    if not addresses:
        return
    send_mail(
        subject=_("Sargs: danger to a child's life or health reported"),
        message=_(
            "A concern about danger to a child's life or health was reported to your "
            "institution. Open your worklist in Sargs now."
        ),
        from_email=None,
        recipient_list=addresses,
        fail_silently=True,
    )


@transaction.atomic
def concern_report(
    *,
    actor: User,
    reporting_institution: Institution,
    child_first_name: str,
    child_last_name: str,
    child_birth_date: datetime.date | None,
    categories: Iterable[str],
    description: str,
    observed_on: datetime.date,
    place: str,
    observed_by: str,
    child_personal_code: str = "",
    place_detail: str = "",
    danger_to_life: bool = False,
    municipality: Municipality | None = None,
    residence_municipality: Municipality | None = None,
    residence_address: str = "",
) -> Concern:
    """Record a concern about a child. With danger to life or health, the social service and
    orphan's court are alerted in the same transaction: of the municipality where the child
    is, of the one the BTAL 67 engine makes responsible from where the child lives, and of the
    one keeping the child's record (when the personal code finds it)."""
    principal = principal_for_user(actor)
    if not any(
        g.institution_id == reporting_institution.pk and g.role in CHILD_DATA_ROLES
        for g in principal.grants
    ):
        raise PermissionDenied
    municipality = municipality or reporting_institution.municipality
    if municipality is None:
        raise ValidationError(
            {"municipality": _("Choose the municipality where the child is.")}, code="required"
        )
    code = ""
    if child_personal_code:
        try:
            code = personal_codes.parse(child_personal_code).code
        except ValidationError as error:
            raise ValidationError({"child_personal_code": error.messages}) from None
    if observed_on > _today():
        raise ValidationError({"observed_on": _("The date must not be in the future.")})
    concern = Concern(
        municipality=municipality,
        reporting_institution=reporting_institution,
        reported_by=actor,
        child_first_name=child_first_name.strip(),
        child_last_name=child_last_name.strip(),
        child_birth_date=child_birth_date,
        child_personal_code=code,
        categories=_checked_categories(categories),
        description=description,
        observed_on=observed_on,
        place=place,
        place_detail=place_detail,
        observed_by=observed_by,
        danger_to_life=danger_to_life,
        residence_municipality=residence_municipality,
        residence_address=(residence_address or "").strip(),
        triage_due=triage_due(danger=danger_to_life, today=_today()),
    )
    concern.full_clean()
    concern.save()
    if danger_to_life:
        where = {municipality.pk}
        keeper = Child.objects.filter(personal_code=code).values_list("municipality_id", flat=True)
        if code:
            where |= set(keeper)
        if residence_municipality is not None:
            responsible = responsible_for_residence(
                residence=residence_municipality, where=municipality, today=_today()
            )
            if responsible is not None:
                where.add(responsible.pk)
        recipients = _alert_recipients(where)
        Alert.objects.bulk_create([Alert(recipient=r, concern=concern) for r in recipients])
        transaction.on_commit(lambda: _notify(recipients))
    return concern


@transaction.atomic
def alert_acknowledge(*, alert: Alert, actor: User) -> Alert:
    """The recipient institution confirms it has seen the alert."""
    alert = Alert.objects.select_for_update().get(pk=alert.pk)
    if alert.recipient_id not in CASE_PARTICIPANTS.institutions(principal_for_user(actor)):
        raise PermissionDenied
    if alert.acknowledged_at is not None:
        raise ValidationError(_("This alert has already been acknowledged."))
    alert.acknowledged_at = timezone.now()
    alert.acknowledged_by = actor
    alert.full_clean()
    alert.save()
    return alert


def _locked_concern(concern: Concern, actor: User) -> Concern:
    """The concern locked and still new: of two coordinators triaging it at once, the second
    waits for the first and is then told it has been triaged."""

    def authorise(locked: Concern) -> None:
        if not concern_policy.can_change(principal_for_user(actor), locked):
            raise PermissionDenied

    return lock_for_transition(
        Concern.objects.all(),
        concern.pk,
        allowed=[ConcernStatus.NEW],
        message=_("This concern has already been triaged."),
        authorise=authorise,
    )


def _owner_institution(municipality_id: int, actor: User) -> Institution:
    """The social service in charge: the actor's own in that municipality, else the first."""
    social = Institution.objects.filter(
        municipality_id=municipality_id, type=InstitutionType.SOCIAL_SERVICE, is_active=True
    )
    mine = social.filter(pk__in=CASE_PARTICIPANTS.institutions(principal_for_user(actor))).first()
    owner = mine or social.order_by("pk").first()
    if owner is None:
        raise ValidationError(_("The municipality has no social service in Sargs."))
    return owner


def _family_case(child: Child) -> Case | None:
    """The open case of the child, or of a sibling in the same household."""
    links = CaseChild.objects.filter(active=True).select_related("case")
    link = links.filter(child=child).first()
    if link is None and child.household_id is not None:
        link = links.filter(child__household_id=child.household_id).first()
    return link.case if link is not None else None


@transaction.atomic
def concern_accept(
    *, concern: Concern, actor: User, child: Child, earlier: str = EARLIER_NEW
) -> Case:
    """Take a concern up: link it to the registry child and to the family's open case (the
    child's or a sibling's), or open a new case kept by the child's municipality. When the
    family's case was closed, ``earlier`` says whether to reopen it (``"reopen"``) or to open
    a new case that records it as the earlier one (``"new"``, the default)."""
    concern = _locked_concern(concern, actor)
    principal = principal_for_user(actor)
    if not child_policy.visible(principal, Child.objects.filter(pk=child.pk)).exists():
        raise ValidationError({"child": _("Choose a child from your municipality's registry.")})
    if child.municipality_id not in CASE_MANAGERS.municipalities(principal):
        raise PermissionDenied
    if earlier not in (EARLIER_NEW, EARLIER_REOPEN):
        raise ValidationError({"earlier": _("Choose whether to reopen the earlier case.")})
    case = _family_case(child)
    previous = earlier_family_case(child) if case is None else None
    if previous is not None and earlier == EARLIER_REOPEN:
        case = case_reopen(case=previous, actor=actor)
    elif earlier == EARLIER_REOPEN and case is None:
        raise ValidationError({"earlier": _("The family has no closed case to reopen.")})
    today = _today()
    if case is None:
        case = Case(
            municipality_id=child.municipality_id,
            social_worker=actor,
            opened_on=today,
            previous_case=previous,
        )
        case.full_clean()
        case.save()
        case_participant_join(
            case=case,
            institution=_owner_institution(child.municipality_id, actor),
            role=ParticipantRole.OWNER,
        )
    if not CaseChild.objects.filter(case=case, child=child).exists():
        CaseChild.objects.create(case=case, child=child, added_on=today)
    case_participant_join(
        case=case, institution=concern.reporting_institution, role=ParticipantRole.REPORTER
    )
    if concern.danger_to_life:
        for court in Institution.objects.filter(
            municipality_id=case.municipality_id, type=InstitutionType.ORPHANS_COURT
        ):
            case_participant_join(case=case, institution=court, role=ParticipantRole.COURT)
    concern.status = ConcernStatus.ACCEPTED
    concern.child = child
    concern.case = case
    concern.triaged_at = timezone.now()
    concern.triaged_by = actor
    concern.full_clean()
    concern.save()
    timeline_entry_add(
        case=case,
        actor=concern.reported_by,
        kind=EntryKind.CONCERN,
        text=message(
            "concern_reported", categories=list(concern.categories), description=concern.description
        ),
    )
    timeline_entry_add(
        case=case,
        actor=actor,
        kind=EntryKind.TAKEN_UP,
        text=message("concern_taken_up", date=timezone.localdate(concern.created_at)),
        institutions=[concern.reporting_institution_id],
    )
    return case


@transaction.atomic
def concern_accept_new_child(
    *, concern: Concern, actor: User, sex: str, municipality: Municipality | None = None
) -> Case:
    """Register the child the concern names (it was not in the registry), then take it up."""
    concern = _locked_concern(concern, actor)
    child = registry_services.child_create(
        actor=actor,
        municipality=municipality or concern.municipality,
        first_name=concern.child_first_name,
        last_name=concern.child_last_name,
        birth_date=concern.child_birth_date,
        personal_code=concern.child_personal_code,
        sex=sex,
        confirm_likely_duplicate=False,
    )
    return concern_accept(concern=concern, actor=actor, child=child)


@transaction.atomic
def concern_close(*, concern: Concern, actor: User, reason: str) -> Concern:
    """Close a concern without a case, saying why (e.g. no grounds found, another municipality)."""
    concern = _locked_concern(concern, actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for closing the concern.")})
    concern.status = ConcernStatus.CLOSED
    concern.closed_reason = reason.strip()
    concern.triaged_at = timezone.now()
    concern.triaged_by = actor
    concern.full_clean()
    concern.save()
    return concern


def concern_delete_for_retention(*, concerns: Iterable[Concern]) -> dict[str, int]:
    """Removes concerns closed without a case whose retention period is over (sargs/retention)."""
    from sargs.core.deletion import delete_with_dependants

    return delete_with_dependants(concerns)
