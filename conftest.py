"""Fixtures shared by every app's tests: the cast and signed-in clients."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from sargs.organisations.models import User
from sargs.organisations.testing import Cast, build_cast


@pytest.fixture
def cast(db: None) -> Cast:
    return build_cast()


def _signed_in(user: User, *, verified: bool = True) -> Client:
    client = Client()
    client.force_login(user)
    if verified:
        device = user.totpdevice_set.get()
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def client_for(db: None) -> Callable[..., Client]:
    """``client_for(user)``: a client signed in with password and second factor."""
    return _signed_in
