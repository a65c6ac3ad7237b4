"""Password reset requests are throttled per account and per client address (ASVS 5.0
V6.3.1, V6.4.2): no flood of reset emails to one person, no run through the council's
addresses from one machine. The refusal reads the same whether or not the address
entered belongs to an account, so it says nothing about who has one."""
from __future__ import annotations

import logging
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

TOO_MANY = "You have asked for too many password reset links"


@pytest.fixture
def limits(settings):
    settings.CASEWORK_PASSWORD_RESET_PER_ACCOUNT = (2, 3600)
    settings.CASEWORK_PASSWORD_RESET_PER_ADDRESS = (4, 3600)


def page_of(response, email: str) -> str:
    """The page without the email address entered, the CSRF token and the CSP nonce."""
    page = response.content.decode().replace(email, "X")
    return re.sub(r'(value|nonce)="[^"]*"', "", page)


def ask(client: Client, email: str, address: str = "203.0.113.7"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_one_account_gets_a_few_links_then_is_told_to_wait(client, council, limits):
    assert [ask(client, "councillor@council.example").status_code for _ in range(2)] == \
        [302, 302]
    refused = ask(Client(), "Councillor@Council.example", address="198.51.100.2")
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "There is a problem" in page and TOO_MANY in page
    assert len(mail.outbox) == 2
    # Another person is not held up by it.
    assert ask(client, "officer@council.example").status_code == 302
    assert len(mail.outbox) == 3


def test_an_unknown_address_is_refused_the_same_way(client, council, limits):
    known = [ask(client, "councillor@council.example") for _ in range(3)][-1]
    unknown = [ask(Client(), "nobody@example.com", address="198.51.100.2")
               for _ in range(3)][-1]
    assert known.status_code == unknown.status_code == 429
    assert page_of(known, "councillor@council.example") == \
        page_of(unknown, "nobody@example.com")


def test_one_address_is_held_up_across_accounts(client, council, limits):
    for n in range(4):
        assert ask(client, f"someone{n}@example.com").status_code == 302
    assert ask(client, "councillor@council.example").status_code == 429
    assert mail.outbox == []
    # From elsewhere the councillor can still ask.
    assert ask(Client(), "councillor@council.example", address="198.51.100.2").status_code \
        == 302


def test_a_refusal_is_a_security_event(client, council, limits, caplog):
    caplog.set_level(logging.INFO, logger="casework.security")
    for _ in range(3):
        ask(client, "councillor@council.example")
    [event] = [r.security_event for r in caplog.records
               if getattr(r, "security_event", {}).get("event") == "password_reset.throttled"]
    assert event["scope"] == "account" and event["ip"] == "203.0.113.7"
    assert "councillor" not in str(event)


def test_the_limits_have_defaults(settings):
    assert settings.CASEWORK_PASSWORD_RESET_PER_ACCOUNT == (3, 3600)
    assert settings.CASEWORK_PASSWORD_RESET_PER_ADDRESS == (10, 3600)
