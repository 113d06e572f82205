"""Fixtures shared by every app's tests: the cast and signed-in clients."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from sargs.organisations.models import User
from sargs.organisations.testing import Cast, build_cast


@pytest.fixture(autouse=True)
def _content_types_as_stored(request: pytest.FixtureRequest) -> None:
    """Forget cached content type ids before each transactional test.

    A browser test empties the database without recreating content types (``available_apps``
    inhibits post_migrate), but Django's per-process cache still holds their old ids; the next
    transactional test in the same worker would write an audit entry pointing at a content type
    that no longer exists (PostgreSQL refuses the foreign key). Cleared, the cache is filled
    again from the table, creating rows that are missing.
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        ContentType.objects.clear_cache()


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
