"""The permission matrix's cases for the MFA pages (protocol/machinery/mfa/urls.py). Joined to
MATRIX at the end of matrix.py. The matrix signs in with force_login and the test settings leave
CASEWORK_MFA_REQUIRED off, so nobody here has an authenticator app yet: everyone may ask
to set one up (the page asks first for the emailed link or an administrator's code), and
the code page sends them to do so. Anonymous visitors are sent to sign in (test_urls.py).
What MFA blocks while it is required is tested in tests/protocol/test_mfa.py."""
from __future__ import annotations

from tests.security.matrix import DONE, HIDDEN, METHOD, OK, Case, row

CASES = [
    # Before the first app, the set-up page asks for the emailed link or an
    # administrator's set-up code; a code in the wrong form gets the form back.
    Case("mfa:enrol", {"GET": row(OK), "POST": row(OK)},
         data=lambda w: {"setup_code": "not-a-code"}),
    Case("mfa:send_link", {"GET": row(METHOD), "POST": row(DONE)}),
    # A set-up link that is not this person's (or is used, or expired) is not found,
    # for everyone: it says nothing about whose it is (tests/protocol/test_mfa_enrolment.py).
    Case("mfa:link", {"GET": row(HIDDEN), "POST": row(HIDDEN)},
         kwargs=lambda w: {"token": "not-a-real-set-up-link"}),
    Case("mfa:verify", {"GET": row(DONE), "POST": row(DONE)},
         data=lambda w: {"code": "123456"}),
]
