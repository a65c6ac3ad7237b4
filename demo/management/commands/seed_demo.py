"""`manage.py seed_demo`: the demo council `make run` starts with, and its sign-ins."""
from __future__ import annotations

import os
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo import steps
from demo.council import DemoSetupError, DemoSummary, seed_demo_council
from demo.council_data import DEMO_PASSWORD


class Command(BaseCommand):
    help = ("Create the demo council (wards, groups, directorates, services, people and "
            "posts) with one sign-in per role; a re-run adds only what is missing.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--password",
            help="Password for the demo accounts it creates (default: $DEMO_PASSWORD, "
                 f"else {DEMO_PASSWORD}). Existing accounts keep theirs.")

    def handle(self, *args: object, **options: object) -> None:
        password = options["password"] or os.environ.get("DEMO_PASSWORD") or DEMO_PASSWORD
        started = time.monotonic()
        try:
            summary = seed_demo_council(password=str(password))
        except DemoSetupError as exc:
            raise CommandError(str(exc)) from exc
        # Then each app's demo data, in the order demo.steps writes down.
        extra = [step.seed() for step in steps.AFTER_COUNCIL]
        self.report(summary, str(password), time.monotonic() - started, extra)

    def report(self, summary: DemoSummary, password: str, seconds: float,
               extra: list[str]) -> None:
        s, out = summary, self.stdout.write
        out(self.style.SUCCESS(f"Demo council ready in {seconds:.1f}s") +
            f" (protocol profile: {s.profile})")
        out(f"  {s.councillors} councillors in {s.wards} wards, {s.political_groups} political "
            f"groups, {s.committees} committees")
        out(f"  {s.officers} officers in {s.services} services across {s.directorates} "
            "directorates")
        if s.people_created or s.posts_created:
            out(f"  This run added {s.people_created} people and {s.posts_created} posts.")
        else:
            out("  Already in place: nothing added, and your changes are kept.")
        for line in extra:
            out(f"  {line}")
        out("")
        out(self.style.MIGRATE_HEADING("Sign in at http://127.0.0.1:8000/ as any of these:"))
        rows = [("Username", "Name", "Role")]
        rows += [(i.username, i.name, i.role) for i in s.sign_ins]
        widths = [max(len(row[col]) for row in rows) for col in range(2)]
        for n, (username, name, role) in enumerate(rows):
            line = f"  {username:<{widths[0]}}  {name:<{widths[1]}}  {role}"
            out(self.style.MIGRATE_LABEL(line) if n == 0 else line)
        out("")
        out(f"  Password for every demo account: {self.style.SUCCESS(password)}")
        if not s.people_created:
            out("  (accounts keep the password they were first given; "
                "`seed_demo --password` applies to new ones)")
