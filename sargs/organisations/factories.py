"""factory_boy factories for organisations' rows: the one builder per model the tests use.

Municipalities are not made here: the ATVK classifier is loaded by a migration, so tests look
them up (``MunicipalityLookup``). Users get a precomputed password hash (Argon2 is slow on
purpose) and, by default, a confirmed TOTP device with the RFC 6238 test key so they can sign in.
Only tests import this module: factory_boy is a test dependency.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import factory
from django.contrib.auth.hashers import make_password
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Institution, Membership, Municipality, User
from .roles import InstitutionType, Role

TEST_PASSWORD = "Cast-password-2026!"
TEST_TOTP_KEY = "3132333435363738393031323334353637383930"  # RFC 6238 test key


@cache
def password_hash() -> str:
    return make_password(TEST_PASSWORD)


def municipality(atvk: str) -> Municipality:
    """A municipality of the classifier (loaded by migration), by its ATVK code."""
    return Municipality.objects.get(atvk=atvk)


class InstitutionFactory(factory.django.DjangoModelFactory[Institution]):
    class Meta:
        model = Institution

    type = InstitutionType.SOCIAL_SERVICE
    name = factory.Sequence(lambda n: f"Iestāde {n}")
    municipality = None


class TOTPDeviceFactory(factory.django.DjangoModelFactory[TOTPDevice]):
    class Meta:
        model = TOTPDevice

    user = None
    name = "test"
    key = TEST_TOTP_KEY
    confirmed = True


class UserFactory(factory.django.DjangoModelFactory[User]):
    """A user who can sign in: the test password and (``totp=False`` to leave it out) a TOTP
    device."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.LazyAttribute(lambda o: o.username.title())
    last_name = "Tests"
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.test")
    password = factory.LazyFunction(password_hash)
    is_staff = False

    @factory.post_generation
    def totp(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted is not False:
            TOTPDeviceFactory(user=obj)


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    institution = factory.SubFactory(InstitutionFactory)
    role = Role.SOCIAL_WORKER
