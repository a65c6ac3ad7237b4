"""Political groups' requests (000 §5.3-5.12, 001 §5-7, 003 §31.10, 004 'Party Groups and
Officers'): asked through the leader, decided by the Head of Paid Service, delivered
factually, every other group told at once and given the same on request."""
from datetime import timedelta

import pytest
from django.utils import timezone

from protocol.models import Notification, PoliticalGroup, ProtocolProfile
from registers import selectors, services
from registers.errors import NotAllowed, RegisterError
from registers.models import (
    AppendOnlyError,
    FollowUpState,
    GroupNotice,
    GroupRequest,
    GroupRequestState,
)
from tests.factories import PoliticalGroupFactory, PostFactory, UserFactory

pytestmark = pytest.mark.django_db


def activate(slug: str) -> None:
    ProtocolProfile.objects.update(is_active=False)
    ProtocolProfile.objects.filter(slug=slug).update(is_active=True)


def told(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("subject", flat=True))


def deliver(request, actor, **overrides):
    fields = {"delivered_on": timezone.localdate(), "subject": "Budget options",
              "factual_confirmed": True, **overrides}
    return services.group_request_deliver(request=request, actor=actor, **fields)


def test_the_leader_asks_in_writing_and_the_chief_executive_is_told(council, ask_group):
    request = ask_group()
    assert request.state == GroupRequestState.SUBMITTED
    assert request.reference.startswith("GRP-")
    assert request.decision_due_on > timezone.localdate()
    assert told(council.chief_executive) == [f"{request.reference}: request from Blue Group"]
    assert told(council.monitoring_officer) == []  # Westminster: the Chief Executive only
    assert request.events.get().action == "Asked in writing"


def test_north_northamptonshire_sends_it_to_the_monitoring_officer_too(council, ask_group):
    activate("north-northamptonshire")  # 004: 'in writing to the Chief Executive and the MO'
    request = ask_group()
    assert told(council.monitoring_officer) == [f"{request.reference}: request from Blue Group"]


@pytest.mark.parametrize("who", ["councillor", "officer", "leader"])
def test_only_the_groups_leader_asks_for_it(council, ask_group, who):
    with pytest.raises(NotAllowed):
        ask_group(actor=getattr(council, who))  # the Leader leads Red, not Blue
    assert not GroupRequest.objects.exists()


def test_attendance_needs_a_meeting_date_that_is_not_past(council, ask_group):
    with pytest.raises(RegisterError, match="date of the group meeting"):
        ask_group(kind="attendance")
    with pytest.raises(RegisterError, match="today or later"):
        ask_group(kind="attendance", meeting_on=timezone.localdate() - timedelta(days=1))
    assert not GroupRequest.objects.exists()


def test_a_parish_has_no_group_requests(council, ask_group):
    activate("parish-model")
    with pytest.raises(RegisterError, match="no requests from political groups"):
        ask_group()


def test_only_the_head_of_paid_service_decides(council, ask_group):
    request = ask_group()
    for who in (council.monitoring_officer, council.director, council.group_leader):
        with pytest.raises(NotAllowed):
            services.group_request_decide(request=request, actor=who, decision="declined",
                                          reason="Too political.")
    assert GroupRequest.objects.get().state == GroupRequestState.SUBMITTED


def test_declining_needs_a_reason_and_tells_the_group(council, ask_group):
    request = ask_group()
    with pytest.raises(RegisterError, match="reason for declining"):
        services.group_request_decide(request=request, actor=council.chief_executive,
                                      decision="declined")
    services.group_request_decide(request=request, actor=council.chief_executive,
                                  decision="declined", reason="Too political (000 §5.9).")
    request.refresh_from_db()
    assert (request.state, request.decision_reason) == ("declined", "Too political (000 §5.9).")
    assert f"{request.reference}: declined" in told(council.group_leader)


def test_considerable_resources_are_agreed_with_the_group_leaders_first(council, ask_group):
    request = ask_group(considerable_resources=True)  # 000 §5.3
    with pytest.raises(RegisterError, match="record what was agreed with the group leaders"):
        services.group_request_decide(request=request, actor=council.chief_executive,
                                      decision="agreed", officer=council.officer)
    services.group_request_discuss_resources(
        request=request, actor=council.chief_executive,
        note="Leaders agreed: two options only, by March.")
    services.group_request_decide(request=request, actor=council.chief_executive,
                                  decision="agreed", officer=council.officer)
    request.refresh_from_db()
    assert request.state == GroupRequestState.AGREED
    assert [e.action for e in request.events.all()] == [
        "Asked in writing", "Resources discussed with group leaders", "Agreed, as asked"]


def test_a_representative_is_someone_else(council, ask_group):
    request = ask_group(officer_requested=council.director)
    with pytest.raises(RegisterError, match="someone other"):
        services.group_request_decide(request=request, actor=council.chief_executive,
                                      decision="representative", officer=council.director)
    services.group_request_decide(request=request, actor=council.chief_executive,
                                  decision="representative", officer=council.head_of_service)
    request.refresh_from_db()
    assert request.officer == council.head_of_service
    # The officer it is with sees it all, from the request's own facts (no grant).
    assert selectors.group_request_for(council.head_of_service, request.reference) == (
        request, True)


def test_delivery_needs_the_factual_confirmation(council, agreed):
    request = agreed()
    with pytest.raises(RegisterError, match="factual"):
        deliver(request, council.officer, factual_confirmed=False)
    with pytest.raises(NotAllowed):
        deliver(request, council.head_of_service)  # not the officer it is with
    assert GroupRequest.objects.get().state == GroupRequestState.AGREED


def test_every_other_group_is_told_at_once_what_when_and_the_subject(council, agreed):
    green = PoliticalGroupFactory(name="Green Group")
    green_leader = UserFactory(username="green_leader")
    PostFactory(holder=green_leader, kind="councillor", ward=council.south, political_group=green)
    PostFactory(holder=green_leader, kind="group_leader", political_group=green)
    request = deliver(agreed(), council.officer)
    assert request.state == GroupRequestState.DELIVERED
    notices = {n.group.name: {u.username for u in n.told.all()}
               for n in GroupNotice.objects.filter(request=request)}
    # Red has no leader in post: its members are told (000 §5.7 'all other groups').
    assert notices == {"Green Group": {"green_leader"}, "Red Group": {"councillor", "leader"}}
    subject = f"{request.reference}: a report has been prepared for Blue Group"
    assert told(green_leader) == [subject]
    body = Notification.objects.get(recipient=green_leader).body
    assert "Subject: Budget options" in body
    assert "offered to your group (003 §31.10)" in body  # Westminster offers the same
    assert GroupNotice.objects.filter(request=request, group=council.blue).count() == 0


def test_another_groups_leader_asks_for_a_copy_and_it_is_tracked_to_done(council, agreed):
    request = deliver(agreed(), council.officer)
    red_leader = council.leader  # the Leader of the Council leads the Red group
    follow_up = services.group_follow_up_request(request=request, actor=red_leader,
                                                 group=council.red)
    assert follow_up.kind == "copy"
    with pytest.raises(RegisterError, match="already asked"):
        services.group_follow_up_request(request=request, actor=red_leader, group=council.red)
    with pytest.raises(NotAllowed):
        services.group_follow_up_request(request=request, actor=council.group_leader,
                                         group=council.blue)  # the group that asked
    with pytest.raises(NotAllowed):
        services.group_follow_up_done(follow_up=follow_up, actor=council.councillor,
                                      note="Sent")
    services.group_follow_up_done(follow_up=follow_up, actor=council.officer,
                                  note="Copy emailed to the Red group office.")
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUpState.DONE
    assert follow_up.done_by == council.officer


def test_nobody_asks_for_the_same_before_delivery(council, agreed):
    request = agreed()
    with pytest.raises(NotAllowed):
        services.group_follow_up_request(request=request, actor=council.leader,
                                         group=council.red)


def test_the_overdue_decision_reminds_the_chief_executive_exactly_once(
        council, ask_group, django_capture_on_commit_callbacks, mailoutbox):
    request = ask_group()
    after = request.decision_due_on + timedelta(days=1)
    assert services.sweep(today=request.decision_due_on) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.sweep(today=after) == 1
        assert services.sweep(today=after) == 0
    assert [m.subject for m in mailoutbox] == [f"{request.reference}: decision overdue"]
    assert request.events.last().action == "Reminder sent"


def test_a_decision_cancels_the_reminder(council, ask_group):
    request = ask_group()
    services.group_request_decide(request=request, actor=council.chief_executive,
                                  decision="declined", reason="Too political.")
    assert services.sweep(today=request.decision_due_on + timedelta(days=1)) == 0


def test_the_timeline_cannot_be_changed(council, ask_group):
    event = ask_group().events.get()
    event.summary = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_the_group_withdraws_before_delivery(council, agreed):
    request = agreed()
    with pytest.raises(NotAllowed):
        services.group_request_withdraw(request=request, actor=council.chief_executive)
    services.group_request_withdraw(request=request, actor=council.group_leader)
    assert GroupRequest.objects.get().state == GroupRequestState.WITHDRAWN
    assert PoliticalGroup.objects.count() == 2
