"""Failed sign-ins lock the account that was guessed at (ASVS 5.0 V6.3.1), whatever else
signs in from the same address, and the address they are counted against is the client's
as the council's reverse proxy reports it (X-Forwarded-For), not the proxy's own."""
from __future__ import annotations

import pytest
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.test import Client, RequestFactory
from django.urls import reverse

from config.settings.base import client_address_settings
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "172.18.0.1"  # the host's reverse proxy, as the app sees it (docker-compose.yml)


def attempt(client: Client, username: str, password: str, **headers: str) -> int:
    response = client.post(reverse("login"), {"username": username, "password": password},
                           **headers)
    if response.status_code == 302:
        client.post(reverse("logout"))
    return response.status_code


# --- 1. a colleague's sign-in does not reset the guesses at another account ----------


def test_a_colleagues_sign_in_from_the_same_address_does_not_reset_the_count(
        client, council, settings):
    for _ in range(3):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            attempt(client, "monitoring_officer", "guess")
        assert attempt(client, "officer", PASSWORD) == 302
    # More than the limit of guesses at the Monitoring Officer: the right password is
    # refused now, from this address and any other.
    assert attempt(client, "monitoring_officer", PASSWORD) == 429
    assert attempt(Client(REMOTE_ADDR="192.0.2.99"), "monitoring_officer", PASSWORD) == 429


def test_the_persons_own_sign_in_still_clears_their_mistakes(client, council, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "officer", "typo")
    assert attempt(client, "officer", PASSWORD) == 302
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "officer", "typo")
    assert attempt(client, "officer", PASSWORD) == 302


def test_guesses_at_one_account_do_not_lock_a_colleague_out(client, council, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        attempt(client, "monitoring_officer", "guess")
    assert attempt(client, "officer", PASSWORD) == 302


# --- 2. the client address behind the proxy -------------------------------------------


@pytest.fixture
def behind_one_proxy(settings):
    """The production settings for AXES_PROXY_COUNT=1 (.env.example, docker-compose.yml)."""
    for name, value in client_address_settings(1).items():
        setattr(settings, name, value)


def address_of(**meta: str) -> str | None:
    return get_client_ip_address(RequestFactory().get("/", **meta))


def test_behind_the_proxy_the_client_address_is_the_one_it_forwards(behind_one_proxy):
    assert address_of(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7") == "203.0.113.7"
    # An office on the council's own network is a client too, not the proxy.
    assert address_of(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="10.1.2.3") == "10.1.2.3"


def test_an_address_the_client_forged_is_not_believed(behind_one_proxy):
    # The proxy appends the address it was reached from; anything to its left is the
    # client's own say-so.
    forged = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.7"}
    assert address_of(**forged) == "203.0.113.7"


def test_without_a_proxy_the_header_is_ignored(settings):
    for name, value in client_address_settings(0).items():
        setattr(settings, name, value)
    assert address_of(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1") == \
        "203.0.113.7"


def test_two_proxies_count_two_hops_from_the_right(settings):
    for name, value in client_address_settings(2).items():
        setattr(settings, name, value)
    chain = "198.51.100.1, 203.0.113.7, 10.0.0.5"  # forged, client, load balancer
    assert address_of(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=chain) == "203.0.113.7"


def test_failures_are_counted_against_the_clients_address(client, council, behind_one_proxy,
                                                          settings):
    outsider = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    colleague = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "10.1.2.3"}
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        attempt(client, "councillor", "guess", **outsider)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}
    # The outsider's guesses lock nobody else out through the shared proxy.
    assert attempt(Client(), "officer", PASSWORD, **colleague) == 302


def test_the_settings_read_the_proxy_count_from_the_environment(settings):
    # config/settings/test.py leaves AXES_PROXY_COUNT unset: no proxy.
    for name, value in client_address_settings(0).items():
        assert getattr(settings, name) == value
