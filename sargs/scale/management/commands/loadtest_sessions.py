from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from sargs.accounts.services import api_token_create
from sargs.organisations.models import Membership, Municipality, User
from sargs.organisations.roles import InstitutionType, Role
from sargs.scale.benchmark.measure import largest_municipality
from sargs.scale.loadtest_pages import PAGES, RECORD_KINDS, records_needed, users_per_role

RECORDS_PER_KIND = 200
# Where a role's load-test users work when other institution types hold the role too: the
# social service's social workers keep the cases (a hospital's or care home's do not).
INSTITUTION_TYPES: dict[str, tuple[InstitutionType, ...]] = {
    Role.SOCIAL_WORKER: (InstitutionType.SOCIAL_SERVICE,),
}


def _session(user: User) -> dict[str, str]:
    """A signed-in session that has passed the second factor, as the load test's browser."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="load test", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    # Django accepts the unmasked 32-character secret as the form token too.
    return {"sessionid": session.session_key or "", "csrftoken": secrets.token_hex(16)}


def _model(label: str) -> Any:
    return apps.get_model(label)


def _cases(role: str, membership: Membership, municipality: Municipality) -> QuerySet[Any]:
    cases = _model("cases.Case").objects.filter(municipality=municipality, status="open")
    if role == Role.SOCIAL_WORKER:
        own = cases.filter(social_worker=membership.user)
        cases = own if own.exists() else cases
    elif role == Role.POLICE_OFFICER:
        cases = cases.filter(
            Q(participants__institution=membership.institution)
            | Q(concerns__reporting_institution=membership.institution)
        ).distinct()
    # The long case files first: the heaviest pages a worker opens.
    return cases.annotate(n=Count("timeline")).order_by("-n", "pk")


def _groups(role: str, membership: Membership, municipality: Municipality) -> QuerySet[Any]:
    groups = _model("cooperation.CooperationGroup").objects.filter(municipality=municipality)
    if role not in (Role.COORDINATOR, Role.COUNCILLOR):  # others: the groups they sit in
        groups = groups.filter(members__person=membership.user).distinct()
    return groups.order_by("pk")


Finder = Callable[[str, Membership, Municipality], QuerySet[Any]]
# Per record kind: the records this user's pages are about, their own where the role has its
# own (a social worker's cases, a court's matters, a school's concerns), else their
# municipality's.
FINDERS: dict[str, Finder] = {
    "case": _cases,
    "task": lambda role, m, municipality: _model("cases.Task")
    .objects.filter(
        Q(case__social_worker=m.user) | Q(assignee=m.user),
        case__municipality=municipality,
        status="open",
    )
    .order_by("pk"),
    "proceeding": lambda role, m, municipality: _model("cases.Proceeding")
    .objects.filter(court=m.institution)
    .order_by("-opened_on", "pk"),
    "concern": lambda role, m, municipality: _model("cases.Concern")
    .objects.filter(reporting_institution=m.institution)
    .order_by("-pk"),
    "group": _groups,
    "programme": lambda role, m, municipality: _model("programme.Programme")
    .objects.filter(municipality=municipality)
    .order_by("-start_year", "pk"),
    "version": lambda role, m, municipality: _model("programme.ProgrammeVersion")
    .objects.filter(programme__municipality=municipality)
    .order_by("-pk"),
    "submission": lambda role, m, municipality: _model("assessment.Submission")
    .objects.filter(institution=m.institution)
    .order_by("-pk"),
    "referral": lambda role, m, municipality: _model("cases.Referral")
    .objects.filter(Q(assistant=m.user) | Q(provider=m.institution))
    .order_by("-pk"),
    "indicator": lambda role, m, municipality: _model("assessment.Indicator").objects.order_by(
        "code"
    ),
}
KEY_FIELD = {"indicator": "code"}  # the page's address holds the code, not the id


def _records(kind: str, role: str, membership: Membership, municipality: Municipality) -> list[Any]:
    qs = FINDERS[kind](role, membership, municipality)
    return list(qs.values_list(KEY_FIELD.get(kind, "pk"), flat=True)[:RECORDS_PER_KIND])


def _memberships(role: str, municipality: Municipality) -> list[Membership]:
    """Members holding ``role`` in the municipality (national analysts: the state's), in the
    institutions whose daily pages the load test is about; social workers with the most open
    cases first."""
    qs = Membership.objects.filter(role=role, user__is_active=True, valid_to=None)
    if role != Role.NATIONAL_ANALYST:
        qs = qs.filter(institution__municipality=municipality)
    if role in INSTITUTION_TYPES:
        qs = qs.filter(institution__type__in=INSTITUTION_TYPES[role])
    if role == Role.SOCIAL_WORKER:
        open_cases = (
            _model("cases.Case")
            .objects.filter(social_worker=OuterRef("user_id"), status="open")
            .values("social_worker")
            .annotate(n=Count("pk"))
            .values("n")
        )
        qs = qs.annotate(n=Subquery(open_cases)).order_by(F("n").desc(nulls_last=True), "pk")
    else:
        qs = qs.order_by("pk")
    one_each: dict[int, Membership] = {}
    for membership in qs.select_related("user", "institution"):
        one_each.setdefault(membership.user_id, membership)
    return list(one_each.values())


class Command(BaseCommand):
    help = (
        "Sign in load-test users of every role with daily pages (in the busiest municipality; "
        "national analysts of the state) and write their sessions and the records their pages "
        "are about, for bin/loadtest."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--output", required=True)
        parser.add_argument(
            "--users", type=int, default=20, help="simulated users, shared out by role (MIX)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Load-test sessions are never made on a production database.")
        municipality = largest_municipality()
        if not _model("cases.Case").objects.filter(municipality=municipality).exists():
            raise CommandError("No cases: generate data first (manage.py generate_data).")
        result: dict[str, list[dict[str, Any]]] = {}
        for role, wanted in users_per_role(options["users"]).items():
            result[role] = []
            needed = records_needed(role)
            wants_token = any(page.api for page in PAGES[role])
            for membership in _memberships(role, municipality)[:wanted]:
                records = {
                    kind: _records(kind, role, membership, municipality)
                    for kind in RECORD_KINDS
                    if kind in needed
                }
                entry: dict[str, Any] = {**_session(membership.user), "records": records}
                if wants_token:
                    entry["token"] = api_token_create(
                        user=membership.user, name="load test", days=1
                    )[1]
                result[role].append(entry)
                for kind, pks in records.items():
                    if not pks:
                        self.stderr.write(f"{role}: a user has no {kind}; those pages are skipped")
        Path(options["output"]).write_text(json.dumps(result))
        counts = ", ".join(f"{len(users)} {role}" for role, users in result.items())
        self.stdout.write(f"Signed in for {municipality.name}: {counts}.")
