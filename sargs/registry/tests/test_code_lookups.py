"""No answer about a child to another municipality (issue 14 point 3): registering a child and
adding a representative answer exactly alike whether another municipality keeps the personal
code or nobody does, and every lookup by personal code is in the audit trail, without the code
in clear."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from sargs.audit.models import AuditEntry
from sargs.registry.lookups import code_digest
from sargs.registry.models import Child, LegalRepresentative
from sargs.registry.testing import make_child, old_code

pytestmark = pytest.mark.django_db

BORN = datetime.date(2014, 6, 7)
CSRF = re.compile(
    r'(name="csrfmiddlewaretoken" value=|"X-CSRFToken": |name="form_token" value=)"[^"]*"'
)


def _same_shape(body: bytes, code: str) -> str:
    """The page with CSRF and one-time form tokens (fresh on every page) and the entered code
    (echoed in the form) neutralised."""
    return CSRF.sub("CSRF", body.decode()).replace(code, "CODE")


def _known_and_unknown(cast) -> tuple[str, str]:
    """A code municipality A keeps (B must learn nothing of it) and a code nobody keeps."""
    known = old_code(BORN)
    make_child(cast.municipality_a, personal_code=known, first_name="Valmierietis")
    return known, old_code(BORN)


def _lookups(code: str) -> list[AuditEntry]:
    return [
        e
        for e in AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).order_by("pk")
        if (e.additional_data or {}).get("code_digest") == code_digest(code)
    ]


def test_registration_errors_do_not_depend_on_another_municipality(cast, client_for):
    known, unknown = _known_and_unknown(cast)
    client = client_for(cast.b_social_worker)
    answers = []
    for code in (known, unknown):
        # No sex chosen: the form is refused, and must be refused in the same words.
        data = {"first_name": "Anna", "last_name": "B", "personal_code": code}
        response = client.post(reverse("registry:child-create"), data)
        answers.append((response.status_code, _same_shape(response.content, code)))
    assert answers[0] == answers[1]
    assert answers[0][0] == 200


def test_registration_succeeds_alike(cast, client_for):
    known, unknown = _known_and_unknown(cast)
    client = client_for(cast.b_social_worker)
    locations = []
    for code, last in ((known, "Ozola"), (unknown, "Kalniņa")):
        data = {"first_name": "Anna", "last_name": last, "personal_code": code, "sex": "female"}
        response = client.post(reverse("registry:child-create"), data)
        assert response.status_code == 302, response.context["form"].errors
        child = Child.objects.get(municipality=cast.municipality_b, personal_code=code)
        locations.append(response["Location"].replace(str(child.pk), "PK"))
    assert locations[0] == locations[1] == "/registry/children/PK/"
    # Municipality A's record is untouched and still its own.
    assert Child.objects.get(municipality=cast.municipality_a, personal_code=known)


def test_representative_is_added_alike(cast, client_for):
    known = old_code(datetime.date(1985, 1, 2))
    LegalRepresentative.objects.create(
        municipality=cast.municipality_a, first_name="Ilze", last_name="A", personal_code=known
    )
    unknown = old_code(datetime.date(1985, 1, 2))
    child = make_child(cast.municipality_b, first_name="Toms")
    client = client_for(cast.b_social_worker)
    url = reverse("registry:representative-add", args=[child.pk])
    refused, added = [], []
    for code in (known, unknown):
        data = {"role": "nobody", "first_name": "Ilze", "last_name": "B", "personal_code": code}
        response = client.post(url, data)
        refused.append((response.status_code, _same_shape(response.content, code)))
    assert refused[0] == refused[1] and refused[0][0] == 200
    for role, code in (("mother", known), ("guardian", unknown)):
        data = {"role": role, "first_name": "Ilze", "last_name": "B", "personal_code": code}
        response = client.post(url, data)
        added.append((response.status_code, response["Location"]))
    assert added[0] == added[1] == (302, f"/registry/children/{child.pk}/")
    # Each municipality keeps its own record of the person.
    assert LegalRepresentative.objects.filter(personal_code=known).count() == 2


def test_every_lookup_is_audited_without_the_code_in_clear(cast, client_for):
    known, unknown = _known_and_unknown(cast)
    client = client_for(cast.b_social_worker)
    for code, last in ((known, "Ozola"), (unknown, "Kalniņa")):
        data = {"first_name": "Anna", "last_name": last, "personal_code": code, "sex": "female"}
        assert client.post(reverse("registry:child-create"), data).status_code == 302
    for code in (known, unknown):
        (entry,) = _lookups(code)
        assert entry.actor == cast.b_social_worker
        assert entry.municipality == cast.municipality_b
        data = entry.additional_data
        assert data["view"] == "child registration"
        assert data["found"] is False  # B's registry has neither; A's is never asked
        assert data["code"] == f"{code[:6]}-*****"
        assert code not in str(data) and code not in entry.object_repr
    # A lookup that finds B's own record says so, and stays recorded though the second
    # registration is refused.
    response = client.post(
        reverse("registry:child-create"),
        {"first_name": "Jānis", "last_name": "Liepa", "personal_code": unknown, "sex": "male"},
    )
    assert "jau ir reģistrēta" in str(response.context["form"].errors["personal_code"])
    assert [e.additional_data["found"] for e in _lookups(unknown)] == [False, True]
