"""With Redis down (the broker and the cache), a councillor can still log an enquiry: its
emails wait in the outbox, and the outbox's first safety-net run after Redis returns sends
each once, however
soon it runs (the outbox remembers when publishing last failed). The test stops a Redis
server of its own, never the machine's."""
from collections import Counter

import pytest

from casework.models import Enquiry
from protocol.models import Notification
from tests.support.mail import sent

pytestmark = [pytest.mark.postgres, pytest.mark.redis,
              pytest.mark.django_db(transaction=True)]


def test_an_enquiry_logged_while_redis_is_down_is_notified_by_the_next_outbox_run(
        council, processes, private_redis, mail_dir):
    private_redis.start()
    private_redis.stop()
    on_private_redis = {"REDIS_URL": private_redis.url}

    logged = processes.run("log", "log", "councillor", "North", "Waste and Recycling",
                           env=on_private_redis)
    enquiry = Enquiry.objects.get(pk=logged["enquiry"])
    assert logged["seconds"] < 20  # publishing gives up quickly; the outbox keeps the email
    unsent = Notification.objects.filter(sent_at__isnull=True)
    # The councillor's acknowledgement and the first contact's email, waiting.
    assert set(unsent.values_list("recipient", flat=True)) == {council.councillor.pk,
                                                               enquiry.assigned_to_id}
    assert sent(mail_dir) == []

    private_redis.start()
    assert processes.run("outbox", "outbox", env=on_private_redis)["emails_resent"] == 2
    assert not unsent.exists()
    emails = Counter((tuple(m["to"]), m["subject"]) for m in sent(mail_dir))
    assert emails == {((council.councillor.email,), f"{enquiry.reference}: enquiry received"): 1,
                      ((enquiry.assigned_to.email,),
                       f"{enquiry.reference}: new enquiry from a councillor"): 1}
    assert processes.run("outbox-again", "outbox", env=on_private_redis)["emails_resent"] == 0
    assert len(sent(mail_dir)) == 2
