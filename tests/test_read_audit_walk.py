"""Every URL that can show a child records the read against that child (issue 14, ADR 0003).

The demo data set is loaded once; every URL pattern of the project is either walked (as a role
that may see it, with the id of a record that names a child) or listed below with the reason it
shows no child. A new URL with no decision fails the test. For each walked URL, the audit rows
the request wrote must name every child of the record it opened: an ``ACCESS`` entry on the
child's own record, which is what a search of the trail by the child finds.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db.models import F, Model, QuerySet
from django.urls import reverse
from django.utils import timezone

from sargs.audit.models import AuditEntry
from sargs.cases.casework.models import Case, CaseStatus, Task, TaskStatus
from sargs.cases.casework.selectors import worklist
from sargs.cases.casework.transfer_models import CaseTransfer
from sargs.cases.concerns.models import Concern
from sargs.cases.concerns.selectors import concern_list
from sargs.cases.court.models import Proceeding
from sargs.cases.court.selectors import placement_list, proceeding_list
from sargs.cases.court.services import proceeding_attach_support_record
from sargs.cases.npais.access import oversees
from sargs.cases.npais.selectors import entry_list
from sargs.cases.npais.services import npais_expectations_refresh
from sargs.cases.referrals.models import Referral
from sargs.cases.referrals.selectors import referral_list
from sargs.cooperation.models import AgendaItem, ItemKind, Meeting, MeetingStatus
from sargs.core.routes import own_routes
from sargs.organisations.models import Municipality, User
from sargs.organisations.principal import principal_for_user
from sargs.portal.casework_panels import SHOWN
from sargs.registry.models import Child
from sargs.responsibility.models import CostClaim, Handover, HandoverStatus
from sargs.subjects.models import RequestPerson

# --- What the walk opens --------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """The URL's arguments and the children the page must record reading. ``records``: other
    records the read must name, for a child known only as someone entered it (a cost claim
    about a child the viewer's registry does not keep has no child record to name)."""

    kwargs: dict[str, object]
    children: frozenset[int]
    query: str = ""
    post: dict[str, str] | None = None  # a search the page runs on POST
    records: frozenset[tuple[type[Model], int]] = field(default_factory=frozenset)


def _children_of_case(case: Case) -> frozenset[int]:
    return frozenset(case.children.values_list("pk", flat=True))


def _case() -> Case:
    """The demo's worked case: open, with tasks, a plan and an orphan's court matter."""
    case = (
        Case.objects.filter(status=CaseStatus.OPEN, tasks__isnull=False, proceedings__isnull=False)
        .distinct()
        .order_by("pk")
        .first()
    )
    assert case is not None, "the demo has no open case with tasks and a court matter"
    return case


def _meeting() -> Meeting:
    meeting = (
        Meeting.objects.filter(status=MeetingStatus.HELD, items__kind=ItemKind.CASE)
        .distinct()
        .first()
    )
    assert meeting is not None, "the demo has no held meeting with a case on its agenda"
    return meeting


def _meeting_children(meeting: Meeting) -> frozenset[int]:
    cases = AgendaItem.objects.filter(meeting=meeting, case__isnull=False).values("case")
    return frozenset(Child.objects.filter(cases__in=cases).values_list("pk", flat=True))


def case_target() -> Target:
    case = _case()
    return Target({"pk": case.pk}, _children_of_case(case))


def case_list_target() -> Target:
    return Target({}, _children_of_case(_case()))


def child_target() -> Target:
    child = _case().children.order_by("pk").first()
    assert child is not None
    return Target({"pk": child.pk}, frozenset({child.pk}))


def _subject_child() -> RequestPerson:
    person = RequestPerson.objects.filter(child__isnull=False).order_by("pk").first()
    assert person is not None, "the demo has a data subject request about a child"
    return person


def subject_request_target() -> Target:
    person = _subject_child()
    return Target({"pk": person.request_id}, frozenset({person.child_id}))


def subject_export_target(fmt: str) -> Callable[[], Target]:
    def target() -> Target:
        person = _subject_child()
        return Target(
            {"pk": person.request_id, "person_pk": person.pk, "fmt": fmt},
            frozenset({person.child_id}),
        )

    return target


def meeting_target() -> Target:
    meeting = _meeting()
    return Target({"pk": meeting.pk}, _meeting_children(meeting))


def meeting_document_target(fmt: str) -> Callable[[], Target]:
    def target() -> Target:
        meeting = _meeting()
        return Target({"pk": meeting.pk, "fmt": fmt}, _meeting_children(meeting))

    return target


def item_target() -> Target:
    item = AgendaItem.objects.filter(meeting=_meeting(), kind=ItemKind.CASE).first()
    assert item is not None and item.case is not None
    return Target({"pk": item.pk}, _children_of_case(item.case))


def group_target() -> Target:
    """The group of the held meeting; its page lists the open case tasks it agreed."""
    meeting = _meeting()
    tasks = Task.objects.filter(
        cooperation_task__decision__item__meeting__group=meeting.group_id,
        status=TaskStatus.OPEN,
        case__status=CaseStatus.OPEN,
    )
    children = Child.objects.filter(cases__tasks__in=tasks).values_list("pk", flat=True)
    return Target({"pk": meeting.group_id}, frozenset(children))


def worklist_target(user: str, tab: str) -> Callable[[], Target]:
    """The children of the cases of the open tasks the tab lists for ``user``."""

    def target() -> Target:
        tasks = Task.objects.filter(status=TaskStatus.OPEN, case__status=CaseStatus.OPEN)
        person = User.objects.get(username=user)
        if tab == "institution":
            tasks = tasks.filter(institution__memberships__user=person)
        else:
            tasks = tasks.filter(case__social_worker=person)
        children = Child.objects.filter(cases__tasks__in=tasks).values_list("pk", flat=True)
        return Target({}, frozenset(children), query=f"tab={tab}")

    return target


def referral_target() -> Target:
    referral = Referral.objects.filter(case__status=CaseStatus.OPEN).order_by("pk").first()
    assert referral is not None
    return Target({"pk": referral.pk}, _children_of_case(referral.case))


def proceeding_target() -> Target:
    proceeding = Proceeding.objects.filter(case=_case()).order_by("pk").first()
    assert proceeding is not None
    return Target({"pk": proceeding.pk}, _children_of_case(proceeding.case))


def concern_target() -> Target:
    concern = Concern.objects.filter(child__isnull=False).order_by("pk").first()
    assert concern is not None and concern.child_id is not None
    return Target({"pk": concern.pk}, frozenset({concern.child_id}))


def _principal(username: str):  # type: ignore[no-untyped-def]
    return principal_for_user(User.objects.get(username=username))


def _first_row_children(rows: QuerySet, case_of: Callable[[object], Case]) -> frozenset[int]:  # type: ignore[type-arg]
    """The children of the first row a list shows (any list shows its first row)."""
    first = rows.first()
    assert first is not None, "the demo gives the list no row"
    return _children_of_case(case_of(first))


def npais_target() -> Target:
    """The coordinator's NPAIS list (its page brings the expected entries up to date first):
    the first entry about a case."""
    principal = _principal("koordinators")
    for municipality in Municipality.objects.filter(pk__in=oversees(principal)):
        npais_expectations_refresh(municipality=municipality)
    entry = entry_list(principal=principal).filter(case__isnull=False).first()
    assert entry is not None and entry.case is not None, "the demo expects no NPAIS entry"
    return Target({}, _children_of_case(entry.case))


def home_target() -> Target:
    """The court member's home lists the nearest open matters: their children."""
    matters = proceeding_list(principal=_principal("barintiesa"))[:SHOWN]
    children = Child.objects.filter(cases__proceedings__in=list(matters)).values_list("pk")
    return Target({}, frozenset(pk for (pk,) in children))


def concern_list_target() -> Target:
    rows = concern_list(principal=_principal("socialais"), tab="closed")
    first = rows.first()
    assert first is not None and first.child_id is not None
    return Target({}, frozenset({first.child_id}), query="tab=closed")


def worklist_tab_target(tab: str) -> Callable[[], Target]:
    """The first task of a worklist tab. What is due this week or overdue depends on the day
    the test runs: when the tab is empty, one of the user's open tasks is made due today (due)
    or yesterday (overdue) first, so the tab always has a row."""

    def target() -> Target:
        principal = _principal("socialais")
        rows = worklist(principal=principal, tab=tab)  # type: ignore[arg-type]
        if not rows.exists():
            mine = worklist(principal=principal, tab="mine")
            task = mine.first() if tab == "due" else mine.last()
            assert task is not None, "the demo gives the social worker no open task"
            due = timezone.localdate() - datetime.timedelta(days=0 if tab == "due" else 1)
            Task.objects.filter(pk=task.pk).update(due_on=due)
        return Target({}, _first_row_children(rows, lambda t: t.case))  # type: ignore[attr-defined]

    return target


def referral_list_target() -> Target:
    rows = referral_list(principal=_principal("socialais"))
    return Target({}, _first_row_children(rows, lambda r: r.case))  # type: ignore[attr-defined]


def referral_api_list_target() -> Target:
    """The API lists open referrals newest first."""
    rows = referral_list(principal=_principal("socialais")).order_by("-pk")
    return Target({}, _first_row_children(rows, lambda r: r.case))  # type: ignore[attr-defined]


def proceeding_list_target() -> Target:
    rows = proceeding_list(principal=_principal("barintiesa"))
    return Target({}, _first_row_children(rows, lambda p: p.case))  # type: ignore[attr-defined]


def placement_list_target() -> Target:
    first = placement_list(principal=_principal("barintiesa")).order_by("pk").first()
    assert first is not None, "the demo has no placement"
    return Target({}, frozenset({first.child_id}))


def talk_case_target() -> Target:
    case = Case.objects.filter(talks__isnull=False).order_by("pk").first()
    assert case is not None, "the demo has no preventive talk"
    return Target({"pk": case.pk}, _children_of_case(case))


def child_search_target(api: bool) -> Callable[[], Target]:
    """A search by the worked case's child's last name finds (at least) that child."""

    def target() -> Target:
        child = _case().children.order_by("pk").first()
        assert child is not None
        if api:
            return Target({}, frozenset({child.pk}), query=f"name={child.last_name}")
        return Target({}, frozenset({child.pk}), post={"name": child.last_name})

    return target


def household_target() -> Target:
    child = _case().children.exclude(household=None).order_by("pk").first()
    assert child is not None and child.household_id is not None
    household_children = Child.objects.filter(household=child.household_id).values_list("pk")
    return Target({"pk": child.household_id}, frozenset(pk for (pk,) in household_children))


def _handover() -> Handover:
    """The demo's accepted handover (a Valmiera family moved to Smiltene, which now keeps the
    child's record and so sees the child's name in its list)."""
    handover = Handover.objects.filter(status=HandoverStatus.ACCEPTED).order_by("pk").first()
    assert handover is not None, "the demo has no handover"
    return handover


def handover_target() -> Target:
    handover = _handover()
    return Target({"pk": handover.pk}, frozenset({handover.child_id}))


def handover_list_target() -> Target:
    handover = _handover()
    return Target({}, frozenset({handover.child_id}), query="tab=closed")


def _claim(invoice: bool = False) -> CostClaim:
    claims = CostClaim.objects.order_by("pk")
    claim = (claims.exclude(invoice="") if invoice else claims).first()
    assert claim is not None, "the demo has no cost claim"
    return claim


def _claim_target(claim: CostClaim, kwargs: dict[str, object], query: str = "") -> Target:
    children = frozenset({claim.child_id}) if claim.child_id else frozenset()
    return Target(kwargs, children, query=query, records=frozenset({(CostClaim, claim.pk)}))


def claim_target() -> Target:
    claim = _claim()
    return _claim_target(claim, {"pk": claim.pk})


def claim_list_target() -> Target:
    """The claimant's list of the claims it made (only the claimant's list names the child)."""
    return _claim_target(_claim(), {}, query="tab=outgoing")


def claim_invoice_target() -> Target:
    claim = _claim(invoice=True)
    return _claim_target(claim, {"pk": claim.pk})


def concern_claim_target() -> Target:
    """A claim form from Valmiera's concern about a child living elsewhere."""
    concern = (
        Concern.objects.filter(residence_municipality__isnull=False)
        .exclude(residence_municipality=F("municipality"))
        .order_by("pk")
        .first()
    )
    assert concern is not None, "the demo has no concern about a child living elsewhere"
    children = frozenset({concern.child_id}) if concern.child_id else frozenset()
    return Target({"pk": concern.pk}, children, records=frozenset({(Concern, concern.pk)}))


def case_claim_target() -> Target:
    case = _case()
    child = case.children.order_by("pk").first()
    assert child is not None
    return Target({"pk": case.pk, "child_pk": child.pk}, frozenset({child.pk}))


def transfer_target(fmt: str | None) -> Callable[[], Target]:
    def target() -> Target:
        transfer = CaseTransfer.objects.order_by("pk").first()
        assert transfer is not None, "the demo has no case transfer"
        kwargs: dict[str, object] = {"pk": transfer.pk}
        if fmt:
            kwargs["fmt"] = fmt
        return Target(kwargs, frozenset({transfer.child_id}))

    return target


def attached_support_record_target() -> Target:
    """The worked case's matter with its support record attached (the court attaches it)."""
    proceeding = Proceeding.objects.filter(case=_case()).order_by("pk").first()
    assert proceeding is not None
    attachment = proceeding.support_records.order_by("pk").first()
    if attachment is None:
        attachment = proceeding_attach_support_record(
            proceeding=proceeding, actor=User.objects.get(username="barintiesa")
        )
    return Target(
        {"pk": proceeding.pk, "doc_pk": attachment.pk}, _children_of_case(proceeding.case)
    )


# URL name -> (who opens it, what). Each may see the record in the demo.
WALK: dict[str, tuple[str, Callable[[], Target]]] = {
    # Cooperation group: pages, documents and the API.
    "cooperation:group-detail": ("koordinators", group_target),
    "cooperation:meeting-detail": ("koordinators", meeting_target),
    "cooperation:item-detail": ("koordinators", item_target),
    "cooperation:meeting-invitation": ("sadarbiba", meeting_document_target("pdf")),
    "cooperation:meeting-minutes": ("socialais", meeting_document_target("docx")),
    "api:cooperation-meeting-detail": ("sadarbiba", meeting_target),
    # Worklist: page tabs and the API.
    "cases:worklist": ("socialais", worklist_target("socialais", "mine")),
    "cases:worklist-institution": ("skola", worklist_target("skola", "institution")),
    "api:worklist": ("socialais", worklist_target("socialais", "mine")),
    # Cases, the registry and the orphan's court (recorded in their views).
    "cases:case-list": ("socialais", case_list_target),
    "cases:case-detail": ("socialais", case_target),
    "cases:plan": ("socialais", case_target),
    "cases:support-record": ("barintiesa", case_target),
    "cases:support-record-export": ("barintiesa", case_target),
    "cases:referral-detail": ("socialais", referral_target),
    "cases:proceeding-detail": ("barintiesa", proceeding_target),
    "registry:child-detail": ("socialais", child_target),
    "api:case-list": ("socialais", case_list_target),
    "api:case-detail": ("socialais", case_target),
    "api:child-detail": ("socialais", child_target),
    # The home page, concerns, lists, the court's and referrals' API (issue 14 gaps closed).
    "portal:home": ("barintiesa", home_target),
    "cases:concern-list": ("socialais", concern_list_target),
    "cases:concern-detail": ("socialais", concern_target),
    "api:concern-list": ("socialais", concern_list_target),
    "api:concern-detail": ("socialais", concern_target),
    "cases:worklist-due": ("socialais", worklist_tab_target("due")),
    "cases:worklist-overdue": ("socialais", worklist_tab_target("overdue")),
    "cases:referral-list": ("socialais", referral_list_target),
    "cases:proceeding-list": ("barintiesa", proceeding_list_target),
    "cases:talk-list": ("socialais", talk_case_target),
    "cases:crisis-calls": ("socialais", case_target),
    "cases:police-part": ("socialais", case_target),
    "cases:npais-list": ("koordinators", npais_target),
    "cases:proceeding-support-record-download": ("barintiesa", attached_support_record_target),
    "api:referral-list": ("socialais", referral_api_list_target),
    "api:referral-detail": ("socialais", referral_target),
    "api:proceeding-list": ("barintiesa", proceeding_list_target),
    "api:proceeding-detail": ("barintiesa", proceeding_target),
    "api:placement-list": ("barintiesa", placement_list_target),
    "api:case-talks": ("socialais", talk_case_target),
    "api:case-support-record": ("barintiesa", case_target),
    "api:case-plan": ("socialais", case_target),
    # Data subject requests: the people on a request, and what is handed over.
    "subjects:request-detail": ("datuaizsardziba", subject_request_target),
    "subjects:person-export": ("datuaizsardziba", subject_export_target("json")),
    # The registry.
    "registry:child-search": ("socialais", child_search_target(api=False)),
    "api:child-list": ("socialais", child_search_target(api=True)),
    "api:child-jurisdiction": ("socialais", child_target),
    "registry:child-edit": ("socialais", child_target),
    "registry:household-detail": ("socialais", household_target),
    # Responsibility: handovers, cost claims, transfers.
    "responsibility:handover-list": ("smiltene", handover_list_target),
    "responsibility:handover-detail": ("smiltene", handover_target),
    "api:handover-detail": ("smiltene", handover_target),
    "responsibility:claim-list": ("smiltene", claim_list_target),
    "responsibility:claim-detail": ("smiltene", claim_target),
    "api:cost-claim-list": ("smiltene", claim_list_target),
    "responsibility:claim-invoice": ("socialais", claim_invoice_target),
    "cases:concern-claim": ("socialais", concern_claim_target),
    "cases:case-claim": ("socialais", case_claim_target),
    "cases:transfer-detail": ("smiltene", transfer_target(None)),
    "cases:transfer-document": ("smiltene", transfer_target("pdf")),
}

# --- What the walk does not open, and why ---------------------------------------------------

# Pages that show a child but do not yet record the read on the child's own record: none left
# (issue 14 closed them). A URL may wait here only with its area and why; remove it from here
# when the area records the child, and add it to WALK.
KNOWN_GAPS: dict[str, str] = {}

NO_CHILD: dict[str, tuple[str, ...]] = {
    "signs in, out or manages the user's own account": (
        "accounts:login",
        "accounts:logout",
        "accounts:otp-verify",
        "accounts:otp-setup",
        "accounts:recovery-codes",
        "accounts:security",
        "accounts:token-revoke",
        "accounts:password-change",
        "accounts:password-reset",
        "accounts:password-reset-done",
        "accounts:password-reset-confirm",
        "accounts:password-reset-complete",
        "core:health",
        "core:set-language",
        "api:schema",
        "api:me",
    ),
    "organisations, staff and services: no child": (
        "organisations:institution-list",
        "organisations:institution-detail",
        "organisations:user-list",
        "organisations:user-create",
        "organisations:user-detail",
        "organisations:user-set-active",
        "organisations:membership-end",
        "services:catalogue-list",
        "services:catalogue-create",
        "services:catalogue-edit",
        "services:contract-list",
        "services:contract-create",
        "services:contract-edit",
        "services:provider-staff",
        "services:crisis-team-list",
        "services:crisis-team-detail",
        "services:crisis-member-add",
        "services:crisis-shift-add",
        "services:crisis-shift-delete",
        "services:capacity",
        "api:municipality-list",
        "api:institution-list",
        "api:institution-detail",
        "api:service-catalogue",
        "api:service-contracts",
        "api:service-capacity",
        "api:crisis-team-rota",
        "api:jurisdiction",
    ),
    "the audit trail itself: reading it is not a read of a child's record; a search about a "
    "person is recorded against that person (issue 14, point 6)": (
        "api:audit-list",
        "audit:entry-list",
        "audit:entry-export",
    ),
    "handovers over the API list ids and municipalities, no identity; a handover's GET names "
    "the child and is walked": ("api:handover-list",),
    "the foster family register: families and how many children are placed, no child named": (
        "cases:foster-family-list",
    ),
    "search pickers: institutions and users to choose on a form, no child": (
        "cases:case-institution-search",
        "cases:referral-provider-search",
        "cooperation:group-new-search",
        "cooperation:group-search",
    ),
    "data subject requests: the list names who asked and how many people, no child; the new "
    "request's form is empty": (
        "subjects:request-list",
        "subjects:request-create",
    ),
    "a lookup by one exact personal code: the registry's recorded lookup writes the read of "
    "the person found (sargs.subjects.services.person_lookup)": ("subjects:person-lookup",),
    "aggregates only (counts, suppressed 1-4), no child named": (
        "cases:service-results",
        "cases:outcomes",
        "cases:service-results-summary",
        "responsibility:claim-totals",
        "api:case-outcomes",
        "api:service-results",
        "api:service-results-summary",
        "api:cost-claim-totals",
        "cooperation:group-report",
        "cooperation:report-index",
    ),
    "cooperation: group settings, members and meetings lists name staff, not children": (
        "cooperation:group-list",
        "cooperation:group-create",
        "cooperation:group-edit",
        "cooperation:group-bylaws",
        "cooperation:meeting-create",
        "api:cooperation-group-list",
        "api:cooperation-group-detail",
        "api:cooperation-meeting-list",
    ),
    "writes: a POST that redirects (its form errors re-render pages walked above)": (
        "registry:child-create",
        "registry:representative-add",
        "registry:residence-add",
        "registry:representative-residence-add",
        "registry:custody-add",
        "registry:household-create",
        "registry:representative-link",
        "cases:case-child-add",
        "cases:crisis-agreement",
        "cases:police-assessment",
        "cases:police-prevention",
        "cases:npais-confirm",
        "subjects:person-add",
        "subjects:request-answer",
        "subjects:correction-create",
        "cases:case-sibling-register",
        "cases:foster-family-status",
        "cases:proceeding-support-record-attach",
        "responsibility:handover-accept",
        "responsibility:handover-dispute",
        "responsibility:handover-resubmit",
        "responsibility:handover-withdraw",
        "responsibility:claim-create",
        "responsibility:claim-accept",
        "responsibility:claim-dispute",
        "responsibility:claim-withdraw",
        "responsibility:claim-answer",
        "responsibility:claim-code",
        "cases:task-create",
        "cases:note-add",
        "cases:participant-add",
        "cases:assessment-create",
        "cases:case-close",
        "cases:plan-agree",
        "cases:task-complete",
        "cases:task-cancel",
        "cases:concern-create",
        "cases:concern-accept",
        "cases:concern-register",
        "cases:concern-close",
        "cases:alert-acknowledge",
        "cases:referral-create",
        "cases:referral-accept",
        "cases:referral-waitlist",
        "cases:referral-cooperation",
        "cases:referral-assistant",
        "cases:referral-start",
        "cases:referral-session",
        "cases:referral-complete",
        "cases:referral-end",
        "cases:proceeding-open",
        "cases:proceeding-remedy",
        "cases:proceeding-extend",
        "cases:proceeding-decide",
        "cases:proceeding-judgment",
        "cases:placement-start",
        "cases:placement-end",
        "cases:talk-create",
        "cooperation:member-add",
        "cooperation:member-end",
        "cooperation:group-activate",
        "cooperation:task-done",
        "cooperation:item-add",
        "cooperation:guest-invite",
        "cooperation:attendance",
        "cooperation:confidentiality-confirm",
        "cooperation:meeting-overdue",
        "cooperation:meeting-close",
        "cooperation:item-decide",
        "api:handover-accept",
        "api:handover-dispute",
        "api:handover-withdraw",
        "api:cost-claim-accept",
        "api:cost-claim-dispute",
        "api:cost-claim-withdraw",
        "api:concern-accept",
        "api:concern-close",
        "api:alert-acknowledge",
        "api:case-task-create",
        "api:case-assessment-create",
        "api:case-close",
        "api:case-plan-agree",
        "api:task-complete",
        "api:case-referral-create",
        "api:referral-action",
        "api:proceeding-remedy",
        "api:proceeding-extend",
        "api:proceeding-decide",
        "api:proceeding-judgment",
        "api:proceeding-action",
        "api:case-placement-create",
        "api:cooperation-decision-record",
    ),
}

# Situation assessment and the programme hold aggregates and plans, never a child's record.
NO_CHILD_NAMESPACES = {
    "assessment": "situation assessment: figures per institution and municipality, no child",
    "programme": "programme: plans, budgets, reports and anonymous questionnaires, no child",
}
NO_CHILD_API_PREFIXES = {
    "api:assessment-": "situation assessment over the API: figures, no child",
    "api:programme-": "programme over the API: plans and reports, no child",
}


def _decision(name: str) -> str | None:
    """Why the walk treats ``name`` as it does; None when nobody decided."""
    if name in WALK:
        return "walked"
    if name in KNOWN_GAPS:
        return KNOWN_GAPS[name]
    for reason, names in NO_CHILD.items():
        if name in names:
            return reason
    if name.split(":", 1)[0] in NO_CHILD_NAMESPACES:
        return NO_CHILD_NAMESPACES[name.split(":", 1)[0]]
    for prefix, reason in NO_CHILD_API_PREFIXES.items():
        if name.startswith(prefix):
            return reason
    return None


def test_every_url_has_a_decision_about_children() -> None:
    names = {route.name for route in own_routes()}
    undecided = sorted(name for name in names if _decision(name) is None)
    assert not undecided, f"say whether these URLs show a child (WALK or NO_CHILD): {undecided}"
    stale = sorted((set(WALK) | set(KNOWN_GAPS)) - names)
    assert not stale, f"no such URL any more: {stale}"


def _named(since: int, model: type[Model] = Child) -> set[int]:
    """The records of ``model`` the reads recorded since entry ``since`` name."""
    return {
        int(pk)
        for pk in AuditEntry.objects.filter(
            pk__gt=since,
            action=AuditEntry.Action.ACCESS,
            content_type=ContentType.objects.get_for_model(model),
        ).values_list("object_pk", flat=True)
    }


def _last_entry() -> int:
    last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    return last or 0


@pytest.mark.django_db
def test_every_page_that_shows_a_child_records_reading_that_child(client_for) -> None:
    call_command("demo_data", verbosity=0)
    clients = {}
    failures = []
    for name, (username, target_of) in WALK.items():
        try:
            target = target_of()
        except AssertionError as missing_demo:
            failures.append(f"{name}: {missing_demo}")
            continue
        if not (target.children or target.records):
            failures.append(f"{name}: the demo gives no child to look for")
            continue
        if username not in clients:
            clients[username] = client_for(User.objects.get(username=username))
        url = reverse(name, kwargs=target.kwargs)
        if target.query:
            url = f"{url}?{target.query}"
        since = _last_entry()
        client = clients[username]
        response = client.get(url) if target.post is None else client.post(url, target.post)
        if response.status_code != 200:
            failures.append(f"{name} as {username}: {response.status_code} for {url}")
            continue
        missing = target.children - _named(since)
        if missing:
            failures.append(f"{name} as {username}: no audit row names children {sorted(missing)}")
        for model, pk in target.records:
            if pk not in _named(since, model):
                failures.append(f"{name} as {username}: no audit row names {model.__name__} {pk}")
    assert not failures, "\n".join(failures)
