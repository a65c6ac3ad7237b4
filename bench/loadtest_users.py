"""The simulated users of `make loadtest` (a locustfile; `bench.loadtest` runs it).

Councillors sign in, list their enquiries, log new ones and read them; Heads of Service
sign in, read their services' queue (the demo council runs Westminster's profile, so a new
enquiry goes first to the Director, and the Head of Service may act on it too:
casework.rules.can_handle), open an enquiry and send a holding reply with reasons and a
revised date (003 §31.15) or the full response; one Monitoring Officer reads the complaints
dashboard. Every form is fetched and posted as
a browser would: its CSRF token and the version the page showed go back unchanged.

Each user writes down what the pages told it was saved (a reference on the confirmation
page, "Response sent" after a response): `bench.loadtest` checks each against the database
afterwards. The plan (accounts, password, services) comes from $LOADTEST_PLAN; what was
claimed and every request's time and status go to $LOADTEST_RESULTS when the run stops.
No Django here: locust runs under gevent."""
from __future__ import annotations

import itertools
import json
import os
import random
import uuid
from datetime import date, timedelta
from pathlib import Path

from locust import HttpUser, between, events, task

from bench.loadtest_html import confirmed_reference, enquiry_references, post_form

PLAN = json.loads(Path(os.environ["LOADTEST_PLAN"]).read_text())
WAIT = [float(x) for x in PLAN.get("wait", [5, 15])]
ACCOUNTS = {role: itertools.cycle(PLAN[role]) for role in ("councillors", "officers",
                                                           "monitoring_officers")}
SERVICES = [str(pk) for pk in PLAN["services"]]  # those a simulated officer heads
RESULTS: dict[str, list] = {"logged": [], "responses": [], "refused": [], "requests": []}
QUEUE = "/enquiries/queue/?scope=service"
REF = "[ref]"  # how requests on one enquiry are grouped in the statistics


@events.request.add_listener
def _timed(request_type: str, name: str, response_time: float, response=None,
           exception=None, start_time: float = 0.0, **_: object) -> None:
    status = getattr(response, "status_code", 0) or 0
    RESULTS["requests"].append([f"{request_type} {name}", round(response_time, 2), status,
                                exception is not None, round(start_time, 3)])


@events.test_stop.add_listener
def _write(**_: object) -> None:
    Path(os.environ["LOADTEST_RESULTS"]).write_text(json.dumps(RESULTS))


class Person(HttpUser):
    abstract = True
    wait_time = between(*WAIT)
    role = ""

    def on_start(self) -> None:
        self.username = next(ACCOUNTS[self.role])
        self.sign_in()

    def sign_in(self) -> None:
        page = self.client.get("/sign-in/", name="/sign-in/")
        form = post_form(page.text, "username")
        if form is None:
            return
        data = {**form.values, "username": self.username, "password": PLAN["password"]}
        with self.client.post("/sign-in/", data=data, name="/sign-in/", allow_redirects=False,
                              catch_response=True) as response:
            if response.status_code != 302:
                response.failure(f"sign-in refused for {self.username}")
                return
        self.client.get(response.headers["Location"], name="/ (home)")

    def submit(self, path: str, name: str, data: dict) -> str | None:
        """POST a form without following the redirect; the redirect's target, if any."""
        with self.client.post(path, data=data, name=name, allow_redirects=False,
                              catch_response=True) as response:
            if response.status_code == 302:
                return response.headers["Location"]
            if response.status_code == 409:  # a stale form: refused, nothing claimed
                RESULTS["refused"].append([name, self.username])
                response.success()
            else:
                response.failure(f"{name}: {response.status_code} for {self.username}")
        return None


class Councillor(Person):
    weight = 3
    role = "councillors"

    def on_start(self) -> None:
        self.mine: list[str] = []
        super().on_start()

    @task(3)
    def my_enquiries(self) -> None:
        self.client.get("/enquiries/", name="/enquiries/")

    @task(2)
    def log_an_enquiry(self) -> None:
        page = self.client.get("/enquiries/new/", name="/enquiries/new/")
        form = post_form(page.text, "subject")
        if form is None:
            return
        token = uuid.uuid4().hex[:12]
        data = {**form.values, "subject": f"Load test {token}: fly-tipping behind the shops",
                "details": "Bags of rubbish have been left behind the parade for a week. "
                           "Please arrange a clearance.",
                "service": random.choice(SERVICES), "visibility": "private"}
        if random.random() < 0.5:
            data.update(on_behalf_of_constituent="on", constituent_name="A. Resident",
                        constituent_contact="resident@example.com")
        target = self.submit("/enquiries/new/", "/enquiries/new/", data)
        if target is None:
            return
        shown = self.client.get(target, name=f"/enquiries/{REF}/logged/")
        reference = confirmed_reference(shown.text)
        if reference:
            RESULTS["logged"].append({"reference": reference, "username": self.username,
                                      "subject": data["subject"]})
            self.mine.append(reference)
            self.client.get(f"/enquiries/{reference}/", name=f"/enquiries/{REF}/")

    @task(2)
    def read_one(self) -> None:
        if self.mine:
            self.client.get(f"/enquiries/{random.choice(self.mine)}/", name=f"/enquiries/{REF}/")


class Officer(Person):
    weight = 2
    role = "officers"

    @task(2)
    def queue(self) -> None:
        self.client.get(QUEUE, name=QUEUE)

    @task(3)
    def answer_one(self) -> None:
        queue = self.client.get(QUEUE, name=QUEUE)
        references = enquiry_references(queue.text)
        if not references:
            return
        reference = random.choice(references)
        self.client.get(f"/enquiries/{reference}/", name=f"/enquiries/{REF}/")
        if random.random() < 0.3:
            self.act(reference, "hold")
        else:
            self.act(reference, "respond")

    def act(self, reference: str, action: str) -> None:
        path = f"/enquiries/{reference}/{action}/"
        name = f"/enquiries/{REF}/{action}/"
        page = self.client.get(path, name=name)
        form = post_form(page.text, "version")
        if form is None:
            return
        token = uuid.uuid4().hex[:12]
        text = f"Load test {token}: "
        if action == "hold":
            revised = date.today() + timedelta(days=21)
            data = {**form.values, "reasons": text + "waiting for the contractor's survey.",
                    "revised_due_on_day": str(revised.day),
                    "revised_due_on_month": str(revised.month),
                    "revised_due_on_year": str(revised.year), "body": ""}
        else:
            data = {**form.values, "body": text + "the clearance is booked for Tuesday."}
        target = self.submit(path, name, data)
        if target is None:
            return
        shown = self.client.get(target, name=f"/enquiries/{REF}/")
        told = "Holding reply sent" if action == "hold" else "Response sent"
        if told in shown.text:
            RESULTS["responses"].append({"reference": reference, "username": self.username,
                                         "kind": action, "token": token})


class MonitoringOfficer(Person):
    fixed_count = 1
    role = "monitoring_officers"

    @task(3)
    def dashboard(self) -> None:
        self.client.get("/dashboard/", name="/dashboard/")

    @task(1)
    def cases(self) -> None:
        self.client.get("/cases/", name="/cases/")
