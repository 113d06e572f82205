"""The registry's subject finder for the audit search (registered in ``RegistryConfig.ready``).

A child found by name or personal code brings the records that make up their file: the child,
their household, their representatives and the links to them, residences and custody records.
Children are matched across municipalities on purpose: the audit search then shows only the
entries the coordinator may see, so a child who moved away keeps their old entries findable
and a child of another municipality with no entry in this trail stays invisible.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from sargs.audit.subjects import RecordRef, Subject

from . import personal_codes
from .models import (
    Child,
    ChildRepresentative,
    CustodyRecord,
    Household,
    LegalRepresentative,
    ResidenceRecord,
    normalise_name,
)


def _children(name: str, personal_code: str, limit: int) -> list[Child]:
    qs = Child.objects.all()
    if personal_code.strip():
        try:
            code = personal_codes.parse(personal_code).code
        except ValidationError:
            return []
        qs = qs.filter(personal_code=code)
    for word in normalise_name(name).split():
        qs = qs.filter(search_name__contains=word)
    return list(qs.order_by("last_name", "first_name", "pk")[:limit])


def _records_of(child: Child) -> frozenset[RecordRef]:
    refs = {RecordRef(Child, str(child.pk))}
    if child.household_id:
        refs.add(RecordRef(Household, str(child.household_id)))
    relations = list(ChildRepresentative.objects.filter(child=child))
    refs |= {RecordRef(ChildRepresentative, str(r.pk)) for r in relations}
    representatives = [r.representative_id for r in relations]
    refs |= {RecordRef(LegalRepresentative, str(pk)) for pk in representatives}
    residences = ResidenceRecord.objects.filter(child=child).values_list("pk", flat=True)
    refs |= {RecordRef(ResidenceRecord, str(pk)) for pk in residences}
    custody = CustodyRecord.objects.filter(relation__in=relations).values_list("pk", flat=True)
    refs |= {RecordRef(CustodyRecord, str(pk)) for pk in custody}
    return frozenset(refs)


def _label(child: Child) -> str:
    if child.personal_code:
        return f"{child.full_name}, {child.personal_code_masked}"
    return f"{child.full_name}, {child.birth_date:%d.%m.%Y}"


def child_subjects(*, name: str, personal_code: str, limit: int) -> list[Subject]:
    """Children matching every given criterion, each with the records of their file."""
    return [
        Subject(label=_label(child), record=child, records=_records_of(child))
        for child in _children(name, personal_code, limit)
    ]
