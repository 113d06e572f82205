"""Who an audit search is about: subject finders registered by the apps that know people.

A coordinator searches the trail by a child's name or personal code, but the audit app sits
below the registry (core → organisations → audit → registry → …) and must not import it. So
the registry registers a *subject finder* in its ``AppConfig.ready``: given a name or a code it
returns the matching people, each with the records that are about them (the child, their
household, representatives, residences, custody). The audit search then lists the entries on
those records that the coordinator may see anyway; a subject with no such entry is not shown,
so the search reveals nothing about people outside the coordinator's own trail.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet

if TYPE_CHECKING:
    from .models import AuditEntry


@dataclass(frozen=True)
class RecordRef:
    """One record an audit entry can be about: its model and primary key."""

    model: type[Model]
    pk: str


@dataclass(frozen=True)
class Subject:
    """A person found by a search, with a masked label and the records about them.

    ``record`` is the person's own record: a search that shows entries about them is itself a
    read of their data and is recorded against it.
    """

    label: str
    record: Model
    records: frozenset[RecordRef]


class SubjectFinder(Protocol):
    def __call__(self, *, name: str, personal_code: str, limit: int) -> list[Subject]: ...


_finders: list[SubjectFinder] = []


def register_subject_finder(finder: SubjectFinder) -> None:
    """Called from an ``AppConfig.ready``; registering the same finder twice has no effect."""
    if finder not in _finders:
        _finders.append(finder)


def find_subjects(*, name: str = "", personal_code: str = "", limit: int = 20) -> list[Subject]:
    """Everyone any registered finder matches (at most ``limit`` from each finder)."""
    if not (name.strip() or personal_code.strip()):
        return []
    found: list[Subject] = []
    for finder in _finders:
        found.extend(finder(name=name, personal_code=personal_code, limit=limit))
    return found


def records_filter(records: Iterable[RecordRef]) -> Q:
    """A filter on audit entries matching any of ``records`` (one clause per record type)."""
    by_type: dict[type[Model], set[str]] = {}
    for ref in records:
        by_type.setdefault(ref.model, set()).add(ref.pk)
    if not by_type:
        return Q(pk__in=[])
    types = ContentType.objects.get_for_models(*by_type)
    query = Q()
    for model, pks in by_type.items():
        query |= Q(content_type=types[model], object_pk__in=sorted(pks))
    return query


def entries_about(records: Iterable[RecordRef]) -> QuerySet[AuditEntry]:
    """Every entry on these records (who read or changed them), oldest first: what a data
    subject's export lists (GDPR art. 15(1)(c), the recipients; sargs.subjects). Reads only;
    the caller checks who may ask."""
    from .models import AuditEntry

    return (
        AuditEntry.objects.filter(records_filter(records))
        .select_related("actor", "content_type")
        .order_by("timestamp", "pk")
    )
