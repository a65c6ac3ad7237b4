"""A change that rolls back queues no task on the real broker: emails are queued with
`transaction.on_commit`, which runs only when the outermost transaction commits, so a
service's own (inner) transaction committing is not enough."""
import json
import os

import pytest
import redis
from django.db import transaction

from casework.services import NewEnquiry, enquiry_log
from complaints.services import NewComplaint, complaint_raise
from protocol.models import ComplaintKind, Notification

pytestmark = [pytest.mark.postgres, pytest.mark.redis,
              pytest.mark.django_db(transaction=True)]

QUEUE = "celery"  # the default queue's list in the broker's Redis database


class Abandoned(Exception):
    pass


@pytest.fixture
def broker():
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    yield client
    client.close()


def _notify_everyone(council) -> None:
    enquiry_log(councillor=council.councillor, entered=NewEnquiry(
        subject="Missed bins on Park Road", details="Three weeks running.",
        ward=council.north, service=council.waste))
    complaint_raise(complainant=council.councillor, entered=NewComplaint(
        kind=ComplaintKind.OFFICER_CONDUCT, summary="Rude at the meeting",
        details="Shouted across the room.", subject_person=council.officer))


def test_a_rolled_back_transaction_queues_no_task(council, broker):
    before = broker.llen(QUEUE)
    with pytest.raises(Abandoned), transaction.atomic():
        _notify_everyone(council)
        assert Notification.objects.exists()  # the services did queue emails...
        raise Abandoned
    assert broker.llen(QUEUE) == before  # ...and nothing reached the broker
    assert not Notification.objects.exists()

    # The same changes committed do reach it, one task per email (so the count above
    # could have moved); the test takes its own messages back off the queue.
    _notify_everyone(council)
    emails = set(Notification.objects.values_list("pk", flat=True))
    assert broker.llen(QUEUE) == before + len(emails) > before
    published = [json.loads(m) for m in broker.lpop(QUEUE, len(emails))]
    assert {m["headers"]["task"] for m in published} == {"protocol.tasks.deliver_notification"}
    assert {json.loads(m["headers"]["argsrepr"].strip("(,)")) for m in published} == emails
