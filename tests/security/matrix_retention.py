"""The permission matrix's cases for the legal hold pages (casework, complaints and the
registers' requests):
the Monitoring Officer alone sets or releases a hold (protocol.machinery.retention.hold.may_hold);
everyone else, a party to the case or not, gets 404. Joined to MATRIX at the end of
matrix.py."""
from __future__ import annotations

from collections.abc import Callable

from casework.models import Enquiry
from complaints.models import Complaint
from registers.models import GroupRequest, InformationRequest
from tests.security.matrix import DONE, HIDDEN, OK, Case, complaint, enquiry, fraud, row
from tests.security.matrix_registers import REPORT, WITH_OFFICER
from tests.security.world import World

REASON = "A claim has been notified to the council's insurers."


def _hold(model, name: str) -> Callable[[World], dict]:
    """A valid form for the case's current version."""
    return lambda w: {"version": model.objects.get(pk=getattr(w, name).pk).version,
                      "reason": REASON}


def _register(model, where: dict) -> tuple[Callable[[World], dict], Callable[[World], dict]]:
    """The kwargs and a valid form for the first demo request matching `where`."""
    def first(w: World):
        return model.objects.filter(**where).order_by("pk").first()

    return (lambda w: {"reference": first(w).reference},
            lambda w: {"version": first(w).version, "reason": REASON})


MONITORING_OFFICER_ONLY = {"GET": row(HIDDEN, monitoring_officer=OK),
                           "POST": row(HIDDEN, monitoring_officer=DONE)}

CASES: list[Case] = [
    Case("casework:legal_hold", MONITORING_OFFICER_ONLY, kwargs=enquiry,
         data=_hold(Enquiry, "enquiry")),
    Case("complaints:legal_hold", MONITORING_OFFICER_ONLY, kwargs=complaint,
         data=_hold(Complaint, "complaint"), label="complaint"),
    # A fraud concern too: the Chief Executive and Chief Finance Officer see it (003
    # §31.3(3)) but do not hold it.
    Case("complaints:legal_hold", MONITORING_OFFICER_ONLY, kwargs=fraud,
         data=_hold(Complaint, "fraud"), label="fraud"),
    # The registers' requests the retention run anonymises; the Monitoring Officer sees
    # both in full (registers.rules).
    Case("registers:group_legal_hold", MONITORING_OFFICER_ONLY,
         kwargs=_register(GroupRequest, REPORT)[0], data=_register(GroupRequest, REPORT)[1]),
    Case("registers:info_legal_hold", MONITORING_OFFICER_ONLY,
         kwargs=_register(InformationRequest, WITH_OFFICER)[0],
         data=_register(InformationRequest, WITH_OFFICER)[1]),
]
