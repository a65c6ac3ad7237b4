"""`manage.py seed_demo` adds the demo council's complaints, grievances and concerns
(demo.complaint_cases) through the services: every kind the active profile routes, in every
state and at every stage of its ladder, some past their stage's time limit so that the
first sweep reminds their handlers, and one raised from an enquiry; a second run adds
nothing and keeps what was entered since."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from casework.models import Enquiry
from complaints.models import Complaint, ComplaintEvent, Handling, Outcome, State
from complaints.models.complaint import OPEN
from complaints.selectors import visible_to
from complaints.services import complaint_withdraw, sweep
from demo import complaint_data as demo_data
from demo.complaint_cases import seed_demo_complaints
from demo.council import seed_demo_council
from protocol.council.selectors import active_profile
from protocol.models import ComplaintKind, EscalationStage, Notification, Post, User
from tests.seeding import seeded_once

pytestmark = pytest.mark.django_db
LIMIT = demo_data.STAGE_TIME_LIMIT_DAYS


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def summary_line(output: str) -> str:
    return next(line for line in output.splitlines() if "Complaints and grievances:" in line)


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker) -> Iterator[str]:
    """The demo seeded once for a class of tests (tests.seeding.seeded_once)."""
    with seeded_once(django_db_blocker, seed) as output:
        yield output


def user(username: str) -> User:
    return User.objects.get(username=username)


def overdue_cases():
    return Complaint.objects.filter(state__in=OPEN, stage_due_on__lt=timezone.localdate())


@pytest.mark.embedded  # `make run`'s whole demo, seeded on SQLite
class TestTheSeededDemo:
    """What one run of `seed_demo` on an empty council adds."""

    def test_the_summary_says_what_was_added(self, seeded):
        line = summary_line(seeded)
        assert line.strip().startswith(
            f"Complaints and grievances: {Complaint.objects.count()} of 4 kinds in every state")
        assert f"{overdue_cases().count()} past their stage time limit" in line
        assert "not added" not in line

    def test_every_kind_the_profile_routes_is_there_at_every_stage_of_its_ladder(self, seeded):
        routed = set(active_profile().stages.values_list("kind", flat=True))
        assert set(Complaint.objects.values_list("kind", flat=True)) == routed
        assert ComplaintKind.CLERK_CONCERN not in routed  # Westminster has no Clerk
        for kind in routed:
            positions = set(active_profile().stages.filter(kind=kind)
                            .values_list("position", flat=True))
            with_handler = Complaint.objects.filter(kind=kind, state=State.WITH_HANDLER)
            assert set(with_handler.values_list("stage_position", flat=True)) == positions, kind

    def test_there_is_a_case_in_every_state_with_every_ending(self, seeded):
        assert set(Complaint.objects.values_list("state", flat=True)) == set(State.values)
        finished = Complaint.objects.exclude(state__in=OPEN)
        outcomes = set(finished.values_list("outcome", flat=True))
        # Informal resolution is a recorded outcome, not a skipped step (DESIGN).
        assert {Outcome.RESOLVED_INFORMALLY, Outcome.WITHDRAWN, Outcome.UPHELD,
                Outcome.BREACH_FOUND} <= outcomes
        assert ComplaintEvent.objects.filter(action="informal resolution ended").exists()
        assert ComplaintEvent.objects.filter(action__startswith="escalated to stage 2").exists()
        assert ComplaintEvent.objects.filter(action__startswith="referred to stage 2").exists()
        assert ComplaintEvent.objects.filter(action__startswith="decision: ").exists()

    def test_some_are_past_their_stage_time_limit_and_the_first_sweep_reminds_them(
            self, seeded):
        late = list(overdue_cases().select_related("handler"))
        assert len(late) >= 4
        assert {c.kind for c in late} == set(ComplaintKind.values) - {ComplaintKind.CLERK_CONCERN}
        assert f"{len(late)} reminders due at the next sweep" in summary_line(seeded)
        assert sweep() == len(late)
        for complaint in late:
            note = Notification.objects.get(key__startswith="complaint-reminder:",
                                            subject=f"{complaint.reference}: stage overdue")
            assert note.recipient == complaint.handler
            assert complaint.events.filter(action="reminder: stage overdue").count() == 1
        assert sweep() == 0

    def test_only_open_cases_at_a_stage_past_its_limit_count_as_overdue(self, seeded):
        # A case with an outcome awaiting the complainant is not waiting on its handler: the
        # demo gives outcomes only within the stage's limit.
        waiting = [State.INFORMAL, State.WITH_HANDLER]
        assert not overdue_cases().exclude(state__in=waiting).exists()
        assert Complaint.objects.filter(state__in=waiting,
                                        stage_due_on__gte=timezone.localdate()).exists()

    def test_one_was_raised_from_the_councillors_unanswered_enquiry(self, seeded):
        complaint = Complaint.objects.exclude(source_enquiry_reference="").get()
        enquiry = Enquiry.objects.get(reference=complaint.source_enquiry_reference)
        assert complaint.complainant == enquiry.raised_by == user("councillor")
        assert complaint.subject_person == enquiry.assigned_to
        # Its clock stopped, and its timeline, which the Director reads, names no complaint.
        assert enquiry.state == "redirected"
        assert not enquiry.events.filter(summary__contains=complaint.reference).exists()
        # It is about the Director the enquiry went to, so the Chief Executive handles it
        # (003 §31.3(3)).
        assert complaint.handler == user("chief_executive")

    def test_they_were_raised_in_the_past_and_their_history_says_when(self, seeded):
        now = timezone.now()
        assert not Complaint.objects.filter(received_at__gt=now).exists()
        assert Complaint.objects.filter(received_at__lt=now - timedelta(days=120)).exists()
        for complaint in Complaint.objects.prefetch_related("events"):
            first = complaint.events.all()[0]
            assert (first.action, first.at) == ("raised", complaint.received_at), complaint

    def test_the_routes_are_fair_and_the_protocol_is_followed(self, seeded):
        for handling in Handling.objects.select_related("complaint"):
            complaint = handling.complaint
            parties = (complaint.complainant_id, complaint.subject_person_id)
            assert handling.handler_id not in parties, complaint
        # No later stage is handled by whoever handled an earlier one.
        pairs = Handling.objects.values_list("complaint_id", "handler_id")
        assert len(set(pairs)) == pairs.count()
        # A complaint about the Chief Executive goes to the Monitoring Officer (001 §11.2).
        about_ce = Complaint.objects.get(subject_person__username="chief_executive")
        assert about_ce.handler == user("monitoring_officer")
        # A Code of Conduct complaint is decided only after the Independent Person is consulted.
        code = Complaint.objects.filter(kind=ComplaintKind.CODE_OF_CONDUCT)
        decided = code.exclude(outcome__in=["", Outcome.REFERRED])
        assert decided.exists()
        assert not decided.filter(independent_person_consulted_at__isnull=True).exists()
        assert code.filter(subject_response_due_on__isnull=False).exists()
        # A fraud concern's subject is never told (003 §31.3(3)).
        assert not Complaint.objects.filter(kind=ComplaintKind.FRAUD, subject_told=True).exists()

    def test_a_second_run_adds_nothing_and_keeps_what_was_entered(self, seeded):
        open_case = Complaint.objects.filter(state=State.WITH_HANDLER).first()
        complaint_withdraw(complaint=open_case, actor=open_case.complainant, reason="Sorted.")
        EscalationStage.objects.filter(profile__is_active=True, position=1).update(
            time_limit_days=7)
        before = (Complaint.objects.count(), ComplaintEvent.objects.count(),
                  Notification.objects.count())
        line = summary_line(seed())
        assert line.strip() == f"Complaints and grievances: already in place ({before[0]})"
        assert (Complaint.objects.count(), ComplaintEvent.objects.count(),
                Notification.objects.count()) == before
        open_case.refresh_from_db()
        assert open_case.state == State.WITHDRAWN
        assert set(EscalationStage.objects.filter(profile__is_active=True, position=1)
                   .values_list("time_limit_days", flat=True)) == {7}

    def test_the_sign_ins_have_cases_to_look_at(self, seeded):
        councillor = visible_to(user("councillor"))
        assert councillor.filter(complainant__username="councillor").count() >= 4
        # A grievance about her, which the profile tells her of from stage 1.
        assert councillor.filter(subject_person__username="councillor").exists()
        for handler in ("director", "monitoring_officer", "chief_executive", "cfo"):
            handling = Complaint.objects.filter(handler__username=handler, state__in=OPEN)
            assert handling.exists(), handler
        assert visible_to(user("officer")).filter(complainant__username="officer").exists()

    def test_the_monitoring_officer_sees_the_demo_cases_and_the_dashboard(self, client, seeded):
        client.force_login(user("monitoring_officer"))
        page = client.get(reverse("complaints:dashboard"))
        assert page.status_code == 200
        html = page.content.decode()
        for kind in set(Complaint.objects.values_list("kind", flat=True)):
            assert escape(ComplaintKind(kind).label) in html, kind
        listed = client.get(reverse("complaints:list"), {"state": "", "overdue": "1"})
        assert listed.status_code == 200
        for complaint in overdue_cases():
            assert complaint.reference in listed.content.decode()
        for state in State.values:
            complaint = Complaint.objects.filter(state=state).first()
            detail = client.get(complaint.get_absolute_url())
            assert detail.status_code == 200, state
            assert escape(complaint.summary) in detail.content.decode()


# Runs against a council set up differently, each on its own database.

def test_the_demo_council_sets_the_stage_time_limits_its_protocol_leaves_open():
    seed_demo_council(password="demo-password")
    stages = EscalationStage.objects.filter(profile__is_active=True)
    assert not stages.filter(time_limit_days__isnull=False).exists()  # as the seed ships
    own = stages.get(kind=ComplaintKind.FRAUD, position=1)
    own.time_limit_days = 5  # an administrator's choice, kept
    own.save()
    line = seed_demo_complaints()
    assert f"{stages.count() - 1} stages without a time limit given {LIMIT} working days" in line
    assert set(stages.exclude(pk=own.pk).values_list("time_limit_days", flat=True)) == {LIMIT}
    own.refresh_from_db()
    assert own.time_limit_days == 5


@pytest.mark.parametrize("slug", ["hounslow", "parish-model"])
def test_other_profiles_get_every_kind_they_route(activate, slug):
    profile = activate(slug)
    line = summary_line(seed())
    routed = set(profile.stages.values_list("kind", flat=True))
    assert "not added" not in line
    assert set(Complaint.objects.values_list("kind", flat=True)) == routed
    assert set(Complaint.objects.values_list("state", flat=True)) == set(State.values)
    # The longest ladder's last stage is reached by a case of a kind that has it (kinds
    # tie on length; the parish Clerk's second stage needs a staffing committee that the
    # demo borough lacks, so any of the longest kinds will do).
    lengths = {k: profile.stages.filter(kind=k).count() for k in routed}
    top = max(lengths.values())
    longest = sorted(k for k, n in lengths.items() if n == top)
    assert Complaint.objects.filter(kind__in=longest, stage_position=top,
                                    state=State.WITH_HANDLER).exists(), line
    assert overdue_cases().exists()


def test_a_council_changed_by_hand_gets_the_cases_it_can_and_says_why_not_the_rest():
    seed_demo_council(password="demo-password")
    # An administrator has ended the councillor sign-in's seat: she raises nothing now.
    Post.objects.filter(holder__username="councillor").update(
        ends_on=timezone.localdate() - timedelta(days=1))
    line = seed_demo_complaints()
    assert " not added (" in line
    assert Complaint.objects.exists()
    assert not Complaint.objects.filter(complainant__username="councillor").exists()
