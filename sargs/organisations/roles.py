"""Roles, institution types and what each role may do.

The mapping lives here, in one place, so that access policies, the second-factor rule,
navigation and the demo data all read the same facts.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class InstitutionType(models.TextChoices):
    ADMINISTRATION = "administration", _("Municipal administration")
    COUNCIL = "council", _("Municipal council")
    SOCIAL_SERVICE = "social_service", _("Social service")
    ORPHANS_COURT = "orphans_court", _("Orphan's court")
    MUNICIPAL_POLICE = "municipal_police", _("Municipal police")
    STATE_POLICE = "state_police", _("State Police")
    EDUCATION_BOARD = "education_board", _("Education board")
    SCHOOL = "school", _("Educational institution")
    CHILDCARE_INSTITUTION = "childcare_institution", _("Childcare institution")
    HEALTH_CARE = "health_care", _("Health care institution")
    SERVICE_PROVIDER = "service_provider", _("NGO / service provider")
    PROBATION_SERVICE = "probation_service", _("State Probation Service")
    NATIONAL_CENTRE = "national_centre", _("National child protection centre")


# Institutions that always belong to one municipality, those that never do (state level),
# and those that may do either (a State Police unit or an NGO may serve one municipality).
MUNICIPAL_TYPES = frozenset(
    {
        InstitutionType.ADMINISTRATION,
        InstitutionType.COUNCIL,
        InstitutionType.SOCIAL_SERVICE,
        InstitutionType.ORPHANS_COURT,
        InstitutionType.MUNICIPAL_POLICE,
        InstitutionType.EDUCATION_BOARD,
        InstitutionType.SCHOOL,
        InstitutionType.CHILDCARE_INSTITUTION,
    }
)
STATE_TYPES = frozenset({InstitutionType.NATIONAL_CENTRE, InstitutionType.PROBATION_SERVICE})
EITHER_TYPES = frozenset(InstitutionType) - MUNICIPAL_TYPES - STATE_TYPES


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Child rights coordinator")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    FAMILY_ASSISTANT = "family_assistant", _("Family assistant")
    ORPHANS_COURT_MEMBER = "orphans_court_member", _("Orphan's court member")
    POLICE_OFFICER = "police_officer", _("Police officer")
    EDUCATION_SPECIALIST = "education_specialist", _("Education specialist")
    SCHOOL_STAFF = "school_staff", _("School staff")
    PROVIDER_STAFF = "provider_staff", _("Service provider staff")
    COOPERATION_GROUP_MEMBER = "cooperation_group_member", _("Cooperation group member")
    COUNCILLOR = "councillor", _("Councillor")
    NATIONAL_ANALYST = "national_analyst", _("National analyst")
    ADMINISTRATOR = "administrator", _("Administrator")
    DATA_PROTECTION_OFFICER = "data_protection_officer", _("Data protection officer")


_ANY = frozenset(InstitutionType)

# Which institution types a role can be held in.
ROLE_INSTITUTION_TYPES: dict[Role, frozenset[InstitutionType]] = {
    Role.COORDINATOR: frozenset({InstitutionType.ADMINISTRATION, InstitutionType.SOCIAL_SERVICE}),
    Role.SOCIAL_WORKER: frozenset(
        {
            InstitutionType.SOCIAL_SERVICE,
            InstitutionType.SERVICE_PROVIDER,
            InstitutionType.SCHOOL,
            InstitutionType.HEALTH_CARE,
            InstitutionType.CHILDCARE_INSTITUTION,
        }
    ),
    Role.FAMILY_ASSISTANT: frozenset(
        {InstitutionType.SOCIAL_SERVICE, InstitutionType.SERVICE_PROVIDER}
    ),
    Role.ORPHANS_COURT_MEMBER: frozenset({InstitutionType.ORPHANS_COURT}),
    Role.POLICE_OFFICER: frozenset(
        {InstitutionType.MUNICIPAL_POLICE, InstitutionType.STATE_POLICE}
    ),
    Role.EDUCATION_SPECIALIST: frozenset(
        {InstitutionType.EDUCATION_BOARD, InstitutionType.ADMINISTRATION}
    ),
    Role.SCHOOL_STAFF: frozenset({InstitutionType.SCHOOL}),
    Role.PROVIDER_STAFF: frozenset(
        {
            InstitutionType.SERVICE_PROVIDER,
            InstitutionType.SOCIAL_SERVICE,
            InstitutionType.CHILDCARE_INSTITUTION,
            InstitutionType.HEALTH_CARE,
        }
    ),
    Role.COOPERATION_GROUP_MEMBER: _ANY - {InstitutionType.NATIONAL_CENTRE},
    Role.COUNCILLOR: frozenset({InstitutionType.COUNCIL}),
    Role.NATIONAL_ANALYST: frozenset({InstitutionType.NATIONAL_CENTRE}),
    Role.ADMINISTRATOR: frozenset(
        {InstitutionType.ADMINISTRATION, InstitutionType.NATIONAL_CENTRE}
    ),
    # A municipality's data protection officer (GDPR art. 37) answers data subjects' requests
    # for that municipality's records (sargs.subjects); held in its administration.
    Role.DATA_PROTECTION_OFFICER: frozenset({InstitutionType.ADMINISTRATION}),
}

# Roles that may see data about an individual child. They need a second factor.
CHILD_DATA_ROLES = frozenset(
    {
        Role.COORDINATOR,
        Role.SOCIAL_WORKER,
        Role.FAMILY_ASSISTANT,
        Role.ORPHANS_COURT_MEMBER,
        Role.POLICE_OFFICER,
        Role.EDUCATION_SPECIALIST,
        Role.SCHOOL_STAFF,
        Role.PROVIDER_STAFF,
        Role.COOPERATION_GROUP_MEMBER,
    }
)
# Administrators never read case data, but they grant roles that do; a stolen password
# must not be enough to hand out access, so they need a second factor too.
# The data protection officer sees no case content in daily work, but exports everything held
# about a person on a data subject's request: a second factor too.
SECOND_FACTOR_ROLES = CHILD_DATA_ROLES | {Role.ADMINISTRATOR, Role.DATA_PROTECTION_OFFICER}

# Roles that see only aggregated, suppressed figures.
AGGREGATE_ONLY_ROLES = frozenset({Role.COUNCILLOR, Role.NATIONAL_ANALYST})
