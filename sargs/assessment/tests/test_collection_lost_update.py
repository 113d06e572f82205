"""No lost update on a submission's values (issue 19 point 1). Two people of the school fill the
same submission. The submission's revision goes up with every save of its values; a form says
the revision and the cells it showed, so a save over someone else's later one writes only the
cells the user changed, keeps the other person's, and is refused (theirs beside yours, the form
kept to merge) when both changed the same cell differently. The API answers 412 to a stale
If-Match and 409 to a stale body version."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

import pytest
from django.urls import reverse
from django.utils import translation

from sargs.assessment import selectors, services
from sargs.assessment.models import ReportedValue, Submission
from sargs.core.versioning import StaleEdit
from sargs.organisations.roles import Role
from sargs.organisations.testing import make_user

from .collection_factories import make_period

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
BASE = "/api/v1/assessment/submissions/"


@pytest.fixture
def draft(cast):
    return services.submission_for(
        institution=cast.institutions["a_school"], period=make_period(2025, 1)
    )


@pytest.fixture
def colleague(cast):
    return make_user("a_school_2", (cast.institutions["a_school"], Role.SCHOOL_STAFF))


def e2(draft) -> int:
    return selectors.definitions_for(draft.institution, draft.period)[0].pk


def stored(draft) -> dict[str, tuple[str, Decimal | None]]:
    return {v.cell: (v.state, v.amount) for v in ReportedValue.objects.filter(submission=draft)}


def save(actor, draft, cells, **kwargs):
    submission = Submission.objects.get(pk=draft.pk)  # as each request loads it
    values = {(e2(draft), cell): value for cell, value in cells.items()}
    return services.save_values(actor=actor, submission=submission, values=values, **kwargs)


def test_every_save_of_values_raises_the_revision_and_a_stale_one_is_refused(
    cast, draft, colleague
):
    assert draft.revision == 0
    save(cast.school_staff, draft, {"pupils": ("number", Decimal(12))}, based_on=0)
    assert Submission.objects.get(pk=draft.pk).revision == 1
    save(cast.school_staff, draft, {"pupils|sex=f": ("number", Decimal(5))})  # e.g. the upload
    assert Submission.objects.get(pk=draft.pk).revision == 2

    with translation.override("en"), pytest.raises(StaleEdit) as refused:
        save(colleague, draft, {"pupils": ("number", Decimal(20))}, based_on=1)

    assert refused.value.revision == 2
    assert refused.value.theirs == {"E2:pupils": {"state": "number", "amount": "12.00"}}
    assert "Someone else saved this" in refused.value.messages[0]
    assert stored(draft)["pupils"] == ("number", Decimal(12))
    assert Submission.objects.get(pk=draft.pk).revision == 2


def test_a_stale_form_keeps_the_cells_someone_else_changed_and_the_user_did_not(
    cast, draft, colleague
):
    empty = ("", None)
    shown = {(e2(draft), c): empty for c in ("pupils", "pupils|sex=f", "pupils|sex=m")}
    save(cast.school_staff, draft, {"pupils": ("number", Decimal(12))}, based_on=0)

    # The colleague's form was filled before: it shows every cell empty and sends them all.
    changed = save(
        colleague,
        draft,
        {"pupils": empty, "pupils|sex=f": ("number", Decimal(7)), "pupils|sex=m": empty},
        based_on=0,
        shown=shown,
    )

    assert changed == 1
    assert stored(draft) == {
        "pupils": ("number", Decimal(12)),  # theirs, untouched by the colleague
        "pupils|sex=f": ("number", Decimal(7)),
    }
    assert Submission.objects.get(pk=draft.pk).revision == 2


def _section_post(revision: int, pupils: str, girls: str, *, was_pupils: str = "|") -> dict:
    return {
        "E2-revision": str(revision),
        "E2-pupils__state": "number",
        "E2-pupils__amount": pupils,
        "E2-pupils__was": was_pupils,
        "E2-pupils|sex=f__state": "number",
        "E2-pupils|sex=f__amount": girls,
        "E2-pupils|sex=f__was": "|",
        "E2-pupils|sex=m__state": "number",
        "E2-pupils|sex=m__amount": "",
        "E2-pupils|sex=m__was": "|",
    }


def test_the_page_shows_both_figures_and_saves_the_merge(cast, client_for, draft, colleague):
    url = reverse("assessment:submission-section", args=[draft.pk, e2(draft)])
    first, second = client_for(cast.school_staff), client_for(colleague)
    page = second.get(reverse("assessment:submission-detail", args=[draft.pk])).content.decode()
    assert 'name="E2-revision" value="0"' in page
    assert 'name="E2-pupils__was" value="|"' in page
    assert first.post(url, _section_post(0, "12", ""), HTTP_HX_REQUEST="true").status_code == 200

    refused = second.post(url, _section_post(0, "15", "7"), HTTP_HX_REQUEST="true", **EN)

    text = refused.content.decode()
    assert "Someone else saved this while you were editing it" in text
    changed = text.split("What changed meanwhile")[1].split("</table>")[0]
    assert "<td>12</td>" in changed and "<td>15</td>" in changed
    assert "sex=f" not in changed and "girls" not in changed.lower()  # only theirs was changed
    assert 'name="E2-revision" value="1"' in text
    assert 'name="E2-pupils__was" value="number|12.00"' in text
    assert 'value="15"' in text and 'value="7"' in text  # the colleague's figures kept
    assert stored(draft) == {"pupils": ("number", Decimal(12))}

    merged = _section_post(1, "15", "7", was_pupils="number|12.00")
    saved = second.post(url, merged, HTTP_HX_REQUEST="true", **EN)
    assert "Saved." in saved.content.decode()
    assert stored(draft) == {"pupils": ("number", Decimal(15)), "pupils|sex=f": ("number", 7)}


def test_a_plain_post_refused_shows_the_whole_page_with_the_comparison(
    cast, client_for, draft, colleague
):
    url = reverse("assessment:submission-section", args=[draft.pk, e2(draft)])
    client_for(cast.school_staff).post(url, _section_post(0, "12", ""))

    refused = client_for(colleague).post(url, _section_post(0, "15", ""), **EN)

    assert refused.status_code == 400
    assert "What changed meanwhile" in refused.content.decode()
    assert stored(draft) == {"pupils": ("number", Decimal(12))}


def test_the_api_gives_the_revision_as_etag_and_refuses_a_stale_one(
    cast, client_for, draft, colleague
):
    def api(user):
        client = client_for(user)
        client.put = partial(client.put, content_type="application/json")  # type: ignore[method-assign]
        return client

    url = f"{BASE}{draft.pk}/values/"
    read = api(cast.school_staff).get(f"{BASE}{draft.pk}/")
    assert read.status_code == 200, read.content
    assert read["ETag"] == '"0"' and read.json()["revision"] == 0
    pupils = [{"indicator": "E2", "cell": "pupils", "state": "number", "amount": "12"}]
    put = api(cast.school_staff).put(url, {"values": pupils}, HTTP_IF_MATCH='"0"')
    assert put.status_code == 200 and put["ETag"] == '"1"' and put.json()["revision"] == 1

    other = [{"indicator": "E2", "cell": "pupils", "state": "number", "amount": "20"}]
    stale = api(colleague).put(url, {"values": other}, HTTP_IF_MATCH='"0"')
    assert stale.status_code == 412
    assert stale.json()["version"] == 1
    assert stale.json()["current"] == {"E2:pupils": {"state": "number", "amount": "12.00"}}
    stale_body = api(colleague).put(url, {"values": other, "version": 0})
    assert stale_body.status_code == 409
    assert stored(draft) == {"pupils": ("number", Decimal(12))}

    fresh = api(colleague).put(url, {"values": other, "version": 1})
    assert fresh.status_code == 200 and fresh["ETag"] == '"2"'
    unchecked = api(colleague).put(url, {"values": pupils})
    assert unchecked.status_code == 200 and unchecked.json()["revision"] == 3
    assert stored(draft) == {"pupils": ("number", Decimal(12))}


def test_a_transition_does_not_put_back_an_older_revision(cast, draft):
    loaded = Submission.objects.get(pk=draft.pk)  # the submit request loads it first
    save(cast.school_staff, draft, {"pupils": ("number", Decimal(1))})
    save(cast.school_staff, draft, {"pupils|sex=f": ("number", Decimal(1))})
    save(cast.school_staff, draft, {"pupils|sex=m": ("number", Decimal(0))})
    services.submit(actor=cast.school_staff, submission=loaded)
    assert Submission.objects.get(pk=draft.pk).revision == 3
