"""The audit trail: append-only, scoped by municipality, searchable by coordinators."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from sargs.audit.models import AppendOnlyError, AuditEntry
from sargs.organisations.models import Institution

pytestmark = pytest.mark.django_db


def test_a_change_records_who_what_when_where_and_before_after(cast):
    institution = cast.institutions["a_school"]
    old_name = institution.name
    institution.name = "Renamed school"
    institution.save()
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).latest("timestamp")
    assert entry.object_pk == str(institution.pk)
    assert entry.changes_dict["name"] == [old_name, "Renamed school"]
    assert entry.municipality == cast.municipality_a
    assert entry.timestamp is not None


def test_entries_cannot_be_changed_or_deleted_through_the_orm(cast):
    cast.institutions["a_school"].save()
    entry = AuditEntry.objects.latest("timestamp")
    entry.object_repr = "tampered"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(object_repr="tampered")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="database trigger is PostgreSQL's")
def test_the_database_refuses_updates_and_deletes(cast):
    cast.institutions["a_school"].save()
    pk = AuditEntry.objects.latest("timestamp").pk
    for sql in (
        "UPDATE audit_auditentry SET object_repr = 'x' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [pk])


def test_coordinator_searches_only_own_municipality(cast, client_for):
    cast.institutions["a_school"].save()
    cast.institutions["b_social"].save()
    response = client_for(cast.coordinator).get(reverse("audit:entry-list"))
    municipalities = {e.municipality_id for e in response.context["page_obj"]}
    assert municipalities == {cast.municipality_a.pk}


def test_search_filters_by_action_and_record(cast, client_for):
    school = cast.institutions["a_school"]
    school.name = "Changed"
    school.save()
    response = client_for(cast.coordinator).post(
        reverse("audit:entry-list"),
        {"action": AuditEntry.Action.UPDATE, "object_type": "organisations.institution"},
    )
    entries = list(response.context["page_obj"])
    assert len(entries) == 1 and entries[0].object_pk == str(school.pk)


def test_audit_search_is_forbidden_to_other_roles(cast, client_for):
    for user in (cast.social_worker, cast.administrator, cast.councillor, cast.national_analyst):
        assert client_for(user).get(reverse("audit:entry-list")).status_code == 403


def test_bad_dates_in_search_give_a_message_not_an_error(cast, client_for):
    response = client_for(cast.coordinator).post(
        reverse("audit:entry-list"), {"date_from": "31.02.2025"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert response.context["form"].errors["date_from"]


def test_audit_page_query_count_does_not_grow_with_rows(
    cast, client_for, django_assert_num_queries
):
    from django.test.utils import CaptureQueriesContext

    client = client_for(cast.coordinator)
    url = reverse("audit:entry-list")
    cast.institutions["a_school"].save()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(40):
        Institution.objects.create(name=f"S{n}", type="school", municipality=cast.municipality_a)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)


def test_api_exposes_the_same_scoped_trail_read_only(cast, client_for):
    cast.institutions["a_school"].save()
    cast.institutions["b_social"].save()
    client = client_for(cast.coordinator)
    data = client.get("/api/v1/audit/").json()
    assert data["results"] and "count" not in data  # a cursor, nothing counted
    assert all(row["record_type"] for row in data["results"])
    assert client.post("/api/v1/audit/", {}).status_code == 405
    assert client_for(cast.social_worker).get("/api/v1/audit/").status_code == 403
