"""Step "organisations": institutions of every type per municipality, users and memberships.

Staff numbers follow the children a municipality has (one social worker per about 400
children, …) with a floor, so a small novads still has a working team. Every user has an
unusable password: generated accounts are for load tests and benchmarks, which sign in by
forcing the session, never by password.
"""

from __future__ import annotations

import datetime
import random
import string
from dataclasses import dataclass

from django.utils import timezone

from sargs.organisations.models import Institution, Membership, User
from sargs.organisations.roles import InstitutionType as T
from sargs.organisations.roles import Role

from . import names
from .base import BASE_DATE, Context, Step
from .population import Place, places

USERNAME_PREFIX = "gen-"
JOINED = timezone.make_aware(datetime.datetime(2024, 1, 2, 9, 0))
INSTITUTION_COLUMNS = [
    "id",
    "name",
    "type",
    "municipality_id",
    "registration_number",
    "email",
    "phone",
    "address",
    "is_active",
    "created_at",
    "updated_at",
]
USER_COLUMNS = [
    "id",
    "password",
    "last_login",
    "is_superuser",
    "username",
    "first_name",
    "last_name",
    "email",
    "is_staff",
    "is_active",
    "date_joined",
    "created_by_id",
]
MEMBERSHIP_COLUMNS = [
    "id",
    "user_id",
    "institution_id",
    "role",
    "valid_from",
    "valid_to",
    "created_at",
]


@dataclass(frozen=True)
class Post:
    """``count`` people with ``role`` in an institution (``per`` children each, at least)."""

    role: Role
    minimum: int
    per: int = 0

    def count(self, children: int) -> int:
        return max(self.minimum, children // self.per) if self.per else self.minimum


STAFF = {
    T.ADMINISTRATION: (
        Post(Role.COORDINATOR, 1),
        Post(Role.ADMINISTRATOR, 1),
        Post(Role.DATA_PROTECTION_OFFICER, 1),
    ),
    T.COUNCIL: (Post(Role.COUNCILLOR, 3, 8_000),),
    T.SOCIAL_SERVICE: (Post(Role.SOCIAL_WORKER, 3, 400), Post(Role.FAMILY_ASSISTANT, 1, 1_500)),
    T.ORPHANS_COURT: (Post(Role.ORPHANS_COURT_MEMBER, 3, 2_000),),
    T.MUNICIPAL_POLICE: (Post(Role.POLICE_OFFICER, 2, 3_000),),
    T.STATE_POLICE: (Post(Role.POLICE_OFFICER, 2, 4_000),),
    T.EDUCATION_BOARD: (Post(Role.EDUCATION_SPECIALIST, 1, 5_000),),
    T.SCHOOL: (Post(Role.SCHOOL_STAFF, 2),),
    T.CHILDCARE_INSTITUTION: (Post(Role.PROVIDER_STAFF, 2), Post(Role.SOCIAL_WORKER, 1)),
    T.HEALTH_CARE: (Post(Role.SOCIAL_WORKER, 1),),
    T.SERVICE_PROVIDER: (Post(Role.PROVIDER_STAFF, 2), Post(Role.FAMILY_ASSISTANT, 1)),
    T.NATIONAL_CENTRE: (Post(Role.NATIONAL_ANALYST, 5), Post(Role.ADMINISTRATOR, 2)),
    T.PROBATION_SERVICE: (Post(Role.COOPERATION_GROUP_MEMBER, 2),),
}
# The mandatory members of a cooperation group (MK 545): one person from each of these
# also holds the cooperation group member role.
COOPERATION_TYPES = (
    T.MUNICIPAL_POLICE,
    T.STATE_POLICE,
    T.SOCIAL_SERVICE,
    T.EDUCATION_BOARD,
    T.ORPHANS_COURT,
)
MUNICIPAL_POLICE_FROM = 2_500  # children; smaller municipalities rely on the State Police


def institutions_for(place: Place, rng: random.Random) -> list[tuple[T, str]]:
    """The institutions one municipality has, as (type, name)."""
    g, stem = place.genitive, place.stem
    administration = f"{g} valstspilsētas pašvaldība" if place.is_city else f"{g} pašvaldība"
    result = [
        (T.ADMINISTRATION, administration),
        (T.COUNCIL, f"{g} dome"),
        (T.SOCIAL_SERVICE, f"{g} Sociālais dienests"),
        (T.ORPHANS_COURT, f"{g} bāriņtiesa"),
        (T.EDUCATION_BOARD, f"{g} Izglītības pārvalde"),
    ]
    if place.children >= MUNICIPAL_POLICE_FROM:
        result.append((T.MUNICIPAL_POLICE, f"{g} pašvaldības policija"))
    else:
        result.append((T.STATE_POLICE, f"Valsts policijas {stem} iecirknis"))
    result += _schools(place, rng)
    care_homes = max(1, place.children // 40_000)
    result += [
        (
            T.CHILDCARE_INSTITUTION,
            f"{stem} bērnu sociālās aprūpes centrs" + (f" Nr. {n}" if care_homes > 1 else ""),
        )
        for n in range(1, care_homes + 1)
    ]
    result.append((T.HEALTH_CARE, f"{stem} slimnīca"))
    providers = max(1, place.children // 10_000)
    result.append((T.SERVICE_PROVIDER, f'Biedrība "{stem} ģimenes atbalsta centrs"'))
    result += [
        (T.SERVICE_PROVIDER, f'Nodibinājums "{stem} atbalsta punkts {n}"')
        for n in range(2, providers + 1)
    ]
    return result


def _schools(place: Place, rng: random.Random) -> list[tuple[T, str]]:
    """One school or kindergarten per about 600 children, at least three."""
    count = max(3, place.children // 600)
    result, numbers = [], {"vidusskola": 0, "pamatskola": 0, "pii": 0}
    for _ in range(count):
        kind = rng.choices(("vidusskola", "pamatskola", "pii"), weights=(4, 3, 3))[0]
        numbers[kind] += 1
        n = numbers[kind]
        if kind == "pii":
            name = f'{place.stem} pirmsskolas izglītības iestāde "{names.PLACE_NAMES[n % 14]}" {n}'
        else:
            name = f"{place.stem} {n}. {kind}"
        result.append((T.SCHOOL, name))
    return result


class _Builder:
    """Collects rows for the three tables, numbering them as it goes."""

    def __init__(self, ctx: Context, rng: random.Random) -> None:
        self.ctx, self.rng = ctx, rng
        self.institutions: list[tuple[object, ...]] = []
        self.users: list[tuple[object, ...]] = []
        self.memberships: list[tuple[object, ...]] = []
        self.seen_usernames: set[str] = set()
        self.schools: dict[int, list[int]] = {}
        self.staff: dict[int, list[int]] = {}  # municipality id → users with child-data roles
        self.courts: dict[int, str] = {}

    def institution(self, kind: T, name: str, place: Place | None) -> int:
        pk = self.ctx.next_id(Institution)
        muni = place.id if place else None
        email = f"info{pk}@example.invalid"
        address = names.address(self.rng, place.name if place else "Rīga")
        self.institutions.append(
            (
                pk,
                name,
                kind.value,
                muni,
                f"9000{pk:07d}",
                email,
                f"+371 6{pk % 10_000_000:07d}",
                address,
                True,
                JOINED,
                JOINED,
            )
        )
        if kind == T.SCHOOL and place:
            self.schools.setdefault(place.id, []).append(pk)
        if kind == T.ORPHANS_COURT and place:
            self.courts[place.id] = name
        return pk

    def user(self, place: Place | None) -> int:
        pk = self.ctx.next_id(User)
        female = self.rng.random() < 0.75  # child protection staff are mostly women
        family = self.rng.choice(names.SURNAMES)
        first, last = names.first_name(self.rng, female), names.surname_for(family, female)
        username = f"{USERNAME_PREFIX}{place.atvk if place else 'lv'}-{pk:06d}"
        password = "!" + "".join(self.rng.choices(string.ascii_letters + string.digits, k=40))
        email = f"{username}@example.invalid"
        self.users.append(
            (pk, password, None, False, username, first, last, email, False, True, JOINED, None)
        )
        return pk

    def membership(self, user: int, institution: int, role: Role) -> None:
        pk = self.ctx.next_id(Membership)
        valid_from = BASE_DATE - datetime.timedelta(days=self.rng.randrange(30, 3_000))
        self.memberships.append((pk, user, institution, role.value, valid_from, None, JOINED))

    def staff_institution(self, kind: T, name: str, place: Place | None) -> None:
        institution = self.institution(kind, name, place)
        children = place.children if place else 0
        first_user = None
        for post in STAFF.get(kind, ()):
            for _ in range(post.count(children)):
                user = self.user(place)
                first_user = first_user or user
                self.membership(user, institution, post.role)
                if place and post.role not in (Role.COUNCILLOR, Role.ADMINISTRATOR):
                    self.staff.setdefault(place.id, []).append(user)
        if kind in COOPERATION_TYPES and first_user is not None:
            self.membership(first_user, institution, Role.COOPERATION_GROUP_MEMBER)


def run(ctx: Context) -> int:
    rng = ctx.rng("organisations")
    builder = _Builder(ctx, rng)
    builder.staff_institution(T.NATIONAL_CENTRE, "Bērnu aizsardzības centrs", None)
    builder.staff_institution(T.PROBATION_SERVICE, "Valsts probācijas dienests", None)
    run_places = places(ctx.scale)
    progress = ctx.progress("organisations", len(run_places))
    for place in run_places:
        for kind, name in institutions_for(place, rng):
            builder.staff_institution(kind, name, place)
        progress.advance(1)
    progress.finish()
    ctx.state.update(
        places=run_places, schools=builder.schools, staff=builder.staff, courts=builder.courts
    )
    return (
        ctx.write(Institution, INSTITUTION_COLUMNS, builder.institutions)
        + ctx.write(User, USER_COLUMNS, builder.users)
        + ctx.write(Membership, MEMBERSHIP_COLUMNS, builder.memberships)
    )


STEP = Step("organisations", run, (Institution, User, Membership))
