"""The permission matrix's cases for the MFA pages (protocol/mfa/urls.py). Joined to MATRIX
at the end of matrix.py. The matrix signs in with force_login and the test settings leave
CASEWORK_MFA_REQUIRED off, so nobody here has an authenticator app yet: everyone may set
one up (a code in the wrong form gets the form back), and the code page sends them to do
so. Anonymous visitors are sent to sign in (test_urls.py). What MFA blocks while it is
required is tested in tests/protocol/test_mfa.py."""
from __future__ import annotations

from tests.security.matrix import DONE, OK, Case, row

CASES = [
    Case("mfa:enrol", {"GET": row(OK), "POST": row(OK)}, data=lambda w: {"code": "not-a-code"}),
    Case("mfa:verify", {"GET": row(DONE), "POST": row(DONE)},
         data=lambda w: {"code": "123456"}),
]
