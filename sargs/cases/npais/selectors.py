"""Reads for NPAIS oversight: the entries a person sees, the per-institution summary for the
coordinator (one aggregate query), and the content to copy into NPAIS."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.organisations.principal import Principal

from .access import visible_entries
from .models import NpaisEntry, NpaisTrigger


def entry_list(*, principal: Principal) -> QuerySet[NpaisEntry]:
    return visible_entries(
        principal,
        NpaisEntry.objects.select_related(
            "institution", "concern", "proceeding", "case", "confirmed_by"
        ),
    ).order_by("confirmed_at", "due_on", "pk")


def _late() -> Q:
    today = timezone.localdate()
    return Q(confirmed_at__isnull=True, due_on__lt=today) | Q(confirmed_at__date__gt=F("due_on"))


@dataclass
class InstitutionRow:
    institution: str
    expected: int
    confirmed: int
    late: int


def institution_summary(*, entries: QuerySet[NpaisEntry]) -> list[InstitutionRow]:
    """Per institution: entries expected, confirmed, late (not confirmed by the term, or
    confirmed after it)."""
    rows = (
        entries.order_by()
        .values("institution__name")
        .annotate(
            expected=Count("pk"),
            confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
            late=Count("pk", filter=_late()),
        )
        .order_by("institution__name")
    )
    return [
        InstitutionRow(r["institution__name"], r["expected"], r["confirmed"], r["late"])
        for r in rows
    ]


def entry_content(entry: NpaisEntry) -> str:
    """The words to copy into NPAIS: who, what, when, where Sargs holds it."""
    labels = dict(NpaisTrigger.choices)
    lines = []
    if entry.concern is not None:
        c = entry.concern
        lines.append(_("Child: %(name)s") % {"name": f"{c.child_first_name} {c.child_last_name}"})
        if c.child_birth_date:
            lines.append(_("Born: %(date)s") % {"date": c.child_birth_date.strftime("%d.%m.%Y")})
        lines.append(_("What was seen: %(text)s") % {"text": c.description})
    if entry.proceeding is not None:
        p = entry.proceeding
        lines.append(
            _("Orphan's court matter: %(kind)s, opened %(date)s")
            % {"kind": p.get_kind_display(), "date": p.opened_on.strftime("%d.%m.%Y")}
        )
        if p.decided_on:
            lines.append(
                _("Decision of %(date)s: %(decision)s")
                % {"date": p.decided_on.strftime("%d.%m.%Y"), "decision": p.decision}
            )
    lines.append(
        _("Reason (MK regulation No. 157 point 4): %(triggers)s")
        % {"triggers": ", ".join(str(labels.get(t, t)) for t in entry.triggers)}
    )
    lines.append(_("Event date: %(date)s") % {"date": entry.event_on.strftime("%d.%m.%Y")})
    if entry.case_id:
        lines.append(_("Sargs case No. %(pk)s") % {"pk": entry.case_id})
    return "\n".join(lines)


def is_late(entry: NpaisEntry) -> bool:
    today = timezone.localdate()
    if entry.confirmed_at is None:
        return entry.due_on < today
    return timezone.localtime(entry.confirmed_at).date() > entry.due_on


# --- Data subjects' requests (sargs.subjects) --------------------------------------------------
def npais_records_about(*, case_ids: list[int], concern_ids: list[int]) -> list[NpaisEntry]:
    """The NPAIS entries owed on these cases or concerns. Reads only."""
    return list(
        NpaisEntry.objects.filter(Q(case_id__in=case_ids) | Q(concern_id__in=concern_ids))
        .select_related("institution")
        .order_by("pk")
    )
