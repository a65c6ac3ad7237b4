"""The permission matrix's cases for subject access exports (protocol/urls.py,
protocol.machinery.views_privacy). Joined to MATRIX at the end of matrix.py.

Only the Monitoring Officer searches, reads the summary and downloads the export: anyone
else, an administrator included, gets 404 (the council's data and standards custodian;
004 need-to-know disputes decided by the Monitoring Officer). The summary and the download
take POST only, so that no name or email address is ever in an address (405 to GET)."""
from __future__ import annotations

from tests.security.matrix import HIDDEN, METHOD, OK, Case, row
from tests.security.world import World

ONLY_THE_MO = row(HIDDEN, monitoring_officer=OK)


def _account_search(w: World) -> dict:
    return {"search": "account", "account-person": w.users["officer"].username}


def _account_chosen(w: World) -> dict:
    return {**_account_search(w), "user": w.users["officer"].pk}


def _constituent_chosen(w: World) -> dict:
    # Case A's constituent (tests/security/world.py), by her exact email address.
    return {"search": "constituent", "constituent-email": "ruth.ashdown@example.com",
            "constituent-full_name": "", "constituent-postcode": "",
            "references": [w.enquiry.reference]}


CASES: list[Case] = [
    Case("protocol:subject_access", {"GET": ONLY_THE_MO, "POST": ONLY_THE_MO},
         data=_account_search),
    Case("protocol:subject_access_summary", {"GET": row(METHOD), "POST": ONLY_THE_MO},
         data=_account_chosen, label="account"),
    Case("protocol:subject_access_summary", {"GET": row(METHOD), "POST": ONLY_THE_MO},
         data=_constituent_chosen, label="constituent"),
    Case("protocol:subject_access_json", {"GET": row(METHOD), "POST": ONLY_THE_MO},
         data=_constituent_chosen),
]
