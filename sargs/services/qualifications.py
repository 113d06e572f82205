"""The family assistant qualification rule (domain.md §8): higher education in social work,
social care or social rehabilitation, pedagogy or psychology, or vocational secondary
education in social or health care. Pure functions, so the rule is tested without a database
and the organisations' membership screen can ask it before granting the role."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from sargs.organisations.models import User

from .models import Education, StaffQualification

FAMILY_ASSISTANT_EDUCATION = frozenset(
    {
        Education.HIGHER_SOCIAL_WORK,
        Education.HIGHER_SOCIAL_CARE,
        Education.HIGHER_SOCIAL_REHABILITATION,
        Education.HIGHER_PEDAGOGY,
        Education.HIGHER_PSYCHOLOGY,
        Education.VOCATIONAL_SOCIAL_CARE,
        Education.VOCATIONAL_HEALTH_CARE,
    }
)


def family_assistant_qualifies(education: str) -> bool:
    """Whether one recorded education qualifies a person to work as a family assistant."""
    return education in FAMILY_ASSISTANT_EDUCATION


def family_assistant_rule_text() -> str:
    return _(
        "A family assistant needs higher education in social work, social care, social "
        "rehabilitation, pedagogy or psychology, or vocational secondary education in social "
        "care or health care."
    )


def qualification_problem(educations: Iterable[str]) -> str | None:
    """None when one of ``educations`` qualifies; otherwise a message saying what is missing."""
    recorded = list(educations)
    if any(family_assistant_qualifies(e) for e in recorded):
        return None
    if not recorded:
        return _("No education is recorded.") + " " + family_assistant_rule_text()
    return _("The recorded education does not qualify.") + " " + family_assistant_rule_text()


def family_assistant_qualification_problem(user: User) -> str | None:
    """For the role grant: None when ``user`` may be a family assistant, else the reason."""
    educations = StaffQualification.objects.filter(user=user).values_list("education", flat=True)
    return qualification_problem(educations)
