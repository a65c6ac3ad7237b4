"""The registers under the retention policy (registers/retention.py): a finished record is
anonymised with its timeline once the profile's period has passed since the last thing that
happened to it; an unfinished one never. The seeds set no period: the defaults are the
council's choice (protocol.machinery.retention.periods)."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from protocol.machinery.history import verify
from protocol.machinery.retention.erase import MARKER
from protocol.machinery.retention.periods import years_before
from protocol.machinery.retention.service import retention_run
from protocol.models import Notification
from registers import services
from registers.models import (
    GroupRequest,
    GroupRequestEvent,
    InformationRequest,
    InformationRequestEvent,
    Nature,
    Relationship,
    RelationshipEvent,
    WardNotice,
)

pytestmark = pytest.mark.django_db


def years_on(years: int, days: int = 0):
    return years_before(timezone.localdate(), -years) + timedelta(days=days)


def test_a_withdrawn_information_request_goes_after_two_years(council, ask_info):
    still_open = ask_info(what="The rota for Ruth Ashdown's street")
    done = ask_info(what="Ruth Ashdown's complaint file")
    done = services.information_request_withdraw(request=done, actor=council.councillor)

    assert retention_run(today=years_on(2, days=-1)).anonymised["information_request"] == 0
    timeline_before = list(InformationRequestEvent.objects.filter(request=done).order_by("pk"))
    run = retention_run(today=years_on(2))

    assert run.anonymised["information_request"] == 1
    fresh = InformationRequest.objects.get(pk=done.pk)
    assert (fresh.what, fresh.why, fresh.state) == (MARKER, MARKER, "withdrawn")
    assert fresh.anonymised_at is not None
    timeline = list(InformationRequestEvent.objects.filter(request=done).order_by("pk"))
    assert {e.summary for e in timeline[:-1]} <= {MARKER, ""}
    assert timeline[-1].action.startswith("anonymised")
    # Rewritten lawfully and re-sealed: the chain holds, the rewritten entries included.
    assert verify(InformationRequestEvent).breaks == []
    assert timeline[0].hash != timeline_before[0].hash
    assert InformationRequest.objects.get(pk=still_open.pk).what.startswith("The rota")
    emails = Notification.objects.filter(body__contains="Ashdown")
    assert emails.exists()  # about the open one only
    assert not emails.filter(url=done.get_absolute_url()).exists()
    assert Notification.objects.filter(url=done.get_absolute_url(), body=MARKER).exists()


def test_an_ended_relationship_keeps_its_people_but_not_its_words(council):
    relationship = services.relationship_declare(
        actor=council.councillor, other=council.officer, nature=Nature.FRIENDSHIP,
        description="We were at school together.")
    assert retention_run(today=years_on(50)).anonymised["relationship"] == 0  # still current
    services.relationship_end(relationship=relationship, actor=council.councillor,
                              reason="Moved away in the spring.")

    assert retention_run(today=years_on(6, days=-1)).anonymised["relationship"] == 0
    assert retention_run(today=years_on(6)).anonymised["relationship"] == 1

    fresh = Relationship.objects.get(pk=relationship.pk)
    assert (fresh.description, fresh.end_reason) == (MARKER, MARKER)
    assert (fresh.councillor, fresh.officer, fresh.nature) == (
        council.councillor, council.officer, Nature.FRIENDSHIP)
    assert not RelationshipEvent.objects.filter(relationship=relationship,
                                                summary__contains="spring").exists()


def test_a_group_request_and_a_ward_notice_go_and_a_second_run_does_nothing(council,
                                                                           ask_group):
    request = ask_group(subject="Budget options for Cllr Ashdown")
    services.group_request_withdraw(request=request, actor=council.group_leader)
    services.ward_notice_record(actor=council.officer, entered=services.NewNotice(
        kind="consultation", title="Parking at Alder Court", details="Six weeks.",
        wards=[council.north], starts_on=timezone.localdate()))

    first = retention_run(today=years_on(2))
    second = retention_run(today=years_on(2))

    assert (first.anonymised["group_request"], first.anonymised["ward_notice"]) == (1, 1)
    assert (second.anonymised["group_request"], second.anonymised["ward_notice"]) == (0, 0)
    assert GroupRequest.objects.get(pk=request.pk).subject == MARKER
    assert GroupRequestEvent.objects.filter(request=request).count() == 3  # +1: anonymised
    assert verify(GroupRequestEvent).breaks == [] and verify(RelationshipEvent).breaks == []
    assert WardNotice.objects.get().title == MARKER


def test_the_period_runs_from_the_last_entry_in_the_timeline(council, ask_group, ask_info):
    """A withdrawal stamps no field of its own: a request made long ago and withdrawn today
    is kept for the whole period from today, as the profile page says ("two years after
    the decision (or withdrawal)"), not from the day it was made."""
    group = ask_group(subject="Budget options for Cllr Ashdown")
    info = ask_info(what="Ruth Ashdown's complaint file")
    long_ago = timezone.now() - timedelta(days=3 * 366)
    GroupRequest.objects.filter(pk=group.pk).update(submitted_at=long_ago)
    InformationRequest.objects.filter(pk=info.pk).update(submitted_at=long_ago)
    services.group_request_withdraw(request=GroupRequest.objects.get(pk=group.pk),
                                    actor=council.group_leader)
    services.information_request_withdraw(request=InformationRequest.objects.get(pk=info.pk),
                                          actor=council.councillor)

    early = retention_run(today=years_on(1))
    assert (early.anonymised["group_request"], early.anonymised["information_request"]) == (
        0, 0)
    assert GroupRequest.objects.get(pk=group.pk).subject.startswith("Budget options")
    assert retention_run(today=years_on(2, days=-1)).total_anonymised == 0
    due = retention_run(today=years_on(2))
    assert (due.anonymised["group_request"], due.anonymised["information_request"]) == (1, 1)
    assert GroupRequest.objects.get(pk=group.pk).subject == MARKER


def test_a_request_withheld_on_the_monitoring_officers_advice_goes_after_its_period(
        council, ask_info):
    """Withheld after a referral (004 "Members' Access to Documents and Information"), the
    request is finished: kept for the period from the Monitoring Officer's decision."""
    request = services.information_request_decide_referral(
        request=ask_info(what="Ruth Ashdown's valuation", personal_interest=True),
        actor=council.monitoring_officer, clear=False, reasons="Your interest is prejudicial.")
    assert request.state == "withheld"

    assert retention_run(today=years_on(2, days=-1)).anonymised["information_request"] == 0
    assert InformationRequest.objects.get(pk=request.pk).what == "Ruth Ashdown's valuation"
    assert retention_run(today=years_on(2)).anonymised["information_request"] == 1
    fresh = InformationRequest.objects.get(pk=request.pk)
    assert (fresh.what, fresh.mo_reasons, fresh.state) == (MARKER, MARKER, "withheld")
    assert verify(InformationRequestEvent).breaks == []
