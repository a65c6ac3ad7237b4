"""/healthz and the probe the web container's healthcheck runs (protocol/machinery/health.py)."""
from __future__ import annotations

import socket
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from protocol.machinery import health


@pytest.mark.django_db
def test_healthz_answers_ok_to_an_anonymous_client(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]
    assert reverse("healthz") == "/healthz"


def test_healthz_is_503_when_the_database_does_not_answer(client: Client) -> None:
    with mock.patch.object(health, "connection") as connection:
        connection.cursor.side_effect = OperationalError("could not connect to server")
        response = client.get("/healthz")
    assert response.status_code == 503
    # Nothing from the exception (host names, say) reaches the response.
    assert response.content == b"database unavailable"


def test_healthz_only_answers_safe_methods(client: Client) -> None:
    assert client.post("/healthz").status_code == 405


@pytest.mark.parametrize(("allowed_hosts", "host"), [
    ("casework.council.example,localhost", "casework.council.example"),
    (" .council.example", "council.example"),
    ("*", "localhost"),
    ("", "localhost"),
])
def test_the_probe_sends_a_host_that_allowed_hosts_accepts(allowed_hosts: str,
                                                           host: str) -> None:
    assert health.probe_host(allowed_hosts) == host


def test_the_probe_passes_against_the_running_view(live_server) -> None:
    assert health.probe(f"{live_server.url}/healthz", allowed_hosts="")


def test_the_probe_fails_on_a_redirect(live_server) -> None:
    # The home page redirects an anonymous client to sign in: not "ok", so not healthy.
    assert not health.probe(f"{live_server.url}/", allowed_hosts="")


def test_the_probe_fails_when_nothing_listens() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert not health.probe(f"http://127.0.0.1:{port}/healthz", allowed_hosts="", timeout=2)
