"""The shared cast for tests: two municipalities, institutions of every type, a user per role.

Municipality A (Valmieras novads) has every institution type and a user for every role;
municipality B (Smiltenes novads) has a few, so tests can show that A's staff do not see B's
data. Users get a precomputed password hash: Argon2 is slow on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .factories import (
    TEST_PASSWORD,
    TEST_TOTP_KEY,
    InstitutionFactory,
    MembershipFactory,
    TOTPDeviceFactory,
    UserFactory,
    municipality,
)
from .models import Institution, Municipality, User
from .roles import InstitutionType, Role

__all__ = ["ROLE_HOME", "TEST_PASSWORD", "TEST_TOTP_KEY", "Cast", "build_cast", "make_user"]


def make_user(username: str, *memberships: tuple[Institution, Role], staff: bool = False) -> User:
    """A user with the test password, a TOTP device and these memberships."""
    user = UserFactory.create(username=username, is_staff=staff, totp=False)
    for institution, role in memberships:
        MembershipFactory.create(user=user, institution=institution, role=role)
    TOTPDeviceFactory.create(user=user)  # after the memberships, as the cast always had it
    return user


@dataclass
class Cast:
    municipality_a: Municipality
    municipality_b: Municipality
    institutions: dict[str, Institution] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    def __getattr__(self, name: str) -> User:
        try:
            return self.__dict__["users"][name]
        except KeyError as exc:
            raise AttributeError(name) from exc


# Role → institution key in municipality A where the cast's user holds it.
ROLE_HOME = {
    Role.COORDINATOR: "a_admin",
    Role.SOCIAL_WORKER: "a_social",
    Role.FAMILY_ASSISTANT: "a_provider",
    Role.ORPHANS_COURT_MEMBER: "a_court",
    Role.POLICE_OFFICER: "a_police",
    Role.EDUCATION_SPECIALIST: "a_eduboard",
    Role.SCHOOL_STAFF: "a_school",
    Role.PROVIDER_STAFF: "a_provider",
    Role.COOPERATION_GROUP_MEMBER: "a_police",
    Role.COUNCILLOR: "a_council",
    Role.ADMINISTRATOR: "a_admin",
}


def build_cast() -> Cast:
    a = municipality("0054000")
    b = municipality("0049000")
    cast = Cast(municipality_a=a, municipality_b=b)
    inst = cast.institutions
    a_types = {
        "a_admin": InstitutionType.ADMINISTRATION,
        "a_council": InstitutionType.COUNCIL,
        "a_social": InstitutionType.SOCIAL_SERVICE,
        "a_court": InstitutionType.ORPHANS_COURT,
        "a_police": InstitutionType.MUNICIPAL_POLICE,
        "a_eduboard": InstitutionType.EDUCATION_BOARD,
        "a_school": InstitutionType.SCHOOL,
        "a_care": InstitutionType.CHILDCARE_INSTITUTION,
        "a_health": InstitutionType.HEALTH_CARE,
        "a_provider": InstitutionType.SERVICE_PROVIDER,
        "a_spolice": InstitutionType.STATE_POLICE,
    }
    for key, kind in a_types.items():
        inst[key] = InstitutionFactory.create(name=f"A {kind.label}", type=kind, municipality=a)
    for key, kind in {
        "b_admin": InstitutionType.ADMINISTRATION,
        "b_social": InstitutionType.SOCIAL_SERVICE,
    }.items():
        inst[key] = InstitutionFactory.create(name=f"B {kind.label}", type=kind, municipality=b)
    inst["national"] = InstitutionFactory.create(
        name="National centre", type=InstitutionType.NATIONAL_CENTRE
    )
    inst["probation"] = InstitutionFactory.create(
        name="Probation", type=InstitutionType.PROBATION_SERVICE
    )
    for role, key in ROLE_HOME.items():
        cast.users[role.value] = make_user(role.value, (inst[key], role))
    cast.users["national_analyst"] = make_user(
        "national_analyst", (inst["national"], Role.NATIONAL_ANALYST)
    )
    cast.users["national_admin"] = make_user(
        "national_admin", (inst["national"], Role.ADMINISTRATOR), staff=True
    )
    cast.users["b_social_worker"] = make_user(
        "b_social_worker", (inst["b_social"], Role.SOCIAL_WORKER)
    )
    cast.users["b_coordinator"] = make_user("b_coordinator", (inst["b_admin"], Role.COORDINATOR))
    cast.users["b_administrator"] = make_user(
        "b_administrator", (inst["b_admin"], Role.ADMINISTRATOR)
    )
    cast.users["no_role"] = make_user("no_role")
    return cast
