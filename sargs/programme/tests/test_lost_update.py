"""No lost update on the strategic part (issue 19 point 1, core.versioning): the second of two
coordinators who opened the same draft is refused, sees the saved text beside theirs, and can
save the merged text."""

import pytest
from django.urls import reverse

from sargs.core.versioning import StaleEdit
from sargs.programme import services
from sargs.programme.models import ProgrammeVersion

from .helpers import draft_programme

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def version(cast, assessments):
    programme, _ = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    return programme.versions.get()


def test_each_save_raises_the_revision(cast, version):
    start = version.revision
    services.version_update(
        actor=cast.coordinator, version=version, revision=start, legal_basis="BTAL 66. pants"
    )
    assert ProgrammeVersion.objects.get(pk=version.pk).revision == start + 1
    assert version.revision == start + 1


def test_a_save_from_an_older_revision_is_refused_with_the_saved_text(cast, version):
    start = version.revision
    first = ProgrammeVersion.objects.get(pk=version.pk)
    second = ProgrammeVersion.objects.get(pk=version.pk)
    services.version_update(
        actor=cast.coordinator, version=first, revision=start, legal_basis="Mans teksts"
    )
    with pytest.raises(StaleEdit) as refused:
        services.version_update(
            actor=cast.coordinator, version=second, revision=start, legal_basis="Cits teksts"
        )
    assert refused.value.revision == start + 1
    assert refused.value.theirs["legal_basis"] == "Mans teksts"
    stored = ProgrammeVersion.objects.get(pk=version.pk)
    assert stored.legal_basis == "Mans teksts" and stored.revision == start + 1


def _post(client, version, revision, legal_basis):
    return client.post(
        reverse("programme:version-edit", args=[version.pk]),
        {
            "assessment": version.assessment_id,
            "legal_basis": legal_basis,
            "target_groups": "Bērni",
            "revision": revision,
        },
        **EN,
    )


def test_the_second_editor_sees_both_texts_and_saves_the_merge(cast, client_for, version):
    client = client_for(cast.coordinator)
    start = version.revision
    assert _post(client, version, start, "Pirmā redakcija").status_code == 302

    refused = _post(client, version, start, "Otrā redakcija")

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Someone else saved this while you were editing it" in page
    assert "Pirmā redakcija" in page and "Otrā redakcija" in page
    assert f'name="revision" value="{start + 1}"' in page
    assert ProgrammeVersion.objects.get(pk=version.pk).legal_basis == "Pirmā redakcija"

    merged = _post(client, version, start + 1, "Pirmā un otrā redakcija")
    assert merged.status_code == 302
    assert ProgrammeVersion.objects.get(pk=version.pk).legal_basis == "Pirmā un otrā redakcija"


def test_the_form_carries_the_revision_it_was_filled_from(cast, client_for, version):
    page = client_for(cast.coordinator).get(reverse("programme:version-edit", args=[version.pk]))
    assert f'name="revision" value="{version.revision}"' in page.content.decode()
