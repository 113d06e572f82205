"""Step "audit": the audit trail a year of work would have left.

One "create" entry for every household, parent and child (what django-auditlog writes when
a record is added through the services), and "access" entries for children's pages opened
by staff of the same municipality over the year before the base date (what ``record_view``
writes); for each case a create entry and three views; a create entry for every meeting
(and an update when it was held), agenda item and decision of the cooperation groups, every
programme, version, activity and monitoring report, every handover, cost claim and claim
event. At national scale that is about 1.7 million entries. The rows are read back from the
database in id order, so this step depends on nothing but what the earlier steps wrote.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from sargs.audit.models import AuditEntry
from sargs.cases.casework.models import Case
from sargs.cooperation.models import AgendaItem, Decision, Meeting
from sargs.organisations.models import Membership
from sargs.organisations.roles import CHILD_DATA_ROLES
from sargs.programme.models import Activity, MonitoringReport, Programme, ProgrammeVersion
from sargs.registry.models import Child, Household, LegalRepresentative
from sargs.responsibility.models import CostClaim, CostClaimEvent, Handover

from .base import BASE_DATE, NATIONAL_AUDIT_ENTRIES, Context, Step, day_between, moment
from .writer import BATCH_SIZE, Json

COLUMNS = [
    "id", "content_type_id", "object_pk", "object_id", "object_repr", "serialized_data",
    "action", "changes_text", "changes", "actor_id", "cid", "remote_addr", "remote_port",
    "timestamp", "additional_data", "actor_email", "municipality_id",
]  # fmt: skip
CREATE, UPDATE, ACCESS = (
    AuditEntry.Action.CREATE,
    AuditEntry.Action.UPDATE,
    AuditEntry.Action.ACCESS,
)
VIEWS_FROM = BASE_DATE - datetime.timedelta(days=365)
FLUSH_ROWS = 4 * BATCH_SIZE
CASE_VIEWS = 3
# Other records written once each: (model, its municipality, when it was written, the fields
# its name is made of, the name as ``str()`` gives it in Latvian).
RECORDS: tuple[tuple[type[models.Model], str, str, tuple[str, ...], str], ...] = (
    (Meeting, "group__municipality_id", "created_at", ("number",), "Sēde Nr. {0}"),
    (AgendaItem, "meeting__group__municipality_id", "meeting__created_at",
     ("position", "title"), "{0}. {1}"),
    (Decision, "item__meeting__group__municipality_id", "recorded_at", ("pk",), "lēmums #{0}"),
    (Programme, "municipality_id", "created_at", ("title", "start_year", "end_year"),
     "{0} {1}–{2}"),
    (ProgrammeVersion, "programme__municipality_id", "created_at",
     ("programme__title", "programme__start_year", "programme__end_year", "number"),
     "{0} {1}–{2} v{3}"),
    (Activity, "version__programme__municipality_id", "version__created_at", ("title",), "{0}"),
    (MonitoringReport, "programme__municipality_id", "reported_at", ("activity__title", "as_of"),
     "{0} {1}"),
    (Handover, "from_municipality_id", "proposed_at",
     ("from_municipality_id", "to_municipality_id", "status"), "{0} → {1} ({2})"),
    (CostClaim, "claimant_municipality_id", "created_at", ("basis", "amount", "status"),
     "{0}: {1} EUR ({2})"),
    (CostClaimEvent, "claim__claimant_municipality_id", "at", ("claim_id", "kind"), "{0}: {1}"),
)  # fmt: skip


class AuditBuilder:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.rng = ctx.rng("audit")
        self.rows: list[tuple[Any, ...]] = []
        self.written = 0
        self.actors = _actors()

    def entry(
        self,
        ct: int,
        pk: int,
        text: str,
        action: int,
        when: datetime.datetime,
        muni: int,
        actor: tuple[int, str] | None,
        data: Json,
        changes: Json | None,
    ) -> None:
        actor_id, email = actor if actor else (None, None)
        address = f"10.{muni % 256}.{self.rng.randrange(256)}.{self.rng.randrange(1, 255)}"
        self.rows.append(
            (
                self.ctx.next_id(AuditEntry),
                ct,
                str(pk),
                pk,
                text,
                None,
                action,
                "",
                changes,
                actor_id,
                None,
                address,
                None,
                when,
                data,
                email,
                muni,
            )
        )

    def created(self, ct: int, pk: int, text: str, when: datetime.datetime, muni: int) -> None:
        actor = self.pick_actor(muni)
        changes = Json(f'{{"id": ["None", "{pk}"], "name": ["None", {json.dumps(text)}]}}')
        data = Json(f'{{"municipality_id": {muni}}}')
        self.entry(ct, pk, text, CREATE, when, muni, actor, data, changes)

    def viewed(self, ct: int, pk: int, text: str, muni: int, view: str) -> None:
        when = moment(day_between(self.rng, VIEWS_FROM, BASE_DATE), self.rng)
        data = Json(f'{{"view": "{view}", "municipality_id": {muni}}}')
        self.entry(ct, pk, text, ACCESS, when, muni, self.pick_actor(muni), data, None)

    def pick_actor(self, muni: int) -> tuple[int, str] | None:
        staff = self.actors.get(muni)
        return self.rng.choice(staff) if staff else None

    def flush_if_full(self, force: bool = False) -> int:
        if len(self.rows) < FLUSH_ROWS and not force:
            return 0
        count = self.ctx.write(AuditEntry, COLUMNS, self.rows)
        self.rows = []
        self.written += count
        return count


def _actors() -> dict[int, list[tuple[int, str]]]:
    """Users holding a child-data role, by municipality: (id, e-mail), in a stable order."""
    rows = (
        Membership.objects.filter(
            role__in=[r.value for r in CHILD_DATA_ROLES], institution__municipality__isnull=False
        )
        .order_by("user_id", "pk")
        .values_list("institution__municipality_id", "user_id", "user__email")
        .distinct()
    )
    actors: dict[int, list[tuple[int, str]]] = {}
    for muni, user, email in rows:
        actors.setdefault(muni, []).append((user, email))
    return actors


def _stream(model: type[models.Model], *fields: str) -> Iterator[tuple[Any, ...]]:
    query = model._default_manager.order_by("pk").values_list("pk", *fields)
    return query.iterator(chunk_size=BATCH_SIZE)  # type: ignore[no-any-return]


def _cases(builder: AuditBuilder) -> None:
    """A case is recorded once and opened about three times by its team."""
    ct = ContentType.objects.get_for_model(Case).pk
    for pk, muni, when in _stream(Case, "municipality_id", "created_at"):
        text = f"case #{pk}"
        builder.created(ct, pk, text, when, muni)
        for _ in range(CASE_VIEWS):
            builder.viewed(ct, pk, text, muni, "cases:case-detail")
        builder.flush_if_full()


def _records(builder: AuditBuilder) -> None:
    """Meetings, programmes, handovers and claims: a create entry each; a meeting that was
    held also the update that recorded it."""
    for model, muni_field, when_field, name_fields, name in RECORDS:
        ct = ContentType.objects.get_for_model(model).pk
        extra = ("status", "held_at") if model is Meeting else ()
        for row in _stream(model, muni_field, when_field, *name_fields, *extra):
            pk, muni, when = row[0], row[1], row[2]
            text = name.format(*row[3 : 3 + len(name_fields)])
            builder.created(ct, pk, text, when, muni)
            if extra and row[-2] == "held" and row[-1] is not None:
                changes = Json('{"status": ["planned", "held"]}')
                data = Json(f'{{"municipality_id": {muni}}}')
                actor = builder.pick_actor(muni)
                builder.entry(ct, pk, text, UPDATE, row[-1], muni, actor, data, changes)
            builder.flush_if_full()


def run(ctx: Context) -> int:
    builder = AuditBuilder(ctx)
    children = Child.objects.count()
    people = LegalRepresentative.objects.count()
    households = Household.objects.count()
    target = ctx.scale.national(NATIONAL_AUDIT_ENTRIES)
    views_per_child = max(0.0, (target - children - people - households) / max(children, 1))
    progress = ctx.progress("audit", target)
    kinds = [
        (Household, ("name", "municipality_id", "created_at")),
        (LegalRepresentative, ("first_name", "last_name", "municipality_id", "created_at")),
        (Child, ("first_name", "last_name", "municipality_id", "created_at")),
    ]
    for model, fields in kinds:
        ct = ContentType.objects.get_for_model(model).pk
        for row in _stream(model, *fields):
            pk, text, muni, when = row[0], " ".join(row[1:-2]), row[-2], row[-1]
            builder.created(ct, pk, text, when, muni)
            if model is Child:
                whole, part = divmod(views_per_child, 1)
                for _ in range(int(whole) + (builder.rng.random() < part)):
                    builder.viewed(ct, pk, text, muni, "registry:child-detail")
            progress.advance(builder.flush_if_full())
    _cases(builder)
    _records(builder)
    progress.advance(builder.flush_if_full(force=True))
    progress.finish()
    return builder.written


STEP = Step("audit", run, (AuditEntry,), depends_on=("registry",))
