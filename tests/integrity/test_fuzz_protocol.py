"""The sign-in and password forms, posted with generated input: never a server error,
nobody signed in or given a new password without the right secret, nothing saved on a
refusal, and a reset email only ever to the address of the account asked for."""
from __future__ import annotations

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import given
from hypothesis import strategies as st

from protocol.views import PasswordResetForm, SetPasswordForm, SignInForm
from tests.factories import PASSWORD
from tests.integrity.conftest import rolled_back, row_counts, small
from tests.integrity.generate import JUNK, form_data, read

pytestmark = pytest.mark.django_db


@given(data=st.data())
@small(examples=40)
def test_signing_in(client, council, data):
    post = data.draw(form_data(
        SignInForm(), username=st.one_of(st.sampled_from(["councillor", "Councillor", ""]),
                                         JUNK),
        password=st.one_of(st.sampled_from([PASSWORD, "wrong"]), JUNK)))
    with rolled_back():
        client.logout()
        before = row_counts()
        response = client.post(reverse("login"), post)
        assert response.status_code in (200, 302, 429)
        signed_in = "_auth_user_id" in client.session
        assert signed_in == (response.status_code == 302)
        if signed_in:
            assert (post.get("username"), post.get("password")) == ("councillor", PASSWORD)
        else:
            assert "There is a problem" in read(response) or response.status_code == 429
        assert row_counts() == before


@given(data=st.data())
@small(examples=40)
def test_asking_for_a_password_reset(client, council, data):
    post = data.draw(form_data(PasswordResetForm(), email=st.one_of(
        st.sampled_from(["councillor@council.example", "COUNCILLOR@council.example",
                         "nobody@example.com"]), JUNK)))
    with rolled_back():
        mail.outbox.clear()
        before = row_counts()
        response = client.post(reverse("password_reset"), post)
        assert response.status_code in (200, 302)
        assert row_counts() == before
        # Only the account asked for, and only when it exists (no enumeration either way:
        # the page is the same).
        assert [m.to for m in mail.outbox] in (
            [], [["councillor@council.example"]])
        if mail.outbox:
            assert post["email"].lower() == "councillor@council.example"


@given(data=st.data())
@small(examples=30)
def test_choosing_a_new_password(client, council, data):
    user = council.councillor
    user.refresh_from_db()  # the last example's new password was rolled back
    post = data.draw(form_data(SetPasswordForm(user)))
    link = reverse("password_reset_confirm", args=[
        urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)])
    with rolled_back():
        page = client.get(link, follow=True)
        assert page.redirect_chain, "the emailed link was refused"
        response = client.post(page.redirect_chain[-1][0], post)
        assert response.status_code in (200, 302)
        user.refresh_from_db()
        changed = not user.check_password(PASSWORD)
        assert changed == (response.status_code == 302)
        if changed:
            assert post["new_password1"] == post["new_password2"]
            assert user.check_password(post["new_password1"])
        else:
            assert "There is a problem" in read(response)
