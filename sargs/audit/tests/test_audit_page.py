"""The audit page as a coordinator reads it: every kind of entry the system writes renders as
plain text in the user's language, names instead of ids, local times, masked personal codes."""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sargs.audit.models import AuditEntry
from sargs.audit.services import record_view, record_views
from sargs.organisations.models import Institution
from sargs.organisations.testing import Cast
from sargs.registry.models import Child, Household, ResidenceKind
from sargs.registry.testing import make_child, make_parent, make_residence, old_code

pytestmark = pytest.mark.django_db

CODE = old_code(datetime.date(2016, 9, 14))  # 140916-2xxxx
MASKED = "140916-*****"
LIST = reverse("audit:entry-list")
EXPORT = reverse("audit:entry-export")


def _request(user: object) -> object:
    request = RequestFactory().get("/somewhere/", REMOTE_ADDR="192.0.2.7")
    request.user = user
    return request


def _entry(cast: Cast, model: type, changes: object, **kwargs: object) -> AuditEntry:
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_pk=kwargs.pop("object_pk", "1"),
        object_repr=kwargs.pop("object_repr", "Something"),
        action=kwargs.pop("action", AuditEntry.Action.UPDATE),
        changes=changes,
        municipality=cast.municipality_a,
        **kwargs,
    )


def visible_text(html: str) -> str:
    """What a reader sees: the page without its tags (option values, attributes)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def every_kind_of_entry(cast: Cast) -> Child:
    """One entry of every kind Sargs writes, about a child with an old-format personal code."""
    school = cast.institutions["a_school"]
    household = Household.objects.create(municipality=cast.municipality_a, name="Kalniņu ģimene")
    # auditlog create (with a foreign key, a date, a choice and a personal code)
    child = make_child(
        cast.municipality_a,
        first_name="Jānis",
        last_name="Kalniņš",
        birth_date=datetime.date(2016, 9, 14),
        personal_code=CODE,
        household=household,
        sex="male",
    )
    # auditlog update: a foreign key set, a boolean turned on
    child.school = school
    child.has_disability = True
    child.save()
    # auditlog delete
    residence = make_residence(cast.municipality_a, child=child, kind=ResidenceKind.DECLARED)
    residence.delete()
    make_parent(child, "mother", first_name="Ilze", last_name="Kalniņa")
    # many-to-many change, as auditlog writes it (programme activity's cooperating institutions)
    from sargs.programme.models import Activity

    _entry(
        cast,
        Activity,
        {"cooperating": {"type": "m2m", "operation": "add", "objects": [school.name]}},
        object_repr="Atbalsta grupas vecākiem",
    )
    _entry(
        cast,
        Activity,
        {"cooperating": {"type": "m2m", "operation": "delete", "objects": ["A Municipal police"]}},
        object_repr="Atbalsta grupas vecākiem",
    )
    # an entry with an "items" key in its changes and in its details
    _entry(
        cast,
        Institution,
        {"items": [None, ["one", "two"]]},
        additional_data={"items": [{"child": f"Jānis {CODE}"}], "municipality_id": 1},
    )
    # a legacy entry with only the text form of the changes
    _entry(cast, Institution, None, changes_text='{"name": ["Old", "New"]}')
    # Sargs' reads: a page, a list, an export, a read made for a record that no longer exists
    request = _request(cast.social_worker)
    record_view(request=request, obj=child, purpose="case", case=999_999)
    record_views(request=request, objs=[child], purpose="search")
    record_view(request=request, obj=child, export="docx")
    record_view(request=request, obj=child, purpose="something new", meeting=999_998)
    # a read by nobody signed in
    record_view(request=_request(AnonymousUser()), obj=household)
    return child


def test_every_kind_of_entry_renders_readably_in_latvian(cast, client_for):
    every_kind_of_entry(cast)
    response = client_for(cast.coordinator).get(LIST)
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    # actions in Latvian
    for action in ("Izveidots", "Mainīts", "Dzēsts", "Skatīts"):
        assert action in text, action
    # field labels, not names; names, not ids; choices by label; booleans as Jā
    assert "Izglītības iestāde (skola vai bērnudārzs)" in text
    assert "has_disability" not in text and "household" not in text
    assert cast.institutions["a_school"].name in text
    assert "Kalniņu ģimene" in text
    assert "Dzimums : – → Vīriešu" in text
    assert "Jā" in text
    # many-to-many: readable operation, no raw shape
    assert "pievienots" in text and "noņemts" in text
    assert '"m2m"' not in text and "&#x27;m2m&#x27;" not in text and "m2m" not in text
    # personal code masked everywhere, birth-date part kept
    assert CODE not in text and CODE[:6] + "-" + CODE[6:] not in text
    assert MASKED in text
    # local date and time dd.mm.yyyy hh:mm; no record type codes or raw ids
    assert re.search(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", text)
    assert "registry.child" not in text and "#" + str(999_999) not in text
    assert "999999" not in text and "municipality_id" not in text
    assert "Lietas lapa" in text  # purpose "case"
    assert "DOCX" in text


def test_the_page_speaks_english_when_chosen(cast, client_for):
    every_kind_of_entry(cast)
    response = client_for(cast.coordinator).get(LIST, HTTP_ACCEPT_LANGUAGE="en")
    text = response.content.decode()
    assert response.status_code == 200
    for words in ("Created", "Changed", "Deleted", "Viewed", "School or kindergarten", "added"):
        assert words in text, words
    assert "Yes" in text


def test_datetimes_are_shown_in_riga_time(cast, client_for):
    from sargs.programme.models import Activity

    # auditlog stores date-times naive in UTC; 21:30 UTC on 1 July is 00:30 next day in Riga
    _entry(cast, Activity, {"deadline": ["2026-07-01", "2026-07-02"]})
    from sargs.cooperation.models import Meeting

    _entry(cast, Meeting, {"held_at": [None, "2026-07-01 21:30:00"], "time": [None, "14:00:00"]})
    text = client_for(cast.coordinator).get(LIST).content.decode()
    assert "01.07.2026 → 02.07.2026" in text
    assert "02.07.2026 00:30" in text
    assert "– → 14:00<" in text


def test_query_count_stays_the_same_however_many_rows(cast, client_for, django_assert_num_queries):
    client = client_for(cast.coordinator)
    school = cast.institutions["a_school"]

    def add_rows(n: int) -> None:
        for i in range(n):
            child = make_child(cast.municipality_a, first_name=f"Bērns{i}")
            child.school = school
            child.save()
            record_view(request=_request(cast.social_worker), obj=child, purpose="case")

    add_rows(2)
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    add_rows(10)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(LIST)
    assert len(response.context["rows"]) >= 30


def test_search_by_personal_code_is_posted_and_finds_the_childs_file(cast, client_for):
    child = every_kind_of_entry(cast)
    other = make_child(cast.municipality_a, first_name="Cits", last_name="Bērns")
    client = client_for(cast.coordinator)
    response = client.post(LIST, {"personal_code": CODE[:6] + "-" + CODE[6:], "page": "1"})
    assert response.status_code == 200
    rows = response.context["rows"]
    assert rows and all("Cits Bērns" not in row.record for row in rows)
    shown = {row.record_type for row in rows}
    # the child, the household, the mother and the link to her: the child's whole file
    assert {"Bērns", "Mājsaimniecība", "Likumiskais pārstāvis"} <= shown
    assert [s.label for s in response.context["search"].subjects] == [f"Jānis Kalniņš, {MASKED}"]
    assert CODE not in response.content.decode()
    # the search is itself a read of the child's data
    read = AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS, object_pk=str(child.pk), actor=cast.coordinator
    ).get()
    assert read.additional_data["purpose"] == "audit search"
    assert other.pk not in {
        int(r.object_pk) for r in AuditEntry.objects.filter(actor=cast.coordinator)
    }


def test_search_by_name_finds_the_child(cast, client_for):
    every_kind_of_entry(cast)
    response = client_for(cast.coordinator).post(LIST, {"name": "janis kalnins"})
    assert [s.label for s in response.context["search"].subjects] == [f"Jānis Kalniņš, {MASKED}"]
    assert response.context["rows"]


def test_a_code_in_the_url_is_ignored(cast, client_for):
    every_kind_of_entry(cast)
    response = client_for(cast.coordinator).get(LIST, {"personal_code": CODE})
    assert not response.context["search"].about_a_person


def test_search_reveals_nothing_about_a_child_outside_the_trail(cast, client_for):
    b_code = old_code(datetime.date(2014, 5, 6))
    make_child(cast.municipality_b, first_name="Smiltenes", last_name="Bērns", personal_code=b_code)
    unknown = old_code(datetime.date(2013, 1, 2))
    client = client_for(cast.coordinator)
    answers = [client.post(LIST, {"personal_code": code}) for code in (b_code, unknown)]
    for response in answers:
        assert response.context["search"].subjects == []
        assert response.context["rows"] == []
    assert "Smiltenes Bērns" not in answers[0].content.decode()


def test_an_invalid_code_gives_a_message(cast, client_for):
    response = client_for(cast.coordinator).post(
        LIST, {"personal_code": "12345"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert response.context["form"].errors["personal_code"]


def test_export_is_a_neutralised_csv_and_is_recorded(cast, client_for):
    child = every_kind_of_entry(cast)
    # a removed record: its stored name is what the row shows
    _entry(
        cast,
        Institution,
        {"name": ["=HYPERLINK(1)", "@SUM(A1)"]},
        object_repr="-danger",
        object_pk="999997",
    )
    client = client_for(cast.coordinator)
    response = client.post(EXPORT, {"personal_code": CODE})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0][0] == "Kad"
    assert len(rows) > 5 and CODE not in body and MASKED in body
    recorded = AuditEntry.objects.get(
        actor=cast.coordinator, additional_data__purpose="audit export"
    )
    assert (
        recorded.object_pk == str(child.pk) and recorded.additional_data["count"] == len(rows) - 1
    )
    # a search about nobody in particular: formula cells neutralised, export recorded on the trail
    body = client.post(EXPORT, {"object_type": "organisations.institution"}).content.decode(
        "utf-8-sig"
    )
    cells = [cell for row in csv.reader(io.StringIO(body), delimiter=";") for cell in row]
    assert "'-danger" in cells
    assert any(cell.startswith("Nosaukums: '=HYPERLINK") or "=HYPERLINK" in cell for cell in cells)
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    general = AuditEntry.objects.filter(
        actor=cast.coordinator, additional_data__purpose="audit export", object_pk=""
    ).get()
    assert general.municipality == cast.municipality_a


def test_export_keeps_the_audit_page_rule(cast, client_for):
    assert client_for(cast.social_worker).post(EXPORT, {}).status_code == 403
    assert client_for(cast.coordinator).get(EXPORT).status_code == 405


def test_a_field_kept_in_one_language_is_marked_with_it(cast, client_for):
    # A field that holds a text in one language beside its twin (``…_en`` / ``…_lv``) shows
    # that language's words on every page, marked so a screen reader reads them right.
    _entry(cast, Institution, {"track_reason_en": ["", "Nothing spent yet."]})
    html = client_for(cast.coordinator).get(LIST).content.decode()
    assert '<span lang="en">Nothing spent yet.</span>' in html


def test_a_record_is_named_as_it_is_now_and_a_removed_one_as_stored(cast, client_for):
    school = cast.institutions["a_school"]
    _entry(cast, Institution, {}, object_pk=str(school.pk), object_repr="Vecais nosaukums")
    _entry(cast, Institution, {}, object_pk="999996", object_repr="Likvidētā skola")
    text = visible_text(client_for(cast.coordinator).get(LIST).content.decode())
    assert school.name in text and "Vecais nosaukums" not in text
    assert "Likvidētā skola" in text


def test_every_purpose_the_code_records_has_a_label_in_both_languages():
    """A read recorded with a purpose the page cannot name shows the code's English words on
    a Latvian page; every ``purpose="…"`` written in the application has its label."""
    import re
    from pathlib import Path

    from sargs.audit.presentation import PURPOSES

    root = Path(__file__).resolve().parents[2]
    used = set()
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        used |= set(re.findall(r'purpose="([^"]+)"', path.read_text()))
    assert used, "the scan found the application's recorded reads"
    assert sorted(used - set(PURPOSES)) == []
