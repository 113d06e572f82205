"""Reads for concerns and alerts, always through the policies."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from sargs.audit.services import record_views
from sargs.cases.casework.access import CASE_MANAGERS
from sargs.core.request_cache import once_per_request
from sargs.organisations.principal import Principal, principal_for
from sargs.registry.access import child_policy
from sargs.registry.models import Child, normalise_name

from .access import alert_policy, concern_policy
from .models import Alert, Concern, ConcernStatus

ConcernTab = Literal["triage", "ours", "closed"]
CONCERN_TABS: tuple[ConcernTab, ...] = ("triage", "ours", "closed")


def _concerns() -> QuerySet[Concern]:
    return Concern.objects.select_related(
        "reporting_institution", "municipality", "reported_by", "child", "residence_municipality"
    )


def concern_list(*, principal: Principal, tab: ConcernTab) -> QuerySet[Concern]:
    """Triage: new concerns the user's social service must triage (danger first, then by
    deadline). Ours: concerns the user's institutions reported. Closed: triaged ones."""
    if tab == "ours":
        return concern_policy.reported(principal, _concerns()).order_by("-created_at", "-pk")
    qs = concern_policy.visible(principal, _concerns())
    if tab == "triage":
        return qs.filter(
            municipality__in=CASE_MANAGERS.municipalities(principal), status=ConcernStatus.NEW
        ).order_by("-danger_to_life", "triage_due", "pk")
    return qs.exclude(status=ConcernStatus.NEW).order_by("-created_at", "-pk")


def concern_get(*, principal: Principal, pk: int) -> Concern:
    return concern_policy.get_visible_or_404(
        principal, _concerns().select_related("case", "child", "triaged_by"), pk=pk
    )


def concerns_record_read(
    *, request: HttpRequest, concerns: Sequence[Concern], **detail: Any
) -> None:
    """Record the read of the concerns shown and of each registered child they are about, on
    the child's own record (ADR 0003), in one INSERT. ``concerns`` come from ``_concerns()``,
    which fetched their children."""
    children = {c.child_id: c.child for c in concerns if c.child is not None}
    if concerns:
        record_views(request=request, objs=[*concerns, *children.values()], **detail)


def child_candidates(*, principal: Principal, concern: Concern) -> QuerySet[Child]:
    """Registry children the concern may be about: the same personal code, or the same name
    and birth date, among the children the user's registry holds."""
    match = Q(search_name=normalise_name(concern.child_first_name, concern.child_last_name))
    if concern.child_birth_date:
        match &= Q(birth_date=concern.child_birth_date)
    if concern.child_personal_code:
        match |= Q(personal_code=concern.child_personal_code)
    return child_policy.visible(principal, Child.objects.filter(match)).order_by(
        "last_name", "first_name", "pk"
    )[:10]


def open_alerts(*, principal: Principal) -> QuerySet[Alert]:
    return alert_policy.visible(
        principal,
        Alert.objects.filter(acknowledged_at__isnull=True).select_related(
            "concern", "recipient", "concern__municipality"
        ),
    ).order_by("created_at", "pk")


_OPEN_ALERT_COUNT = "cases.open_alert_count"


def open_alert_count_once(request: HttpRequest) -> int:
    """How many alerts the request's user's institutions have not acknowledged, counted once
    per request: the header's danger badge on every page, and the home page's alert panel."""
    return once_per_request(
        request,
        _OPEN_ALERT_COUNT,
        lambda: open_alerts(principal=principal_for(request)).order_by().count(),
    )


def open_alerts_first(request: HttpRequest, limit: int) -> list[Alert]:
    """The first ``limit`` open alerts of the request's user; fewer than ``limit`` are all of
    them, so the danger badge takes their number instead of counting (the worklist)."""
    alerts = list(open_alerts(principal=principal_for(request))[:limit])
    if len(alerts) < limit:
        once_per_request(request, _OPEN_ALERT_COUNT, lambda: len(alerts))
    return alerts


def concern_categories_of_cases(case_ids: Iterable[int]) -> list[tuple[int, list[str]]]:
    """(case, categories) of every concern of these cases, oldest concern first (for counts
    by category that read no child's data: the cooperation group's council report)."""
    return list(
        Concern.objects.filter(case_id__in=case_ids)
        .order_by("created_at", "pk")
        .values_list("case_id", "categories")
    )


# --- Data subjects' requests (sargs.subjects) --------------------------------------------------
def concern_records_about_child(child: Child) -> list[Any]:
    """Every concern about ``child`` (linked, or unlinked with the child's personal code in
    the child's municipality) and the alerts it raised. Reads only; the caller checks who may
    ask and leaves out what the law withholds (the reporter)."""
    about = Q(child=child)
    if child.personal_code:
        about |= Q(
            child__isnull=True,
            child_personal_code=child.personal_code,
            municipality_id=child.municipality_id,
        )
    concerns = list(_concerns().filter(about).order_by("created_at", "pk"))
    alerts = list(
        Alert.objects.filter(concern__in=concerns)
        .select_related("recipient", "concern")
        .order_by("created_at", "pk")
    )
    return [*concerns, *alerts]
