import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sargs.services import services
from sargs.services.models import Education
from sargs.services.qualifications import (
    family_assistant_qualification_problem,
    family_assistant_qualifies,
    qualification_problem,
)

QUALIFYING = {
    Education.HIGHER_SOCIAL_WORK,
    Education.HIGHER_SOCIAL_CARE,
    Education.HIGHER_SOCIAL_REHABILITATION,
    Education.HIGHER_PEDAGOGY,
    Education.HIGHER_PSYCHOLOGY,
    Education.VOCATIONAL_SOCIAL_CARE,
    Education.VOCATIONAL_HEALTH_CARE,
}


@pytest.mark.parametrize("education", list(Education))
def test_rule_for_every_education(education: Education) -> None:
    assert family_assistant_qualifies(education) == (education in QUALIFYING)
    problem = qualification_problem([education])
    if education in QUALIFYING:
        assert problem is None
    else:
        assert problem is not None
        assert "does not qualify" in problem
        assert "vocational secondary education" in problem


def test_nothing_recorded_says_so() -> None:
    problem = qualification_problem([])
    assert problem is not None and problem.startswith("No education is recorded.")


def test_one_qualifying_education_is_enough() -> None:
    assert qualification_problem([Education.OTHER, Education.HIGHER_PEDAGOGY]) is None


def test_message_in_latvian() -> None:
    from django.utils import translation

    with translation.override("lv"):
        assert qualification_problem([Education.OTHER])


@pytest.mark.django_db
def test_record_and_check_a_family_assistant(cast) -> None:
    user = cast.family_assistant
    assert family_assistant_qualification_problem(user) is not None
    services.qualification_record(
        actor=cast.provider_staff,
        user=user,
        provider=cast.institutions["a_provider"],
        education=Education.OTHER,
    )
    assert "does not qualify" in (family_assistant_qualification_problem(user) or "")
    q = services.qualification_record(
        actor=cast.coordinator,
        user=user,
        provider=cast.institutions["a_provider"],
        education=Education.VOCATIONAL_SOCIAL_CARE,
        programme="Sociālā aprūpe",
        completed_on=datetime.date(2015, 6, 20),
    )
    assert q.recorded_by == cast.coordinator
    assert family_assistant_qualification_problem(user) is None


@pytest.mark.django_db
def test_record_refuses_other_providers_staff_and_outsiders(cast) -> None:
    provider = cast.institutions["a_provider"]
    with pytest.raises(ValidationError) as error:
        services.qualification_record(
            actor=cast.coordinator, user=cast.school_staff, provider=provider, education="other"
        )
    assert "does not work for this provider" in str(error.value)
    for actor in (cast.family_assistant, cast.b_coordinator, cast.school_staff):
        with pytest.raises(PermissionDenied):
            services.qualification_record(
                actor=actor, user=cast.family_assistant, provider=provider, education="other"
            )
