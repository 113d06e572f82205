"""One of each (issue 17, point 8): one programme per municipality and years, one active
cooperation group per territory."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from sargs.programme import services
from sargs.programme.models import Programme

from .helpers import draft_programme

pytestmark = pytest.mark.django_db


def test_a_second_programme_for_overlapping_years_is_refused(cast):
    draft_programme(cast.coordinator, cast.municipality_a, cast.institutions["a_social"])
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.programme_create(
            actor=cast.coordinator,
            municipality=cast.municipality_a,
            title="Vēl viena programma",
            start_year=2027,
            end_year=2029,
        )
    assert "Valmieras novads already has a programme for 2026–2028" in str(refused.value)
    # The years after it are free; another municipality is not concerned.
    services.programme_create(
        actor=cast.coordinator,
        municipality=cast.municipality_a,
        title="Nākamā programma",
        start_year=2029,
        end_year=2031,
    )
    services.programme_create(
        actor=cast.b_coordinator,
        municipality=cast.municipality_b,
        title="Smiltenes programma",
        start_year=2026,
        end_year=2028,
    )


def test_the_database_refuses_the_same_start_year(cast):
    draft_programme(cast.coordinator, cast.municipality_a, cast.institutions["a_social"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Programme.objects.create(
            municipality=cast.municipality_a,
            title="Dublikāts",
            start_year=2026,
            end_year=2027,
            created_by=cast.coordinator,
        )


def test_a_second_active_group_for_the_same_territory_is_refused(cast):
    from sargs.cooperation import services as cooperation
    from sargs.cooperation.tests.helpers import active_group, add_mandatory, draft_group

    first = active_group(cast)
    second = draft_group(cast)
    add_mandatory(cast, second)
    with pytest.raises(ValidationError) as refused:
        cooperation.group_activate(actor=cast.coordinator, group=second)
    assert first.name in " ".join(refused.value.messages)
    # A group for a territory of its own may work beside it.
    cooperation.group_update(actor=cast.coordinator, group=second, territory="Mazsalacas pagasts")
    second.refresh_from_db()
    assert cooperation.group_activate(actor=cast.coordinator, group=second).is_active
