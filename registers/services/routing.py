"""Who decides a need-to-know request: the first officer in line with no declared
relationship with the councillor (001 §10)."""
from __future__ import annotations

from protocol.council.selectors import LINE_ABOVE_SERVICE, holder_of
from protocol.models import PostKind, ProtocolProfile, Service, User
from registers import rules
from registers.errors import RegisterError
from registers.selectors import conflicted_with


def decision_line(profile: ProtocolProfile, service: Service | None) -> list[User]:
    """Who decides, in order: the Clerk where the profile makes them the single point of
    contact (002); else the service's Head of Service and the officers above it, then the
    Chief Executive."""
    if profile.first_contact_via_proper_officer:
        line = [holder_of(PostKind.PROPER_OFFICER)]
    elif service is not None:
        line = [holder_of(PostKind.HEAD_OF_SERVICE, service=service)]
        line += [holder_of(kind, directorate_id=service.directorate_id)
                 for kind in LINE_ABOVE_SERVICE]
    else:
        line = []
    line += [holder_of(PostKind.CHIEF_EXECUTIVE), holder_of(PostKind.PROPER_OFFICER)]
    return [p for p in dict.fromkeys(line) if p is not None]


def route(profile: ProtocolProfile, councillor: User, service: Service | None
          ) -> tuple[User, list[User]]:
    """The first officer in line with no declared relationship with the councillor (001
    §10), and those passed over."""
    line = decision_line(profile, service)
    conflicted = conflicted_with([councillor])
    chosen = rules.first_unconflicted([p.pk for p in line], conflicted)
    if chosen is None:
        raise RegisterError("Nobody in post can fairly decide this request. Tell the "
                            "Monitoring Officer; nothing has been sent.")
    officer = next(p for p in line if p.pk == chosen)
    return officer, [p for p in line[:line.index(officer)] if p.pk in conflicted]
