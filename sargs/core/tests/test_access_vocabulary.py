"""The building blocks of access rules, without HTTP or the database: grants held in kinds of
institution, rules composed with | and &, policies' declared permissions."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from sargs.core.access import AllOf, AnyOf, Holds, PrincipalRule
from sargs.core.grants import Grants
from sargs.core.policy import Permission, Policy


@dataclass(frozen=True)
class FakeGrant:
    role: str
    institution_id: int
    institution_type: str
    municipality_id: int | None


@dataclass(frozen=True)
class FakePrincipal:
    grants: tuple[FakeGrant, ...]
    user_id: int | None = 1

    def has_role(self, *roles: str) -> bool:
        return any(g.role in roles for g in self.grants)


MANAGERS = Grants.of(
    "manager",
    {"coordinator": ["administration", "social_service"], "social_worker": ["social_service"]},
    "municipal",
)
COURTS = Grants.of("court", {"court_member": None}, "municipal")
ANALYSTS = Grants.of("analyst", {"analyst": None}, "national")

social_in_service = FakePrincipal((FakeGrant("social_worker", 10, "social_service", 1),))
social_in_school = FakePrincipal((FakeGrant("social_worker", 11, "school", 1),))
two_places = FakePrincipal(
    (
        FakeGrant("coordinator", 12, "administration", 2),
        FakeGrant("social_worker", 13, "social_service", 3),
        FakeGrant("social_worker", 14, "school", 4),
    )
)
analyst = FakePrincipal((FakeGrant("analyst", 20, "national_centre", None),))


def test_a_grant_counts_only_in_the_kinds_of_institution_it_names() -> None:
    assert MANAGERS.held_by(social_in_service)
    assert not MANAGERS.held_by(social_in_school)
    assert MANAGERS.municipalities(two_places) == {2, 3}
    assert MANAGERS.institutions(two_places) == {12, 13}


def test_levels_keep_municipal_and_national_grants_apart() -> None:
    assert ANALYSTS.held_by(analyst)
    assert ANALYSTS.municipalities(analyst) == frozenset()
    assert ANALYSTS.covers("analyst", "national_centre", national=True)
    assert not ANALYSTS.covers("analyst", "national_centre", national=False)
    assert not MANAGERS.covers("coordinator", "administration", national=True)


def test_joined_grants_hold_for_either_and_refuse_mixed_levels() -> None:
    keepers = MANAGERS | COURTS
    assert keepers.covers("court_member", "orphans_court")
    assert keepers.covers("social_worker", "social_service")
    assert not keepers.covers("social_worker", "school")
    with pytest.raises(ValueError, match="cannot join"):
        MANAGERS | ANALYSTS


class _Fixed(PrincipalRule):
    def __init__(self, answer: bool, description: str) -> None:
        self.answer = answer
        self.description = description

    def check(self, principal: object) -> bool:
        return self.answer


def test_rules_compose_and_describe_themselves() -> None:
    yes, no = _Fixed(True, "yes"), _Fixed(False, "no")
    either = yes | no
    both = yes & no
    assert isinstance(either, AnyOf) and isinstance(both, AllOf)
    assert [r.check(None) for r in either.rules] == [True, False]  # type: ignore[attr-defined]
    assert either.describe() == "yes or no"
    assert (either | yes).describe() == "yes or no or yes"  # flattened, not nested
    assert both.describe() == "(yes) and (no)"
    assert MANAGERS.rule.check(social_in_service) and not MANAGERS.rule.check(social_in_school)
    assert MANAGERS.rule.describe() == "manager"
    assert Holds("has two grants", lambda p: len(p.grants) == 2).check(two_places) is False


class _Policy(Policy):  # type: ignore[type-arg]
    permissions = (
        Permission("see", (MANAGERS, COURTS), also=("the reporter",)),
        Permission("decide", (COURTS,), scope="receiving municipality"),
    )

    def can_decide(self, principal: FakePrincipal, obj: int) -> bool:
        return obj in self.municipalities(principal, "decide")


def test_a_policy_reads_its_own_declared_permissions() -> None:
    policy = _Policy()
    court = FakePrincipal((FakeGrant("court_member", 30, "orphans_court", 5),))
    assert policy.municipalities(court, "see") == {5}
    assert policy.can(court, "decide", 5) and not policy.can(social_in_service, "decide", 5)
    assert (
        policy.permission("decide").describe() == "court (of the record's receiving municipality)"
    )
    with pytest.raises(KeyError):
        policy.permission("delete")
