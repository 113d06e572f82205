"""Home panels for work on children's cases: triage, alerts, tasks, plans, referrals and the
orphan's court's matters. Each reads the selector of the list it links to."""

from __future__ import annotations

import datetime

from django.db.models import Count
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sargs.cases.casework.selectors import plans_to_review, worklist, worklist_counts_once
from sargs.cases.concerns.models import ConcernStatus
from sargs.cases.concerns.selectors import concern_list, open_alert_count_once, open_alerts
from sargs.cases.court.selectors import open_deprivation_reviews, proceeding_list, remedy_terms
from sargs.cases.referrals.models import ReferralStatus
from sargs.cases.referrals.selectors import provider_referrals, referrals_in_progress
from sargs.cooperation.selectors import institution_group_tasks

from .panels import HomeContext, Line, Tone, url

SHOWN = 5  # items listed under a count; the list behind the link has the rest
SOON = datetime.timedelta(days=7)


def day(value: datetime.date) -> str:
    return value.strftime("%d.%m.%Y")


def _due_tone(due: datetime.date, today: datetime.date) -> Tone:
    if due < today:
        return "urgent"
    return "warn" if due <= today + SOON else ""


def triage(ctx: HomeContext) -> list[Line]:
    """New concerns the social service must accept or close, danger first."""
    qs = concern_list(principal=ctx.principal, tab="triage")
    total = worklist_counts_once(ctx.request).triage  # counted with the tasks' counts
    if not total:
        return []
    concerns = list(qs[:SHOWN])
    ctx.shown.extend(concerns)
    lines = [
        Line(
            ngettext("%(n)s concern to triage", "%(n)s concerns to triage", total) % {"n": total},
            url("cases:concern-list", query="tab=triage"),
            count=total,
        )
    ]
    for concern in concerns:
        note = _("triage by %(date)s") % {"date": day(concern.triage_due)}
        if concern.danger_to_life:
            note = _("danger to life or health; %(note)s") % {"note": note}
        lines.append(
            Line(
                f"{concern.child_first_name} {concern.child_last_name}",
                url("cases:concern-detail", concern.pk),
                note=note,
                tone="urgent"
                if concern.danger_to_life
                else _due_tone(concern.triage_due, ctx.today),
            )
        )
    return lines


def alerts(ctx: HomeContext) -> list[Line]:
    """Unacknowledged alerts of danger to a child's life or health sent to my institutions."""
    qs = open_alerts(principal=ctx.principal)
    total = open_alert_count_once(ctx.request)  # the header's badge counted them already
    if not total:
        return []
    items = list(qs[:SHOWN])
    ctx.shown.extend(a.concern for a in items)
    lines = [
        Line(
            ngettext("%(n)s alert to acknowledge", "%(n)s alerts to acknowledge", total)
            % {"n": total},
            url("cases:worklist"),
            count=total,
            tone="urgent",
        )
    ]
    for alert in items:
        lines.append(
            Line(
                f"{alert.concern.child_first_name} {alert.concern.child_last_name}",
                url("cases:concern-detail", alert.concern_id),
                note=_("sent %(date)s to %(institution)s")
                % {"date": day(alert.created_at.date()), "institution": alert.recipient.name},
                tone="urgent",
            )
        )
    return lines


def _task_lines(ctx: HomeContext, tasks: list) -> list[Line]:  # type: ignore[type-arg]
    ctx.shown.extend(tasks)
    return [
        Line(
            task.name,
            url("cases:case-detail", task.case_id),
            note=_("due %(date)s") % {"date": day(task.due_on)},
            tone=_due_tone(task.due_on, ctx.today),
        )
        for task in tasks
    ]


def tasks_due(ctx: HomeContext) -> list[Line]:
    """Overdue and this week's tasks (mine and my institution's), then my next open tasks."""
    figures = worklist_counts_once(ctx.request)  # one query for every tab's count
    n_overdue, n_due, n_mine = figures.overdue, figures.due, figures.mine
    mine = worklist(principal=ctx.principal, tab="mine")
    counts = (
        (
            n_overdue,
            "cases:worklist-overdue",
            "urgent",
            ngettext("%(n)s task overdue", "%(n)s tasks overdue", n_overdue),
        ),
        (
            n_due,
            "cases:worklist-due",
            "warn",
            ngettext("%(n)s task due this week", "%(n)s tasks due this week", n_due),
        ),
        (
            n_mine,
            "cases:worklist",
            "",
            ngettext("%(n)s open task of mine", "%(n)s open tasks of mine", n_mine),
        ),
    )
    lines = [
        Line(label % {"n": n}, url(name), count=n, tone=tone)  # type: ignore[arg-type]
        for n, name, tone, label in counts
        if n
    ]
    if n_mine:
        lines += _task_lines(ctx, list(mine[:SHOWN]))
    return lines


def plans(ctx: HomeContext) -> list[Line]:
    """The current plans of my open cases, the nearest review first."""
    qs = plans_to_review(principal=ctx.principal)
    soon = qs.filter(review_on__lte=ctx.today + datetime.timedelta(days=30)).count()
    items = list(qs[:SHOWN])
    if not items:
        return []
    lines = []
    if soon:
        lines.append(
            Line(
                ngettext(
                    "%(n)s plan to review within 30 days",
                    "%(n)s plans to review within 30 days",
                    soon,
                )
                % {"n": soon},
                url("cases:case-list"),
                count=soon,
                tone="warn",
            )
        )
    for plan in items:
        lines.append(
            Line(
                _("%(case)s, plan version %(version)s")
                % {"case": capfirst(str(plan.case)), "version": plan.version},
                url("cases:plan", plan.case_id),
                note=_("review by %(date)s") % {"date": day(plan.review_on)},
                tone=_due_tone(plan.review_on, ctx.today),
            )
        )
    return lines


CONCERN_STATUS_LINES = (
    (ConcernStatus.NEW, "warn"),
    (ConcernStatus.ACCEPTED, "ok"),
    (ConcernStatus.CLOSED, ""),
)


def our_concerns(ctx: HomeContext) -> list[Line]:
    """What became of the concerns my institution reported, by status (one query)."""
    rows = (
        concern_list(principal=ctx.principal, tab="ours")
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
    )
    counts = {row["status"]: row["n"] for row in rows}
    link = url("cases:concern-list", query="tab=ours")
    labels = {
        ConcernStatus.NEW: _("Waiting for the social service"),
        ConcernStatus.ACCEPTED: _("Taken up in a case"),
        ConcernStatus.CLOSED: _("Closed without a case"),
    }
    return [
        Line(str(labels[status]), link, count=counts[status], tone=tone)  # type: ignore[arg-type]
        for status, tone in CONCERN_STATUS_LINES
        if counts.get(status)
    ]


def institution_tasks(ctx: HomeContext) -> list[Line]:
    """Open tasks given to my institution: on cases, and the cooperation group's own."""
    qs = worklist(principal=ctx.principal, tab="institution")
    total = worklist_counts_once(ctx.request).institution
    group_tasks = institution_group_tasks(principal=ctx.principal).count()
    lines = []
    if total:
        lines.append(
            Line(
                ngettext("%(n)s task on a case", "%(n)s tasks on cases", total) % {"n": total},
                url("cases:worklist-institution"),
                count=total,
            )
        )
    if group_tasks:
        lines.append(
            Line(
                ngettext(
                    "%(n)s task from a cooperation group",
                    "%(n)s tasks from cooperation groups",
                    group_tasks,
                )
                % {"n": group_tasks},
                url("cooperation:group-list"),
                count=group_tasks,
            )
        )
    if total:
        lines += _task_lines(ctx, list(qs[:SHOWN]))
    return lines


REFERRAL_LINES = (
    (ReferralStatus.REQUESTED, "warn"),
    (ReferralStatus.WAITING, ""),
    (ReferralStatus.ACCEPTED, "warn"),
    (ReferralStatus.IN_PROGRESS, "ok"),
)


def referrals(ctx: HomeContext) -> list[Line]:
    """Open referrals to my institution by what they wait for (one query)."""
    rows = (
        provider_referrals(principal=ctx.principal)
        .order_by()
        .values("status")
        # COUNT(*), not COUNT(id): read from the (provider, status) index alone (issue 20).
        .annotate(n=Count("*"))
    )
    counts = {row["status"]: row["n"] for row in rows}
    link = url("cases:referral-list")
    labels = {
        ReferralStatus.REQUESTED: _("New, to accept or put on the waiting list"),
        ReferralStatus.WAITING: _("On the waiting list"),
        ReferralStatus.ACCEPTED: _("Accepted, to start"),
        ReferralStatus.IN_PROGRESS: _("In progress"),
    }
    return [
        Line(str(labels[status]), link, count=counts[status], tone=tone)  # type: ignore[arg-type]
        for status, tone in REFERRAL_LINES
        if counts.get(status)
    ]


def sessions(ctx: HomeContext) -> list[Line]:
    """Services in progress, the longest without a recorded session first."""
    items = list(referrals_in_progress(principal=ctx.principal)[:SHOWN])
    ctx.shown.extend(items)
    lines = []
    for referral in items:
        last = referral.last_session_on
        lines.append(
            Line(
                _("%(service)s, %(case)s")
                % {"service": referral.service.name, "case": referral.case},
                url("cases:referral-detail", referral.pk),
                note=_("last session %(date)s") % {"date": day(last)}
                if last
                else _("no session recorded yet"),
                tone="warn"
                if last is None or last < ctx.today - datetime.timedelta(days=14)
                else "",
            )
        )
    return lines


def court_matters(ctx: HomeContext) -> list[Line]:
    """Open matters of my orphan's court, the nearest decision deadline first."""
    qs = proceeding_list(principal=ctx.principal)
    total = qs.count()
    if not total:
        return []
    items = list(qs[:SHOWN])
    ctx.shown.extend(items)
    lines = [
        Line(
            ngettext("%(n)s open matter", "%(n)s open matters", total) % {"n": total},
            url("cases:proceeding-list"),
            count=total,
        )
    ]
    for proceeding in items:
        lines.append(
            Line(
                _("%(matter)s, %(case)s")
                % {"matter": proceeding.get_kind_display(), "case": proceeding.case},
                url("cases:proceeding-detail", proceeding.pk),
                note=_("decision due %(date)s") % {"date": day(proceeding.decision_due)},
                tone=_due_tone(proceeding.decision_due, ctx.today),
            )
        )
    return lines


def reviews(ctx: HomeContext) -> list[Line]:
    """One-year reviews after suspending custody (Civil Law 203) still to decide."""
    qs = open_deprivation_reviews(principal=ctx.principal)
    items = list(qs[:SHOWN])
    ctx.shown.extend(r.proceeding for r in items)
    return [
        Line(
            _("%(parent)s, %(case)s")
            % {"parent": review.relation.representative.full_name, "case": review.proceeding.case},
            url("cases:proceeding-detail", review.proceeding_id),
            note=_("decide by %(date)s") % {"date": day(review.task.due_on)},
            tone=_due_tone(review.task.due_on, ctx.today),
        )
        for review in items
    ]


def remedies(ctx: HomeContext) -> list[Line]:
    """Terms the court gave parents to remedy the situation, the nearest end first."""
    items = list(remedy_terms(principal=ctx.principal)[:SHOWN])
    ctx.shown.extend(items)
    return [
        Line(
            _("%(matter)s, %(case)s")
            % {"matter": proceeding.get_kind_display(), "case": proceeding.case},
            url("cases:proceeding-detail", proceeding.pk),
            note=_("term ends %(date)s") % {"date": day(proceeding.remedy_until)},
            tone=_due_tone(proceeding.remedy_until, ctx.today),
        )
        for proceeding in items
        if proceeding.remedy_until
    ]
