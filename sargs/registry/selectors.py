"""Reads for the registry, always through the access policies, and the jurisdiction answer."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db.models import Model, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Concat

from sargs.jurisdiction.engine import Decision, decide
from sargs.jurisdiction.facts import CareFacts, ChildFacts, ParentFacts, Scenario
from sargs.jurisdiction.selectors import municipality_snapshot_load
from sargs.jurisdiction.snapshot import ResolutionError
from sargs.jurisdiction.texts import Lang
from sargs.organisations.models import Institution, Municipality
from sargs.organisations.principal import Principal
from sargs.organisations.roles import InstitutionType

from . import personal_codes
from .access import child_policy, household_policy, registry_municipalities
from .models import (
    Child,
    ChildRepresentative,
    CustodyRecord,
    CustodyStatus,
    Household,
    LegalRepresentative,
    ResidenceKind,
    ResidenceRecord,
    normalise_name,
)

SIMILAR_NAME_RATIO = 0.85
ENGINE_ROLES = ("mother", "father")


def child_search(
    *,
    principal: Principal,
    name: str = "",
    personal_code: str = "",
    birth_date: datetime.date | None = None,
) -> QuerySet[Child]:
    """Children the principal may see, matching every given criterion."""
    qs = child_policy.visible(principal, Child.objects.select_related("municipality", "household"))
    words = normalise_name(name).split()
    for word in words:
        qs = qs.filter(search_name__contains=word)
    if personal_code:
        qs = qs.filter(personal_code=personal_codes.compact(personal_code))
    if birth_date:
        qs = qs.filter(birth_date=birth_date)
    if words:
        # By name: the same order, spelled as an expression so that PostgreSQL finds the
        # matches by the trigram index and sorts them, rather than walking every child of
        # the municipality in name order until a page of matches turns up. That walk took
        # 29 ms for "Bērziņ" and 1,055 ms for "Zariņ" in Rīga at ten times the country; the
        # matches sorted take 45-125 ms whatever the name (issue 20).
        return qs.order_by(Concat("last_name", Value("")), "first_name", "pk")
    return qs.order_by("last_name", "first_name", "pk")


def child_detail_queryset() -> QuerySet[Child]:
    """Children with everything the child's page and the engine read, in a fixed query count."""
    residences = ResidenceRecord.objects.select_related("municipality")
    return Child.objects.select_related("municipality", "household", "school").prefetch_related(
        Prefetch("residences", queryset=residences),
        Prefetch(
            "representations",
            queryset=ChildRepresentative.objects.select_related("representative").prefetch_related(
                Prefetch("representative__residences", queryset=residences),
                Prefetch("custody_records", queryset=CustodyRecord.objects.all()),
            ),
        ),
    )


def child_get(*, principal: Principal, pk: int) -> Child:
    """One visible child with its residences, representatives and custody; 404 otherwise."""
    return child_policy.get_visible_or_404(principal, child_detail_queryset(), pk=pk)


def household_list(*, principal: Principal) -> QuerySet[Household]:
    return household_policy.visible(principal, Household.objects.select_related("municipality"))


def household_get(*, principal: Principal, pk: int) -> Household:
    children = Child.objects.select_related("municipality")
    return household_policy.get_visible_or_404(
        principal,
        Household.objects.select_related("municipality").prefetch_related(
            Prefetch("children", queryset=children), "adults"
        ),
        pk=pk,
    )


def registry_municipality_choices(*, principal: Principal) -> QuerySet[Municipality]:
    """Municipalities in which the principal may register children."""
    return Municipality.objects.filter(pk__in=registry_municipalities(principal))


def school_choices(*, principal: Principal) -> QuerySet[Institution]:
    """Schools and kindergartens (any municipality: children go to school elsewhere too)."""
    return Institution.objects.filter(type=InstitutionType.SCHOOL, is_active=True).select_related(
        "municipality"
    )


def likely_duplicates(
    *,
    first_name: str,
    last_name: str,
    birth_date: datetime.date,
    exclude_pk: int | None = None,
    municipality_id: int | None = None,
) -> list[Child]:
    """Children born the same day whose name is the same or similar, in one query; only those
    ``municipality_id`` keeps when given (a registration never learns of another's records).

    Same: equal after dropping case and diacritics. Similar: a difflib ratio of at least 0.85
    on the normalised full names (catches typos and swapped letters, not a different name).
    """
    wanted = normalise_name(first_name, last_name)
    same_day = Child.objects.filter(birth_date=birth_date).select_related("municipality")
    if exclude_pk is not None:
        same_day = same_day.exclude(pk=exclude_pk)
    if municipality_id is not None:
        same_day = same_day.filter(municipality_id=municipality_id)
    return [
        child
        for child in same_day
        if child.search_name == wanted
        or SequenceMatcher(None, child.search_name, wanted).ratio() >= SIMILAR_NAME_RATIO
    ]


# --- As-of answers over prefetched histories (no queries) -------------------------------------


def residence_on(
    records: Iterable[ResidenceRecord], kind: str, day: datetime.date
) -> ResidenceRecord | None:
    """The residence of ``kind`` in effect on ``day`` among ``records``."""
    found = [r for r in records if r.kind == kind and r.is_valid_on(day)]
    return max(found, key=lambda r: r.valid_from) if found else None


def custody_on(relation: ChildRepresentative, day: datetime.date) -> CustodyRecord | None:
    """The custody record in effect on ``day`` (``None``: nothing recorded, full custody)."""
    found = [r for r in relation.custody_records.all() if r.effective_from <= day]
    return max(found, key=lambda r: (r.effective_from, r.pk)) if found else None


def custody_status_on(relation: ChildRepresentative, day: datetime.date) -> str:
    record = custody_on(relation, day)
    return record.status if record else CustodyStatus.FULL.value


def _atvk(record: ResidenceRecord | None) -> str | None:
    return record.municipality.atvk if record else None


@dataclass(frozen=True)
class ResidenceSummary:
    """The residences in effect on a day, for the child's page."""

    declared: ResidenceRecord | None
    actual: ResidenceRecord | None
    temporary: ResidenceRecord | None


def residences_on(records: Iterable[ResidenceRecord], day: datetime.date) -> ResidenceSummary:
    records = list(records)
    return ResidenceSummary(
        declared=residence_on(records, ResidenceKind.DECLARED, day),
        actual=residence_on(records, ResidenceKind.ACTUAL, day),
        temporary=residence_on(records, ResidenceKind.TEMPORARY, day),
    )


# Out-of-family care is recorded above the registry (cases: placements by the orphan's court);
# that app registers a source here so the engine sees it without the registry importing it.
CareSource = Callable[[Child, datetime.date], CareFacts | None]
_CARE_SOURCES: list[CareSource] = []


def register_care_source(source: CareSource) -> None:
    """Let a later app say whether a child is in out-of-family care on a day, and which
    municipality decided it (BTAL 67(4)): ``source(child, day)`` returns ``CareFacts`` or
    None. Call from ``AppConfig.ready``."""
    if source not in _CARE_SOURCES:
        _CARE_SOURCES.append(source)


def care_on(child: Child, as_of: datetime.date) -> CareFacts | None:
    """The child's out-of-family care in effect on ``as_of``, from the registered sources."""
    for source in _CARE_SOURCES:
        facts = source(child, as_of)
        if facts is not None:
            return facts
    return None


def scenario_for_child(child: Child, as_of: datetime.date) -> Scenario:
    """The jurisdiction engine's facts for ``child`` as the registry knows them on ``as_of``.

    Parents are the mother and father links (guardians are not part of the engine's contract);
    the child lives with those marked so. Out-of-family care comes from the registered care
    sources (``register_care_source``); the registry records no danger: ``in_danger`` is False.
    """
    own = residences_on(child.residences.all(), as_of)
    parents: list[ParentFacts] = []
    lives_with: list[str] = []
    for relation in child.representations.all():
        if relation.role not in ENGINE_ROLES:
            continue
        theirs = residences_on(relation.representative.residences.all(), as_of)
        parents.append(
            ParentFacts(
                role=relation.role,  # type: ignore[arg-type]
                declared_residence=_atvk(theirs.declared),
                actual_residence=_atvk(theirs.actual),
            )
        )
        if relation.lives_with_child:
            lives_with.append(relation.role)
    return Scenario(
        as_of=as_of,
        child=ChildFacts(
            declared_residence=_atvk(own.declared),
            actual_location=_atvk(own.actual),
            temporary_residence=_atvk(own.temporary),
            lives_with=tuple(lives_with),  # type: ignore[arg-type]
            in_danger=False,
            out_of_family_care=care_on(child, as_of),
        ),
        parents=tuple(parents),
    )


@dataclass(frozen=True)
class JurisdictionAnswer:
    """The engine's decision, or why the registry's data could not be put to it."""

    decision: Decision | None
    error: str = ""


def child_jurisdiction(child: Child, as_of: datetime.date, lang: Lang) -> JurisdictionAnswer:
    """Ask the BTAL 67 engine which municipality is responsible for ``child`` on ``as_of``."""
    scenario = scenario_for_child(child, as_of)
    try:
        return JurisdictionAnswer(decide(scenario, municipality_snapshot_load(), lang))
    except ResolutionError as error:
        return JurisdictionAnswer(None, str(error))


def household_adult_match(
    *,
    household_id: int | None,
    first_name: str,
    last_name: str,
    birth_date: datetime.date | None = None,
    personal_code: str | None = None,
) -> LegalRepresentative | None:
    """The adult of the household who is the person described: the same name (case and
    diacritics aside), and no contradicting birth date or personal code. Parents are entered
    once per household and linked to each child (issue 15, point 4)."""
    if household_id is None:
        return None
    same = LegalRepresentative.objects.filter(
        household_id=household_id, search_name=normalise_name(first_name, last_name)
    )
    if birth_date is not None:
        same = same.filter(Q(birth_date__isnull=True) | Q(birth_date=birth_date))
    if personal_code:
        same = same.filter(Q(personal_code__isnull=True) | Q(personal_code=personal_code))
    return same.order_by("pk").first()


def household_adults_for(child: Child) -> QuerySet[LegalRepresentative]:
    """Adults of the child's household not yet linked to the child: the parents a brother or
    sister already has, to be linked rather than entered again."""
    if child.household_id is None:
        return LegalRepresentative.objects.none()
    return (
        LegalRepresentative.objects.filter(household_id=child.household_id)
        .exclude(representations__child=child)
        .order_by("last_name", "first_name", "pk")
    )


# --- Data subjects' requests (sargs.subjects) --------------------------------------------------
def records_about_child(child: Child) -> list[Model]:
    """Every registry record about ``child``: the child, the household, the links to their
    representatives (naming them), residences and custody records. Reads only; the caller
    checks who may ask (a data protection officer answering a request, GDPR art. 15)."""
    records: list[Model] = [child]
    if child.household_id:
        records.append(Household.objects.get(pk=child.household_id))
    relations = list(
        ChildRepresentative.objects.filter(child=child).select_related("representative")
    )
    records += relations
    records += list(ResidenceRecord.objects.filter(child=child).select_related("municipality"))
    records += list(CustodyRecord.objects.filter(relation__in=relations).select_related("relation"))
    return records


def records_about_representative(representative: LegalRepresentative) -> list[Model]:
    """Every registry record about a parent or guardian: their own record, household, their
    links to children, residences and the custody records of those links. Reads only."""
    records: list[Model] = [representative]
    if representative.household_id:
        records.append(Household.objects.get(pk=representative.household_id))
    relations = list(
        ChildRepresentative.objects.filter(representative=representative).select_related("child")
    )
    records += relations
    records += list(
        ResidenceRecord.objects.filter(representative=representative).select_related("municipality")
    )
    records += list(CustodyRecord.objects.filter(relation__in=relations).select_related("relation"))
    return records
