"""Home panels for the municipality's own work: the indicator collection and assessment, the
programme, handovers and cost claims, cooperation meetings and the users. Each reads the
selector of the page it links to; none shows a child."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sargs.assessment import selectors as assessment
from sargs.assessment.access import (
    coordinated_municipalities,
    dashboard_municipalities,
    reporter_institutions,
)
from sargs.assessment.models import SubmissionStatus
from sargs.cooperation.selectors import upcoming_meetings
from sargs.core.request_cache import once_per_request
from sargs.organisations.models import Municipality
from sargs.organisations.selectors import user_counts
from sargs.programme.selectors import ProgrammeStatus, programme_status
from sargs.responsibility.selectors import claim_counts, handover_counts
from sargs.subjects.selectors import open_request_counts

from .casework_panels import SHOWN, day
from .panels import HomeContext, Line, url

NOT_SUBMITTED = ("not_started", "draft", "returned", "reopened")


def collection(ctx: HomeContext) -> list[Line]:
    """The current period's collection in each municipality I coordinate: how many
    institutions submitted (to approve), were approved, and have not submitted yet."""
    period = assessment.open_periods(ctx.today).first()
    if period is None:
        return []
    municipalities = Municipality.objects.filter(
        pk__in=coordinated_municipalities(ctx.principal)
    ).order_by("name")
    lines = []
    for municipality in municipalities:
        counts = assessment.submission_status_counts(municipality, period)
        link = url(
            "assessment:period-submissions", period.pk, query=f"municipality={municipality.pk}"
        )
        prefix = f"{period}" if len(municipalities) == 1 else f"{municipality.name}, {period}"
        missing = sum(counts[key] for key in NOT_SUBMITTED)
        lines += [
            Line(
                _("%(period)s: submitted, to approve") % {"period": prefix},
                link,
                count=counts[SubmissionStatus.SUBMITTED],
                tone="warn" if counts[SubmissionStatus.SUBMITTED] else "",
            ),
            Line(_("Approved"), link, count=counts[SubmissionStatus.APPROVED], tone="ok"),
            Line(
                _("Not submitted yet (deadline %(date)s)") % {"date": day(period.deadline)},
                link,
                count=missing,
                tone="urgent" if missing and period.deadline < ctx.today else "",
            ),
        ]
    return lines


def latest_assessment(ctx: HomeContext) -> list[Line]:
    """The latest frozen situation assessment I may read, with its report."""
    latest = assessment.latest_frozen_assessments(principal=ctx.principal).first()
    if latest is None:
        return []
    frozen = f" ({day(latest.frozen_at.date())})" if latest.frozen_at else ""
    return [
        Line(
            _("Situation assessment %(year)s, %(municipality)s: the report")
            % {"year": latest.year, "municipality": latest.municipality.name},
            url("assessment:report-download", latest.pk, "pdf"),
            note=_("frozen") + frozen,
        ),
        Line(_("Indicators and comparisons"), url("assessment:dashboard")),
    ]


def _programme_status(ctx: HomeContext) -> ProgrammeStatus | None:
    """The monitoring table behind two panels (monitoring, council reports), built once."""
    return once_per_request(
        ctx.request,
        "programme_status",
        lambda: programme_status(principal=ctx.principal, today=ctx.today),
    )


def monitoring(ctx: HomeContext) -> list[Line]:
    """The programme's next reporting date and its activities that are late or at risk."""
    status = _programme_status(ctx)
    if status is None:
        return []
    programme = status.programme
    link = url("programme:monitoring", programme.pk)
    lines = [
        Line(
            programme.title,
            url("programme:programme-detail", programme.pk),
            note=_("approved by the council") if status.approved else _("not approved yet"),
            tone="ok" if status.approved else "warn",
        )
    ]
    if status.next_report:
        lines.append(
            Line(
                _("Next reports on the activities due"),
                link,
                note=day(status.next_report.due_on),
            )
        )
    if status.approved:
        labels = (
            ("late", _("Activities late"), "urgent"),
            ("at_risk", _("Activities at risk"), "warn"),
            ("not_reported", _("Activities not reported on yet"), ""),
            ("on_track", _("Activities on track"), "ok"),
        )
        lines += [
            Line(str(label), link, count=status.tracks[key], tone=tone)  # type: ignore[arg-type]
            for key, label, tone in labels
            if status.tracks[key]
        ]
    return lines


def council_reports(ctx: HomeContext) -> list[Line]:
    """The latest reports for the council: the assessment, the programme's council report and
    the cooperation groups' reports."""
    lines = latest_assessment(ctx)[:1]
    status = _programme_status(ctx)
    if status is not None and status.approved:
        lines.append(
            Line(
                _("Programme council report: %(title)s") % {"title": status.programme.title},
                url("programme:council-report-pdf", status.programme.pk),
            )
        )
    if lines:
        lines.append(Line(_("Cooperation group reports"), url("cooperation:report-index")))
    return lines


def handovers(ctx: HomeContext) -> list[Line]:
    """Handovers and cost claims waiting on either side (two queries)."""
    handover = handover_counts(principal=ctx.principal)
    claim = claim_counts(principal=ctx.principal)
    rows = (
        (_("Handovers to decide (to us)"), "handover-list", "incoming", handover["incoming"]),
        (
            _("Our handovers waiting for an answer"),
            "handover-list",
            "outgoing",
            handover["outgoing"],
        ),
        (_("Cost claims to pay or dispute"), "claim-list", "incoming", claim["incoming"]),
        (_("Our cost claims waiting for an answer"), "claim-list", "outgoing", claim["outgoing"]),
    )
    return [
        Line(
            str(label),
            url(f"responsibility:{name}", query=f"tab={tab}"),
            count=n,
            tone="warn" if tab == "incoming" else "",
        )
        for label, name, tab, n in rows
        if n
    ]


def indicator_reports(ctx: HomeContext) -> list[Line] | None:
    """My institution's indicator reports: returned for correction first, then open ones.
    Left out for institutions that report no indicator."""
    if not reporter_institutions(ctx.principal):
        return None
    returned = list(assessment.returned_submissions(principal=ctx.principal)[:SHOWN])
    lines = [
        Line(
            _("%(institution)s, %(period)s: returned for correction")
            % {"institution": s.institution.name, "period": s.period},
            url("assessment:submission-detail", s.pk),
            tone="urgent",
        )
        for s in returned
    ]
    periods = assessment.open_periods(ctx.today)
    open_ones = (
        assessment.own_submissions(principal=ctx.principal)
        .filter(period__in=periods)
        .exclude(status=SubmissionStatus.RETURNED)
    )
    for submission in open_ones[:SHOWN]:
        lines.append(
            Line(
                f"{submission.institution.name}, {submission.period}",
                url("assessment:submission-detail", submission.pk),
                note=str(submission.get_status_display()),
                tone="ok" if submission.status == SubmissionStatus.APPROVED else "",
            )
        )
    if not lines and periods.exists():
        lines.append(Line(_("Start this period's report"), url("assessment:collection")))
    return lines


def national(ctx: HomeContext) -> list[Line]:
    """How many municipalities' assessments of the latest year are frozen, and the dashboard."""
    frozen = assessment.latest_frozen_assessments(principal=ctx.principal)
    latest = frozen.first()
    if latest is None:
        return []
    done = frozen.filter(year=latest.year).count()
    total = dashboard_municipalities(ctx.principal).count()
    return [
        Line(
            ngettext(
                "%(year)s: %(n)s of %(total)s municipality's assessment frozen",
                "%(year)s: %(n)s of %(total)s municipalities' assessments frozen",
                total,
            )
            % {"year": latest.year, "n": done, "total": total},
            url("assessment:report-list"),
            count=done,
        ),
        Line(_("National dashboard: indicators by municipality"), url("assessment:dashboard")),
    ]


def meetings(ctx: HomeContext) -> list[Line]:
    """The cooperation group meetings ahead that I may open, the nearest first."""
    items = list(upcoming_meetings(principal=ctx.principal, today=ctx.today)[:SHOWN])
    return [
        Line(
            _("%(group)s, meeting No. %(number)s")
            % {"group": meeting.group.name, "number": meeting.number},
            url("cooperation:meeting-detail", meeting.pk),
            note=f"{day(meeting.date)} {meeting.time:%H:%M}, {meeting.place}",
        )
        for meeting in items
    ]


def users(ctx: HomeContext) -> list[Line]:
    """The users I manage, and those who hold no role (to give one or deactivate)."""
    counts = user_counts(principal=ctx.principal)
    link = url("organisations:user-list")
    lines = [Line(_("Users"), link, count=counts["total"])]
    if counts["without_role"]:
        lines.append(
            Line(_("Users without a role"), link, count=counts["without_role"], tone="warn")
        )
    lines.append(Line(_("Institutions"), url("organisations:institution-list")))
    return lines


def subject_requests(ctx: HomeContext) -> list[Line]:
    """Data subjects' requests still open, and those past their month (GDPR art. 12(3))."""
    counts = open_request_counts(principal=ctx.principal, today=ctx.today)
    link = url("subjects:request-list", query="status=open")
    lines = [Line(_("Open requests"), link, count=counts["open"])]
    if counts["overdue"]:
        lines.append(
            Line(_("Past the one-month answer term"), link, count=counts["overdue"], tone="urgent")
        )
    return lines
