"""Data subjects' requests (issue 19 point 6): the data protection officer's pages, the export
of everything held about a person without the reporter of a concern, its audit entry, and
corrections made through the registry and recorded here."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from docx import Document as WordDocument

from sargs.audit.models import AuditEntry
from sargs.cases.tests.helpers import open_case, school_task
from sargs.organisations.roles import Role
from sargs.organisations.testing import make_user
from sargs.registry.models import Child
from sargs.registry.services import child_update
from sargs.registry.testing import make_parent, old_code
from sargs.subjects import services
from sargs.subjects.models import Correction, LegalBasis, RequesterRelation, SubjectRequest

pytestmark = pytest.mark.django_db

REPORTER_FIRST, REPORTER_LAST = "Rita", "Ziņotāja"
SEEN_BY = "Klases audzinātāja"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def english() -> None:
    with translation.override("en"):
        yield


@pytest.fixture
def dpo(cast):
    return make_user("dpo_a", (cast.institutions["a_admin"], Role.DATA_PROTECTION_OFFICER))


@pytest.fixture
def dpo_b(cast):
    return make_user("dpo_b", (cast.institutions["b_admin"], Role.DATA_PROTECTION_OFFICER))


@pytest.fixture
def family(cast):
    """A school's concern (reported by Rita Ziņotāja) taken up into a case, with a task and
    the child's mother in the registry."""
    reporter = cast.school_staff
    reporter.first_name, reporter.last_name = REPORTER_FIRST, REPORTER_LAST
    reporter.save()
    concern, case, child = open_case(cast)
    task = school_task(cast, case, title="Sekot apmeklējumam")
    mother = make_parent(child, "mother", first_name="Ilze", last_name="Bērziņa").representative
    mother.personal_code = old_code(datetime.date(1985, 6, 7))
    mother.save()
    return {"concern": concern, "case": case, "child": child, "task": task, "mother": mother}


def make_request(cast, dpo, **kwargs) -> SubjectRequest:
    values = {
        "actor": dpo,
        "municipality": cast.municipality_a,
        "requester_name": "Ilze Bērziņa",
        "requester_relation": RequesterRelation.PARENT,
        "legal_basis": LegalBasis.ACCESS,
        "received_on": timezone.localdate() - datetime.timedelta(days=2),
    }
    values.update(kwargs)
    return services.request_create(**values)


def with_person(cast, dpo, person, **kwargs):
    request = make_request(cast, dpo, **kwargs)
    [link] = [
        services.request_person_add(actor=dpo, request=request, person=p)
        for p in services.person_lookup(
            actor=dpo, request=request, personal_code=person.personal_code
        )
        if type(p) is type(person)
    ]
    return request, link


def export_url(request, link, fmt):
    return reverse("subjects:person-export", args=[request.pk, link.pk, fmt])


# --- Access ------------------------------------------------------------------------------------


def test_the_officer_opens_their_pages(cast, dpo, family, client_for):
    request, link = with_person(cast, dpo, family["child"])
    client = client_for(dpo)
    for url in (
        reverse("subjects:request-list"),
        reverse("subjects:request-create"),
        reverse("subjects:request-detail", args=[request.pk]),
        reverse("subjects:correction-create", args=[request.pk, link.pk]),
        export_url(request, link, "json"),
        export_url(request, link, "docx"),
    ):
        assert client.get(url).status_code == 200, url


def test_the_officer_sees_no_case_content(cast, dpo, family, client_for):
    client = client_for(dpo)
    refused = [
        reverse("cases:worklist"),
        reverse("cases:concern-list"),
        reverse("cases:case-list"),
        reverse("cases:case-detail", args=[family["case"].pk]),
        reverse("cases:concern-detail", args=[family["concern"].pk]),
        reverse("registry:child-search"),
        reverse("registry:child-detail", args=[family["child"].pk]),
    ]
    for url in refused:
        assert client.get(url).status_code in (403, 404), url
    assert client.get(reverse("portal:home")).status_code == 200


def test_a_social_worker_is_refused_the_officers_pages(cast, dpo, family, client_for):
    request, link = with_person(cast, dpo, family["child"])
    client = client_for(cast.social_worker)
    for url in (
        reverse("subjects:request-list"),
        reverse("subjects:request-create"),
        reverse("subjects:request-detail", args=[request.pk]),
        export_url(request, link, "json"),
    ):
        assert client.get(url).status_code == 403, url
    with pytest.raises(PermissionDenied):
        make_request(cast, cast.social_worker)


def test_another_municipalitys_officer_finds_nothing_of_ours(cast, dpo, dpo_b, family, client_for):
    request, link = with_person(cast, dpo, family["child"])
    client = client_for(dpo_b)
    assert client.get(reverse("subjects:request-detail", args=[request.pk])).status_code == 404
    assert client.get(export_url(request, link, "json")).status_code == 404
    # Their own request cannot reach our child by its code, nor add it.
    theirs = make_request(cast, dpo_b, municipality=cast.municipality_b)
    response = client.post(
        reverse("subjects:person-lookup", args=[theirs.pk]),
        {"personal_code": family["child"].personal_code},
        **EN,
    )
    assert response.status_code == 200
    assert b"Nobody with this personal code" in response.content
    assert b"Anna" not in response.content
    with pytest.raises(PermissionDenied):
        services.request_person_add(actor=dpo_b, request=theirs, person=family["child"])
    assert theirs.people.count() == 0


# --- The export --------------------------------------------------------------------------------


def _json(client, request, link):
    response = client.get(export_url(request, link, "json"), **EN)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    return json.loads(response.content)


def test_the_json_export_holds_the_childs_records_without_the_reporter(
    cast, dpo, family, client_for
):
    request, link = with_person(cast, dpo, family["child"])
    data = _json(client_for(dpo), request, link)
    sections = {s["key"]: s["records"] for s in data["sections"]}
    by_type = {}
    for records in sections.values():
        for record in records:
            by_type.setdefault(record["type"], []).append(record)

    assert data["person"]["first_name"] == "Anna"
    assert data["person"]["personal_code"] == family["child"].personal_code
    [child] = by_type["registry.child"]
    assert child["fields"]["last_name"] == "Bērziņa"
    assert child["fields"]["birth_date"] == "2015-03-04"
    [mother_link] = by_type["registry.childrepresentative"]
    assert mother_link["fields"]["role"] == "mother"
    assert mother_link["fields"]["representative"]["label"] == "Ilze Bērziņa"

    [concern] = sections["concerns"]
    assert concern["type"] == "cases.concern"
    assert concern["fields"]["description"] == "Nāk uz skolu izsalkusi."
    assert concern["fields"]["categories"] == ["neglect", "school_absence"]
    assert "reported_by" not in concern["fields"]
    assert "observed_by" not in concern["fields"]
    withheld = {w["field"]: w["reason"] for w in concern["withheld"]}
    assert sorted(withheld) == ["observed_by", "reported_by"]
    assert "article 73" in withheld["reported_by"]
    assert "GDPR article 15(4)" in withheld["reported_by"]

    [case] = by_type["cases.case"]
    assert case["id"] == str(family["case"].pk)
    [task] = by_type["cases.task"]
    assert task["fields"]["title"] == "Sekot apmeklējumam"
    assert "cases.caseparticipant" in by_type
    # The reporter wrote the timeline's first entry: its author is withheld too.
    authors = [
        w for e in by_type["cases.timelineentry"] for w in e["withheld"] if w["field"] == "author"
    ]
    assert len(authors) == 1
    assert "article 73" in authors[0]["reason"]

    text = json.dumps(data, ensure_ascii=False)
    assert REPORTER_LAST not in text
    assert SEEN_BY not in text


def test_the_reporters_own_reads_of_the_concern_are_not_named(cast, dpo, family, client_for):
    # The reporter opens the concern they reported, the social worker the case: reads.
    client_for(cast.school_staff).get(reverse("cases:concern-detail", args=[family["concern"].pk]))
    client_for(cast.social_worker).get(reverse("cases:case-detail", args=[family["case"].pk]))
    request, link = with_person(cast, dpo, family["child"])
    data = _json(client_for(dpo), request, link)
    concern_lines = [
        line for line in data["audit"] if line["record"] == f"concern No. {family['concern'].pk}"
    ]
    assert concern_lines, "the concern's entries are listed"
    assert {line["by"] for line in concern_lines} >= {"withheld (the person who reported)"}
    assert REPORTER_LAST not in json.dumps(data["audit"], ensure_ascii=False)
    # The social worker's reads stay named.
    assert any(line["by"] == "Social_Worker Tests" for line in data["audit"])


def test_the_word_export_states_the_reason_and_leaves_the_reporter_out(
    cast, dpo, family, client_for
):
    request, link = with_person(cast, dpo, family["child"])
    response = client_for(dpo).get(export_url(request, link, "docx"), **EN)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="request-{request.pk}-person-{link.pk}.docx"'
    )
    doc = WordDocument(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    everything = text + "\n" + cells
    assert "What is withheld and why" in text
    assert "article 73" in text
    assert "Nāk uz skolu izsalkusi." in cells
    assert "withheld (see why above)" in cells
    assert REPORTER_LAST not in everything
    assert SEEN_BY not in everything


def test_a_parents_export_holds_their_record_and_their_childs_case(cast, dpo, family, client_for):
    request, link = with_person(cast, dpo, family["mother"])
    data = _json(client_for(dpo), request, link)
    types = {r["type"] for s in data["sections"] for r in s["records"]}
    assert data["person"]["first_name"] == "Ilze"
    assert {"registry.legalrepresentative", "registry.childrepresentative", "cases.case"} <= types
    assert "registry.child" not in types  # the child's own record is the child's to ask for
    assert "cases.concern" not in types  # a concern is about the child


def test_every_export_is_audited_as_a_read_of_the_person(cast, dpo, family, client_for):
    request, link = with_person(cast, dpo, family["child"])
    client = client_for(dpo)
    before = AuditEntry.objects.filter(additional_data__purpose="data subject export").count()
    client.get(export_url(request, link, "json"))
    client.get(export_url(request, link, "docx"))
    entries = list(
        AuditEntry.objects.filter(additional_data__purpose="data subject export").order_by("pk")
    )
    assert len(entries) == before + 2
    last = entries[-1]
    assert last.actor == dpo
    assert last.action == AuditEntry.Action.ACCESS
    assert last.object_pk == str(family["child"].pk)
    assert last.content_type.model == "child"
    assert last.municipality_id == cast.municipality_a.pk
    assert last.additional_data["format"] == "docx"
    assert last.additional_data["subject_request"] == request.pk
    # The concern's reporter and seen-by, and the reporter as author of the timeline's
    # "reported" entry.
    assert last.additional_data["withheld"] == 3


def test_an_unknown_format_is_not_found(cast, dpo, family, client_for):
    request, link = with_person(cast, dpo, family["child"])
    assert client_for(dpo).get(export_url(request, link, "xml")).status_code == 404


# --- Corrections -------------------------------------------------------------------------------


def test_a_correction_is_made_in_the_registry_and_recorded(cast, dpo, family, client_for):
    request, link = with_person(cast, dpo, family["child"], legal_basis=LegalBasis.RECTIFICATION)
    url = reverse("subjects:correction-create", args=[request.pk, link.pk])
    response = client_for(dpo).post(url, {"field": "first_name", "new_value": "Annija"})
    assert response.status_code == 302
    child = Child.objects.get(pk=family["child"].pk)
    assert child.first_name == "Annija"
    [correction] = Correction.objects.all()
    assert (correction.field, correction.old_value, correction.new_value) == (
        "first_name",
        "Anna",
        "Annija",
    )
    assert correction.asked_by == "Ilze Bērziņa"
    assert correction.changed_by == dpo
    assert correction.request == request
    assert (correction.record_type, correction.record_pk) == ("registry.child", str(child.pk))
    # The registry's own change is on the trail too.
    assert AuditEntry.objects.filter(
        content_type__model="child", object_pk=str(child.pk), action=AuditEntry.Action.UPDATE
    ).exists()


def test_a_bad_correction_saves_nothing(cast, dpo, family, client_for):
    request, link = with_person(cast, dpo, family["child"])
    url = reverse("subjects:correction-create", args=[request.pk, link.pk])
    response = client_for(dpo).post(url, {"field": "birth_date", "new_value": "31.02.2015"}, **EN)
    assert response.status_code == 200
    assert b"Write the date as dd.mm.yyyy." in response.content
    response = client_for(dpo).post(url, {"field": "personal_code", "new_value": "123"})
    assert response.status_code == 200
    assert Correction.objects.count() == 0
    assert Child.objects.get(pk=family["child"].pk).birth_date == datetime.date(2015, 3, 4)


def test_the_officer_corrects_only_a_persons_own_data(cast, dpo, family):
    with pytest.raises(PermissionDenied):
        child_update(actor=dpo, child=family["child"], has_disability=True)
    request, link = with_person(cast, dpo, family["child"])
    with pytest.raises(Exception, match="field"):
        services.correction_make(
            actor=dpo, request=request, person_link=link, field="household", new_value="x"
        )


def test_a_parents_birth_date_is_corrected(cast, dpo, family):
    request, link = with_person(cast, dpo, family["mother"])
    correction = services.correction_make(
        actor=dpo, request=request, person_link=link, field="last_name", new_value="Kalna"
    )
    family["mother"].refresh_from_db()
    assert family["mother"].last_name == "Kalna"
    assert (correction.old_value, correction.new_value) == ("Bērziņa", "Kalna")


# --- Lists and home ----------------------------------------------------------------------------


def test_the_request_list_costs_the_same_for_more_requests(
    cast, dpo, family, client_for, django_assert_num_queries
):
    client = client_for(dpo)
    url = reverse("subjects:request-list")
    for _ in range(2):
        with_person(cast, dpo, family["child"])
    client.get(url)  # warm the session and content type caches
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    few = len(context.captured_queries)
    for _ in range(4):
        with_person(cast, dpo, family["mother"])
    with django_assert_num_queries(few):
        response = client.get(url)
    assert response.context["page_obj"].paginator.count == 6


def test_the_home_shows_the_officers_open_requests(cast, dpo, client_for):
    make_request(cast, dpo)
    make_request(cast, dpo, received_on=timezone.localdate() - datetime.timedelta(days=70))
    answered = make_request(cast, dpo)
    services.request_answer(actor=dpo, request=answered)
    response = client_for(dpo).get(reverse("portal:home"), **EN)
    panel = next(p for p in response.context["panels"] if p.key == "subject-requests")
    counts = {line.label: line.count for line in panel.lines}
    assert counts == {"Open requests": 2, "Past the one-month answer term": 1}


def test_the_list_shows_the_answer_due_a_month_after_receipt(cast, dpo, client_for):
    make_request(cast, dpo, received_on=datetime.date(2026, 1, 31))
    answered = make_request(cast, dpo, received_on=datetime.date(2026, 3, 10))
    services.request_answer(actor=dpo, request=answered)
    response = client_for(dpo).get(reverse("subjects:request-list"), **EN)
    text = response.content.decode()
    assert "28.02.2026" in text  # 31 January + one month: the month's last day
    assert "10.04.2026" not in text  # answered: no due date


def test_the_officer_records_a_request_and_adds_the_child_by_code(cast, dpo, family, client_for):
    client = client_for(dpo)
    response = client.post(
        reverse("subjects:request-create"),
        {
            "municipality": cast.municipality_a.pk,
            "requester_name": "Ilze Bērziņa",
            "requester_relation": "parent",
            "legal_basis": "access",
            "received_on": "01.12.2026",
        },
    )
    assert response.status_code == 302
    request = SubjectRequest.objects.get()
    assert (request.handled_by, request.received_on) == (dpo, datetime.date(2026, 12, 1))
    add = reverse("subjects:person-add", args=[request.pk])
    # A wrong code adds nobody, whatever the kind says.
    client.post(add, {"personal_code": old_code(datetime.date(2001, 1, 1)), "kind": "child"})
    assert request.people.count() == 0
    client.post(add, {"personal_code": family["child"].personal_code, "kind": "child"})
    [link] = request.people.all()
    assert link.child == family["child"]
    detail = client.get(reverse("subjects:request-detail", args=[request.pk]), **EN)
    assert "Anna Bērziņa" in detail.content.decode()
    assert family["child"].personal_code not in detail.content.decode()  # masked


def test_a_request_received_in_the_future_is_refused(cast, dpo):
    with pytest.raises(Exception, match="future"):
        make_request(cast, dpo, received_on=timezone.localdate() + datetime.timedelta(days=1))
    assert SubjectRequest.objects.count() == 0
