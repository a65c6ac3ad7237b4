"""Template context every page needs: the council's name and the viewer's roles."""
from django.http import HttpRequest

from protocol.council.selectors import roles_of
from protocol.models import ProtocolProfile


def council(request: HttpRequest) -> dict:
    profile = (ProtocolProfile.objects.filter(is_active=True)
               .values("council_name", "name").first())
    user = getattr(request, "user", None)
    return {
        "council_name": profile["council_name"] if profile else "Council casework",
        # Every page says so until an administrator chooses the council's protocol.
        "protocol_not_set_up": profile is None,
        "roles": roles_of(user) if user is not None and user.is_authenticated else None,
    }
