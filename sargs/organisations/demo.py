"""The demo municipality: institutions of every type and a user for every role.

For the demo only: every demo user has the same known password and TOTP secret, written in
the README. The commands that use this refuse to run with production settings.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Institution, Membership, Municipality, User
from .roles import InstitutionType as T
from .roles import Role

DEMO_PASSWORD = "Sargs-demo-2026!"
DEMO_TOTP_KEY = b"SargsDemoTotpKey2026"  # 20 bytes, as authenticator apps expect
DEMO_TOTP_BASE32 = base64.b32encode(DEMO_TOTP_KEY).decode()
DEMO_MUNICIPALITY = "0054000"  # Valmieras novads
NEIGHBOUR_MUNICIPALITY = "0049000"  # Smiltenes novads, to show that data stays apart

# (key, name, type, municipality: "demo" | "neighbour" | None)
INSTITUTIONS = [
    ("admin", "Valmieras novada pašvaldība", T.ADMINISTRATION, "demo"),
    ("council", "Valmieras novada dome", T.COUNCIL, "demo"),
    ("social", "Valmieras novada Sociālais dienests", T.SOCIAL_SERVICE, "demo"),
    ("court", "Valmieras novada bāriņtiesa", T.ORPHANS_COURT, "demo"),
    ("mpolice", "Valmieras novada pašvaldības policija", T.MUNICIPAL_POLICE, "demo"),
    ("spolice", "Valsts policijas Vidzemes reģiona pārvalde", T.STATE_POLICE, "demo"),
    ("eduboard", "Valmieras novada Izglītības pārvalde", T.EDUCATION_BOARD, "demo"),
    ("school", "Valmieras 2. vidusskola", T.SCHOOL, "demo"),
    ("kindergarten", 'Valmieras pirmsskolas izglītības iestāde "Ābelīte"', T.SCHOOL, "demo"),
    ("care", "Valmieras bērnu sociālās aprūpes centrs", T.CHILDCARE_INSTITUTION, "demo"),
    ("health", "Vidzemes slimnīca", T.HEALTH_CARE, "demo"),
    ("ngo", 'Biedrība "Ģimenes atbalsta centrs Vidzeme"', T.SERVICE_PROVIDER, "demo"),
    ("probation", "Valsts probācijas dienests", T.PROBATION_SERVICE, None),
    ("bac", "Bērnu aizsardzības centrs", T.NATIONAL_CENTRE, None),
    ("n-admin", "Smiltenes novada pašvaldība", T.ADMINISTRATION, "neighbour"),
    ("n-social", "Smiltenes novada Sociālais dienests", T.SOCIAL_SERVICE, "neighbour"),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role
    institution: str
    staff: bool = False


USERS = [
    DemoUser("koordinators", "Ilze", "Kalniņa", Role.COORDINATOR, "admin"),
    DemoUser("socialais", "Anna", "Bērziņa", Role.SOCIAL_WORKER, "social"),
    DemoUser("asistents", "Līga", "Ozola", Role.FAMILY_ASSISTANT, "ngo"),
    DemoUser("barintiesa", "Jānis", "Liepiņš", Role.ORPHANS_COURT_MEMBER, "court"),
    DemoUser("policija", "Māris", "Krūmiņš", Role.POLICE_OFFICER, "mpolice"),
    DemoUser("izglitiba", "Dace", "Vītola", Role.EDUCATION_SPECIALIST, "eduboard"),
    DemoUser("skola", "Inese", "Zariņa", Role.SCHOOL_STAFF, "school"),
    DemoUser("pakalpojumi", "Kristaps", "Egle", Role.PROVIDER_STAFF, "ngo"),
    DemoUser("sadarbiba", "Santa", "Priede", Role.COOPERATION_GROUP_MEMBER, "mpolice"),
    DemoUser("deputats", "Edgars", "Lācis", Role.COUNCILLOR, "council"),
    DemoUser("analitikis", "Rūta", "Siliņa", Role.NATIONAL_ANALYST, "bac"),
    DemoUser("administrators", "Pēteris", "Kļaviņš", Role.ADMINISTRATOR, "admin"),
    DemoUser("sistema", "Agnese", "Rozīte", Role.ADMINISTRATOR, "bac", staff=True),
    DemoUser("smiltene", "Laura", "Jansone", Role.SOCIAL_WORKER, "n-social"),
    DemoUser("datuaizsardziba", "Elīna", "Vanaga", Role.DATA_PROTECTION_OFFICER, "admin"),
]


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Create or refresh the demo municipality; safe to run again."""
    municipalities = {
        "demo": Municipality.objects.get(atvk=DEMO_MUNICIPALITY),
        "neighbour": Municipality.objects.get(atvk=NEIGHBOUR_MUNICIPALITY),
        None: None,
    }
    institutions = {}
    for key, name, kind, where in INSTITUTIONS:
        institutions[key], _ = Institution.objects.get_or_create(
            name=name, type=kind, municipality=municipalities[where]
        )
    for spec in USERS:
        user, _ = User.objects.update_or_create(
            username=spec.username,
            defaults={
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "email": f"{spec.username}@demo.sargs.lv",
                "is_staff": spec.staff,
                "is_active": True,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        Membership.objects.get_or_create(
            user=user, institution=institutions[spec.institution], role=spec.role
        )
        TOTPDevice.objects.update_or_create(
            user=user,
            name="demo authenticator",
            defaults={"key": DEMO_TOTP_KEY.hex(), "confirmed": True, "drift": 0, "last_t": -1},
        )
    return {"institutions": len(institutions), "users": len(USERS)}


# Found by `manage.py demo_data` (sargs.core.demo), after the apps below this one.
DEMO_PARTS = [("organisations", load_demo)]
