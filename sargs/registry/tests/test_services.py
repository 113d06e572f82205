"""Registry writes: children, duplicates, residence and custody histories."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sargs.audit.models import AuditEntry
from sargs.registry import selectors, services
from sargs.registry.models import (
    Child,
    CustodyRecord,
    CustodyStatus,
    RepresentativeRole,
    ResidenceKind,
    ResidenceRecord,
)
from sargs.registry.testing import make_child, make_parent, new_code, old_code

pytestmark = pytest.mark.django_db

BORN = datetime.date(2015, 3, 4)


def create(cast, **kwargs):
    data = {
        "actor": cast.social_worker,
        "municipality": cast.municipality_a,
        "first_name": "Anna",
        "last_name": "Bērziņa",
        "sex": "female",
        "birth_date": BORN,
    }
    data.update(kwargs)
    return services.child_create(**data)


def test_create_child_with_old_code_derives_the_birth_date(cast):
    code = old_code(BORN)
    child = create(cast, personal_code=code[:6] + "-" + code[6:], birth_date=None)
    assert child.personal_code == code
    assert child.birth_date == BORN
    assert child.search_name == "anna berzina"
    assert AuditEntry.objects.filter(object_pk=str(child.pk), action=0).exists()
    entry = AuditEntry.objects.get(object_pk=str(child.pk), content_type__model="child")
    assert entry.municipality_id == cast.municipality_a.pk


def test_new_code_needs_a_birth_date(cast):
    with pytest.raises(ValidationError) as info:
        create(cast, personal_code=new_code(), birth_date=None)
    assert "birth_date" in info.value.message_dict
    child = create(cast, personal_code=new_code(), birth_date=BORN)
    assert child.birth_date == BORN


def test_birth_date_must_match_old_code(cast):
    with pytest.raises(ValidationError) as info:
        create(cast, personal_code=old_code(BORN), birth_date=BORN + datetime.timedelta(days=1))
    assert "birth_date" in info.value.message_dict
    assert not Child.objects.exists()


def test_second_record_with_the_same_code_is_refused(cast):
    code = old_code(BORN)
    create(cast, personal_code=code)
    with pytest.raises(ValidationError) as info:
        create(cast, personal_code=code, first_name="Other")
    assert "jau ir reģistrēta" in " ".join(info.value.message_dict["personal_code"])
    assert Child.objects.count() == 1


def test_a_code_another_municipality_keeps_answers_like_an_unknown_one(cast):
    """Issue 14 (3): municipality B's registration learns nothing of A's record."""
    code = old_code(BORN)
    create(cast, personal_code=code)
    other = create(
        cast,
        personal_code=code,
        first_name="Other",
        actor=cast.b_social_worker,
        municipality=cast.municipality_b,
    )
    assert other.municipality == cast.municipality_b and other.personal_code == code


def test_database_refuses_a_duplicate_code_too(cast):
    code = old_code(BORN)
    make_child(cast.municipality_a, personal_code=code)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_child(cast.municipality_a, personal_code=code, first_name="Other")
    make_child(cast.municipality_b, personal_code=code, first_name="Other")  # kept apart


@pytest.mark.parametrize(
    ("first", "last"),
    [("ANNA", "Berzina"), ("Anna", "Bērziņa"), ("Ana", "Bērziņa"), ("Anna", "Berzyna")],
)
def test_likely_duplicate_needs_confirmation(cast, first, last):
    existing = create(cast)
    with pytest.raises(services.LikelyDuplicateError) as info:
        create(cast, first_name=first, last_name=last)
    assert info.value.candidates == [existing]
    assert Child.objects.count() == 1
    create(cast, first_name=first, last_name=last, confirm_likely_duplicate=True)
    assert Child.objects.count() == 2


def test_different_name_or_birth_date_is_not_a_duplicate(cast):
    create(cast)
    create(cast, first_name="Kristaps", last_name="Ozols", sex="male")
    create(cast, birth_date=BORN + datetime.timedelta(days=1))
    assert Child.objects.count() == 3


def test_likely_duplicates_query_count_is_constant(cast, django_assert_num_queries):
    for n in range(10):
        make_child(cast.municipality_a, first_name=f"Name{n}")
    with django_assert_num_queries(1):
        selectors.likely_duplicates(first_name="Anna", last_name="Bērziņa", birth_date=BORN)


def test_only_registry_keepers_of_the_municipality_may_create(cast):
    with pytest.raises(PermissionDenied):
        create(cast, actor=cast.school_staff)
    with pytest.raises(PermissionDenied):
        create(cast, actor=cast.b_social_worker)


def test_create_with_declared_residence(cast):
    child = create(cast, declared_municipality=cast.municipality_b, declared_address="Rīgas 1")
    record = child.residences.get()
    assert record.kind == "declared" and record.valid_from == BORN


def test_residence_history_answers_past_dates(cast):
    child = make_child(cast.municipality_a)
    a, b = cast.municipality_a, cast.municipality_b
    kw = {"actor": cast.social_worker, "child": child, "kind": ResidenceKind.DECLARED}
    services.residence_add(municipality=a, valid_from=datetime.date(2015, 3, 4), **kw)
    services.residence_add(municipality=b, valid_from=datetime.date(2020, 9, 1), **kw)
    records = list(ResidenceRecord.objects.filter(child=child))
    assert selectors.residence_on(records, "declared", datetime.date(2019, 1, 1)).municipality == a
    assert selectors.residence_on(records, "declared", datetime.date(2020, 8, 31)).municipality == a
    assert selectors.residence_on(records, "declared", datetime.date(2020, 9, 1)).municipality == b
    assert selectors.residence_on(records, "declared", datetime.date(2010, 1, 1)) is None
    assert selectors.residence_on(records, "actual", datetime.date(2021, 1, 1)) is None


def test_overlapping_residence_is_refused(cast):
    child = make_child(cast.municipality_a)
    kw = {"actor": cast.social_worker, "child": child, "kind": ResidenceKind.ACTUAL}
    services.residence_add(
        municipality=cast.municipality_a,
        valid_from=datetime.date(2016, 1, 1),
        valid_to=datetime.date(2018, 12, 31),
        **kw,
    )
    with pytest.raises(ValidationError):
        services.residence_add(
            municipality=cast.municipality_b,
            valid_from=datetime.date(2017, 1, 1),
            valid_to=datetime.date(2017, 6, 30),
            **kw,
        )
    with pytest.raises(ValidationError):  # end before start
        services.residence_add(
            municipality=cast.municipality_b,
            valid_from=datetime.date(2019, 1, 1),
            valid_to=datetime.date(2018, 6, 30),
            **kw,
        )
    assert child.residences.count() == 1


def test_custody_history(cast):
    child = make_child(cast.municipality_a)
    relation = make_parent(child, RepresentativeRole.MOTHER)
    actor = cast.orphans_court_member
    services.custody_record_add(
        actor=actor,
        relation=relation,
        status=CustodyStatus.SUSPENDED,
        effective_from=datetime.date(2022, 5, 10),
        decision_number="BT-12",
        grounds="5",
    )
    services.custody_record_add(
        actor=actor,
        relation=relation,
        status=CustodyStatus.RESTORED,
        effective_from=datetime.date(2023, 2, 1),
        decision_number="BT-30",
    )
    relation = type(relation).objects.prefetch_related("custody_records").get(pk=relation.pk)
    assert selectors.custody_status_on(relation, datetime.date(2022, 5, 9)) == "full"
    assert selectors.custody_status_on(relation, datetime.date(2022, 12, 1)) == "suspended"
    assert selectors.custody_on(relation, datetime.date(2022, 12, 1)).grounds == "5"
    assert selectors.custody_status_on(relation, datetime.date(2024, 1, 1)) == "restored"


def test_custody_rules(cast):
    child = make_child(cast.municipality_a)
    relation = make_parent(child, RepresentativeRole.FATHER, first_name="Jānis")
    kw = {"actor": cast.orphans_court_member, "relation": relation}
    with pytest.raises(ValidationError) as info:  # suspended without grounds
        services.custody_record_add(
            status="suspended", effective_from=datetime.date(2022, 1, 1), decision_number="1", **kw
        )
    assert "grounds" in info.value.message_dict
    with pytest.raises(ValidationError):  # grounds only with suspension
        services.custody_record_add(
            status="deprived",
            effective_from=datetime.date(2022, 1, 1),
            decision_number="C-1",
            grounds="2",
            **kw,
        )
    with pytest.raises(ValidationError):  # restored by the orphan's court without suspension
        services.custody_record_add(
            status="restored", effective_from=datetime.date(2022, 1, 1), decision_number="2", **kw
        )
    services.custody_record_add(
        status="deprived", effective_from=datetime.date(2022, 1, 1), decision_number="C-1", **kw
    )
    with pytest.raises(ValidationError):  # only a court restores deprived custody
        services.custody_record_add(
            status="restored", effective_from=datetime.date(2023, 1, 1), decision_number="3", **kw
        )
    with pytest.raises(ValidationError):  # out of date order
        services.custody_record_add(
            status="restored_by_court",
            effective_from=datetime.date(2021, 1, 1),
            decision_number="C-9",
            **kw,
        )
    services.custody_record_add(
        status="restored_by_court",
        effective_from=datetime.date(2024, 1, 1),
        decision_number="C-9",
        **kw,
    )
    assert relation.custody_records.count() == 2


def test_database_requires_grounds_iff_suspended(cast):
    child = make_child(cast.municipality_a)
    relation = make_parent(child, RepresentativeRole.MOTHER)
    with pytest.raises(IntegrityError), transaction.atomic():
        CustodyRecord.objects.create(
            relation=relation, status="suspended", effective_from=datetime.date(2022, 1, 1)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        CustodyRecord.objects.create(
            relation=relation,
            status="deprived",
            grounds="1",
            effective_from=datetime.date(2022, 1, 1),
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        CustodyRecord.objects.create(
            relation=relation,
            status="suspended",
            grounds="9",
            effective_from=datetime.date(2022, 1, 1),
        )


def test_representative_add_links_a_siblings_parent(cast):
    first = make_child(cast.municipality_a)
    second = make_child(cast.municipality_a, first_name="Pēteris", sex="male")
    code = old_code(datetime.date(1985, 6, 7))
    kw = {
        "actor": cast.social_worker,
        "role": "mother",
        "first_name": "Ilze",
        "last_name": "Bērziņa",
        "personal_code": code,
    }
    one = services.representative_add(child=first, **kw)
    two = services.representative_add(child=second, **kw)
    assert one.representative_id == two.representative_id
    with pytest.raises(ValidationError):  # a second mother
        services.representative_add(child=first, **{**kw, "personal_code": ""})


def test_update_refuses_a_taken_code(cast):
    code = old_code(BORN)
    make_child(cast.municipality_a, personal_code=code)
    other = make_child(cast.municipality_a, first_name="Zane")
    with pytest.raises(ValidationError):
        services.child_update(actor=cast.social_worker, child=other, personal_code=code)
    other.refresh_from_db()
    assert other.personal_code is None
