"""Reads of the audit trail: the search, one page of it, the people it is about.

The trail is the fastest-growing table, so every search is shaped for an index (ADR 0022):
dates become a half-open range of instants (``timestamp >= start AND timestamp < end``, the
days taken in Latvian local time), a record type its content type's id, a username its user's
id, and a page is the next rows after a (timestamp, id) position, never an offset or a count.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet, Subquery
from django.utils import timezone

from sargs.organisations.principal import Principal

from .access import audit_entry_policy
from .models import AuditEntry
from .subjects import RecordRef, Subject, find_subjects, records_filter

SUBJECT_LIMIT = 20
# Days outside these bounds have no entries; the bounds keep instants within what the database
# and Python can hold (a day in year 1 or 9999 would overflow in UTC).
EARLIEST_DAY = datetime.date(1900, 1, 1)
LATEST_DAY = datetime.date(9000, 1, 1)
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
ONE_MICROSECOND = datetime.timedelta(microseconds=1)


def day_start(day: datetime.date) -> datetime.datetime:
    """The first instant of ``day`` in Latvia (``TIME_ZONE``, Europe/Riga), summer or winter."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_default_timezone())


def audit_entry_search(
    *,
    principal: Principal,
    actor_username: str = "",
    action: int | None = None,
    object_type: str = "",
    object_pk: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    about: Iterable[RecordRef] | None = None,
) -> QuerySet[AuditEntry]:
    """Entries the principal may search, newest first; ``about``: only entries on these records.

    ``date_from`` and ``date_to`` are days in Latvia, both included.
    """
    qs = audit_entry_policy.visible(
        principal, AuditEntry.objects.select_related("actor", "content_type")
    )
    if any("\x00" in text for text in (actor_username, object_type, object_pk)):
        return qs.none()  # nothing is stored with a NUL, and PostgreSQL refuses to compare one
    if about is not None:
        qs = qs.filter(records_filter(about))
    if actor_username:
        users = get_user_model().objects.filter(username=actor_username).values("pk")[:1]
        qs = qs.filter(actor_id=Subquery(users))  # one id, so the actor/time index serves it
    if action is not None:
        qs = qs.filter(action=action)
    if object_type:
        app_label, _, model = object_type.partition(".")
        try:
            content_type = ContentType.objects.get_by_natural_key(app_label, model)  # cached
        except ContentType.DoesNotExist:
            return qs.none()
        qs = qs.filter(content_type=content_type)
    if object_pk:
        qs = qs.filter(object_pk=object_pk)
    if date_from and date_from > EARLIEST_DAY:
        qs = qs.filter(timestamp__gte=day_start(date_from))
    if date_to and date_to < LATEST_DAY:
        qs = qs.filter(timestamp__lt=day_start(date_to + datetime.timedelta(days=1)))
    return qs.order_by("-timestamp", "-pk")


@dataclass(frozen=True)
class Position:
    """Where a page starts or ends: an entry's time and id (ties in time broken by the id)."""

    timestamp: datetime.datetime
    pk: int

    @classmethod
    def of(cls, entry: AuditEntry) -> Position:
        return cls(entry.timestamp, entry.pk)

    @property
    def token(self) -> str:
        """The position as the page sends it back: microseconds since 1970 and the id."""
        return f"{(self.timestamp - EPOCH) // ONE_MICROSECOND}-{self.pk}"

    @classmethod
    def parse(cls, token: str | None) -> Position | None:
        """The position in ``token``, or None for anything that is not one."""
        micro, _, pk = (token or "").partition("-")
        if not (micro.isascii() and micro.isdigit() and pk.isascii() and pk.isdigit()):
            return None
        try:
            return cls(EPOCH + int(micro) * ONE_MICROSECOND, int(pk))
        except OverflowError:
            return None


@dataclass(frozen=True)
class EntryPage:
    """A page of entries, newest first, and the positions to ask for the pages beside it."""

    entries: list[AuditEntry]
    older: Position | None = None  # the last entry, when older entries exist
    newer: Position | None = None  # the first entry, when newer entries exist

    def __iter__(self) -> Iterator[AuditEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


def entry_page(
    entries: QuerySet[AuditEntry],
    *,
    size: int,
    older_than: Position | None = None,
    newer_than: Position | None = None,
) -> EntryPage:
    """``size`` entries of a search: the newest, those just older than ``older_than`` or those
    just newer than ``newer_than``. One query: one more row than the page tells whether there
    is another page; nothing is counted. A position past either end gives the newest page."""
    if newer_than is not None:
        after = newer_than.timestamp
        rows = list(
            entries.filter(timestamp__gte=after)
            .filter(Q(timestamp__gt=after) | Q(pk__gt=newer_than.pk))
            .order_by("timestamp", "pk")[: size + 1]
        )
        if rows:
            shown = rows[:size][::-1]
            newer = Position.of(shown[0]) if len(rows) > size else None
            return EntryPage(shown, older=Position.of(shown[-1]), newer=newer)
    elif older_than is not None:
        before = older_than.timestamp
        rows = list(
            entries.filter(timestamp__lte=before)
            .filter(Q(timestamp__lt=before) | Q(pk__lt=older_than.pk))
            .order_by("-timestamp", "-pk")[: size + 1]
        )
        if rows:
            shown = rows[:size]
            older = Position.of(shown[-1]) if len(rows) > size else None
            return EntryPage(shown, older=older, newer=Position.of(shown[0]))
    rows = list(entries.order_by("-timestamp", "-pk")[: size + 1])
    shown = rows[:size]
    return EntryPage(shown, older=Position.of(shown[-1]) if len(rows) > size else None)


def audit_subjects(
    *, principal: Principal, name: str = "", personal_code: str = ""
) -> list[Subject]:
    """People matching the name or code who appear in entries the principal may see.

    Someone with no such entry is left out, so the answer is the same whether they exist
    elsewhere or not at all.
    """
    visible = audit_entry_policy.visible(principal, AuditEntry.objects.all())
    return [
        subject
        for subject in find_subjects(name=name, personal_code=personal_code, limit=SUBJECT_LIMIT)
        if visible.filter(records_filter(subject.records)).exists()
    ]
