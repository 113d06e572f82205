"""The audit trail stores the address the trusted proxies vouch for, never a forged one."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from sargs.audit.models import AuditEntry
from sargs.organisations.models import User

pytestmark = pytest.mark.django_db

# The client wrote the first two entries; nginx appended the address it saw.
FORGED = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "10.6.6.6, 192.0.2.1, 203.0.113.9"}


@override_settings(PROXY_COUNT=1)
def test_a_read_records_the_address_nginx_saw_not_the_forged_one(cast, client_for):
    client_for(cast.administrator).get(
        reverse("organisations:user-detail", args=[cast.social_worker.pk]), **FORGED
    )
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).latest("timestamp")
    assert entry.remote_addr == "203.0.113.9"


@override_settings(PROXY_COUNT=1)
def test_a_change_records_the_address_nginx_saw_and_no_forged_port(cast, client_for):
    client_for(cast.administrator).post(
        reverse("organisations:user-create"),
        {"username": "jauns", "first_name": "Jānis", "last_name": "Jauns", "email": "j@e.test"},
        HTTP_X_FORWARDED_PORT="31337",
        **FORGED,
    )
    user = User.objects.get(username="jauns")
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CREATE, object_pk=str(user.pk))
    assert entry.remote_addr == "203.0.113.9"
    assert entry.remote_port is None


@override_settings(PROXY_COUNT=1)
def test_an_address_that_is_not_one_is_stored_as_nothing(cast, client_for):
    client_for(cast.administrator).get(
        reverse("organisations:user-detail", args=[cast.social_worker.pk]),
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.9, <script>",
    )
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).latest("timestamp")
    assert entry.remote_addr is None
