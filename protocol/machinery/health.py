"""Health check: `/healthz` for probes, and the probe the web container's healthcheck runs.

The view says only whether the database answers: no login (a probe has no session) and
nothing about any person or case, so it is safe to expose to a load balancer.

`python -m protocol.machinery.health` is the Docker healthcheck for the web service: the slim image
has no curl, and the request must carry an allowed Host and the proxy's HTTPS header or
production settings would answer 400 or redirect to https instead of running the view.
"""
from __future__ import annotations

import http.client
import logging
import os
import sys
import urllib.request

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

PROBE_URL = "http://127.0.0.1:8000/healthz"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A redirect (to https, or to the sign-in page) means the probe never reached the
    # view, so it must count as a failure rather than be followed.
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


# login_not_required keeps the probe public should LoginRequiredMiddleware be adopted;
# never_cache stops a proxy from answering "ok" for a database that has since gone away.
@login_not_required
@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """200 "ok" when the database answers `SELECT 1`, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        # The exception names the database host at most; the body stays generic.
        logger.warning("healthz: the database did not answer", exc_info=True)
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


def probe_host(allowed_hosts: str) -> str:
    """A Host header that DJANGO_ALLOWED_HOSTS (comma-separated) accepts."""
    for entry in (item.strip() for item in allowed_hosts.split(",")):
        if entry and entry != "*":
            # ".council.example" allows the bare domain as well as its subdomains.
            return entry.removeprefix(".")
    return "localhost"


def probe(url: str = PROBE_URL, allowed_hosts: str | None = None, timeout: float = 5.0) -> bool:
    """Whether `url` answers 200 "ok"; for the container healthcheck."""
    if allowed_hosts is None:
        allowed_hosts = os.environ.get("DJANGO_ALLOWED_HOSTS", "")
    request = urllib.request.Request(url, headers={
        "Host": probe_host(allowed_hosts),
        # TLS ends at the reverse proxy, which sends this header (SECURE_PROXY_SSL_HEADER);
        # without it SecurityMiddleware would redirect this plain-HTTP probe to https.
        "X-Forwarded-Proto": "https",
    })
    try:
        opener = urllib.request.build_opener(_NoRedirects)
        with opener.open(request, timeout=timeout) as response:
            return response.status == 200 and response.read(16) == b"ok"
    except (OSError, http.client.HTTPException):
        # URLError and HTTPError (a 503, say) are OSErrors; a garbled reply is not.
        return False


def main() -> int:
    """Exit 0 when the web server and its database answer, 1 otherwise."""
    healthy = probe()
    if not healthy:
        print(f"unhealthy: {PROBE_URL} did not answer ok", file=sys.stderr)
    return 0 if healthy else 1


if __name__ == "__main__":
    raise SystemExit(main())
