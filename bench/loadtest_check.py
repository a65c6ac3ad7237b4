"""`make loadtest`'s database side (after django.setup()): the council and accounts the
simulated users sign in with, and afterwards what the database holds of everything they
were told was saved (judged by bench.loadtest_report)."""
from __future__ import annotations

import io
import math
import os
import time
from datetime import datetime

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.utils import timezone

from bench.loadtest_report import Found, lost_writes
from casework.models import Enquiry, EnquiryEvent
from demo.council_data import DEMO_PASSWORD
from protocol.machinery.history import verify
from protocol.models import Notification, Post, PostKind, User, Ward

EXTRA_COUNCILLOR = "load.councillor.{n}"
COUNCILLOR_SHARE = 3 / 5  # the simulated users' weights: councillors 3, officers 2


def now() -> datetime:
    return timezone.now()


def _holders(kind: str) -> list[Post]:
    return list(Post.objects.current().filter(kind=kind).select_related("holder")
                .order_by("holder__username"))


def _extra_councillors(wanted: int, have: int) -> list[str]:
    """Seats for more councillors than the demo council has (independents, ward by ward)."""
    wards = list(Ward.objects.order_by("name"))
    names = []
    for n in range(have, wanted):
        username = EXTRA_COUNCILLOR.format(n=n)
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": "Load", "last_name": f"Councillor {n}",
                                         "email": f"{username}@council.example"})
        if created:
            Post.objects.create(holder=user, kind=PostKind.COUNCILLOR,
                                ward=wards[n % len(wards)], starts_on=timezone.localdate())
        names.append(username)
    return names


def prepare(users: int, *, wait: list[float]) -> dict:
    """Migrate, seed the demo council, collect static files (DEBUG is off); the plan the
    simulated users follow: their accounts, the shared password, the services to log in."""
    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("axes_reset", stdout=io.StringIO())
    weighted = max(users - 1, 0)  # one Monitoring Officer, the rest by weight
    councillors = [p.holder.username for p in _holders(PostKind.COUNCILLOR)]
    wanted = math.ceil(weighted * COUNCILLOR_SHARE)
    councillors += _extra_councillors(wanted, len(councillors))
    heads = _holders(PostKind.HEAD_OF_SERVICE)[:max(1, weighted - wanted)]
    if weighted - wanted > len(heads):
        print(f"Only {len(heads)} Heads of Service: some share an account.")
    officers = [p.holder.username for p in heads]
    monitoring = [p.holder.username for p in _holders(PostKind.MONITORING_OFFICER)]
    password = os.environ.get("DEMO_PASSWORD") or DEMO_PASSWORD
    User.objects.filter(username__in=[*councillors, *officers, *monitoring]).update(
        password=make_password(password), is_active=True)
    print(f"Migrated and seeded; {len(councillors)} councillors, {len(officers)} Heads of "
          f"Service and the Monitoring Officer ready in {time.monotonic() - started:.1f} s.")
    return {"councillors": councillors, "officers": officers,
            "monitoring_officers": monitoring, "password": password, "wait": wait,
            "services": [p.service_id for p in heads]}


def drain_outbox(*, since: datetime, timeout: float = 90) -> int:
    """Wait for the worker to send the emails queued since `since`; how many are left."""
    deadline = time.monotonic() + timeout
    pending = Notification.objects.filter(created_at__gte=since, sent_at__isnull=True)
    while (left := pending.count()) and time.monotonic() < deadline:
        time.sleep(2)
    return left


def found(references: set[str]) -> dict[str, Found]:
    """Each enquiry as the database has it: who raised it, its events, its acknowledgement."""
    enquiries = {e.pk: e for e in Enquiry.objects.filter(reference__in=references)
                 .select_related("raised_by")}
    events: dict[int, list[tuple[str, str, str]]] = {pk: [] for pk in enquiries}
    acknowledgements = {}
    for enquiry_id, pk, kind, actor, body, reasons in (
            EnquiryEvent.objects.filter(enquiry_id__in=enquiries).order_by("at", "pk")
            .values_list("enquiry_id", "pk", "kind", "actor__username",
                         "correspondence__body", "correspondence__reasons")):
        events[enquiry_id].append((kind, actor or "", f"{body or ''}\n{reasons or ''}"))
        if kind == "logged":
            enquiry = enquiries[enquiry_id]
            acknowledgements[f"enquiry-event:{pk}:{enquiry.raised_by_id}"] = enquiry_id
    sent = set(Notification.objects.filter(key__in=acknowledgements, sent_at__isnull=False)
               .values_list("key", flat=True))
    acknowledged = {acknowledgements[key] for key in sent}
    return {e.reference: Found(raised_by=e.raised_by.username, subject=e.subject,
                               events=tuple(events[pk]), acknowledged=pk in acknowledged)
            for pk, e in enquiries.items()}


def check(results: dict) -> tuple[list[str], int]:
    """The lost writes, and how many enquiry histories break their hash chain."""
    references = ({c["reference"] for c in results["logged"]}
                  | {c["reference"] for c in results["responses"]})
    problems = lost_writes(results, found(references))
    return problems, len(verify(EnquiryEvent).breaks)
