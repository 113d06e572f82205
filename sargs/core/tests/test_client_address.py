"""The client address comes only from what the trusted proxies wrote, and is an address."""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings

from sargs.core.client_address import client_address

factory = RequestFactory()


def request_with(remote: str = "127.0.0.1", forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return factory.get("/", **extra)


@override_settings(PROXY_COUNT=0)
def test_without_proxies_the_socket_address_is_the_client_and_the_header_is_ignored():
    assert client_address(request_with("198.51.100.4", forwarded="203.0.113.9")) == "198.51.100.4"


@override_settings(PROXY_COUNT=1)
def test_behind_one_proxy_the_right_most_entry_is_the_client_and_forged_entries_are_ignored():
    # The client wrote "10.0.0.1, 192.0.2.66"; nginx appended the address it saw.
    request = request_with(forwarded="10.0.0.1, 192.0.2.66, 203.0.113.9")
    assert client_address(request) == "203.0.113.9"


@override_settings(PROXY_COUNT=2)
def test_behind_two_proxies_the_second_entry_from_the_right_is_the_client():
    request = request_with(forwarded="10.0.0.1, 203.0.113.9, 192.168.1.5")
    assert client_address(request) == "203.0.113.9"


@override_settings(PROXY_COUNT=2)
def test_fewer_entries_than_proxies_gives_no_address():
    assert client_address(request_with(forwarded="203.0.113.9")) is None


@override_settings(PROXY_COUNT=1)
def test_missing_header_behind_a_proxy_gives_no_address_not_the_proxy():
    assert client_address(request_with("127.0.0.1")) is None


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "unknown",
        "<script>alert(1)</script>",
        "203.0.113.9; DROP TABLE",
        "999.1.1.1",
        "203.0.113.9:443",
        "' OR 1=1 --",
    ],
)
@override_settings(PROXY_COUNT=1)
def test_anything_that_is_not_an_address_is_refused(garbage):
    assert client_address(request_with(forwarded=f"203.0.113.9, {garbage}")) is None


@override_settings(PROXY_COUNT=0)
def test_garbage_in_remote_addr_is_refused_too():
    assert client_address(request_with("not-an-address")) is None


@override_settings(PROXY_COUNT=1)
def test_ipv6_is_accepted_and_normalised():
    assert client_address(request_with(forwarded="2001:DB8:0:0::1")) == "2001:db8::1"
    assert client_address(request_with(forwarded="::ffff:203.0.113.9")) == "203.0.113.9"
