"""The registry API applies the page's policy and audit."""

from __future__ import annotations

import pytest

from sargs.audit.models import AuditEntry
from sargs.registry.testing import make_child, make_parent, old_code

pytestmark = pytest.mark.django_db


def test_list_is_scoped_masked_and_audited(cast, client_for):
    import datetime

    code = old_code(datetime.date(2015, 3, 4))
    child = make_child(cast.municipality_a, personal_code=code)
    make_child(cast.municipality_b, first_name="Other")
    data = client_for(cast.social_worker).get("/api/v1/children/").json()
    assert [row["id"] for row in data["results"]] == [child.pk]
    assert data["results"][0]["personal_code"] == f"{code[:6]}-*****"
    assert data["results"][0]["municipality"] == "0054000"
    assert (
        AuditEntry.objects.filter(object_pk=str(child.pk), action=AuditEntry.Action.ACCESS).count()
        == 1
    )


def test_detail_is_audited_and_has_the_full_code(cast, client_for):
    import datetime

    code = old_code(datetime.date(2015, 3, 4))
    child = make_child(cast.municipality_a, personal_code=code)
    make_parent(child, "mother", declared=cast.municipality_a, lives_with_child=True)
    data = client_for(cast.orphans_court_member).get(f"/api/v1/children/{child.pk}/").json()
    assert data["personal_code"] == code
    assert data["representatives"][0]["role"] == "mother"
    assert data["representatives"][0]["residences"][0]["municipality"] == "0054000"
    assert (
        AuditEntry.objects.filter(object_pk=str(child.pk), action=AuditEntry.Action.ACCESS).count()
        == 1
    )


@pytest.mark.parametrize(
    "role", ["school_staff", "national_analyst", "administrator", "councillor"]
)
def test_forbidden_roles(cast, client_for, role):
    child = make_child(cast.municipality_a)
    client = client_for(getattr(cast, role))
    assert client.get("/api/v1/children/").status_code == 403
    assert client.get(f"/api/v1/children/{child.pk}/").status_code == 403
    assert client.get(f"/api/v1/children/{child.pk}/jurisdiction/").status_code == 403


def test_other_municipality_gets_404(cast, client_for):
    child = make_child(cast.municipality_a)
    client = client_for(cast.b_social_worker)
    assert client.get(f"/api/v1/children/{child.pk}/").status_code == 404
    assert client.get("/api/v1/children/").json()["results"] == []


def test_schema_lists_the_registry(cast, client_for):
    schema = client_for(cast.social_worker).get("/api/v1/schema/", {"format": "json"}).json()
    assert "/api/v1/children/{id}/jurisdiction/" in schema["paths"]
