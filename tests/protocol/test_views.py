"""Sign-in, sign-out, password reset, the home page and the protocol page."""
import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from protocol.models import ProtocolProfile
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["home", "protocol:profile"])
def test_pages_need_a_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_sign_in_lands_on_the_home_page_with_the_persons_posts(client, council):
    response = client.post(reverse("login"), {"username": "head_of_service",
                                               "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    page = response.content.decode()
    # A name such as O'Sullivan is escaped in the page, as it should be.
    assert escape(council.head_of_service.get_full_name()) in page
    assert "Head of Service, Waste and Recycling" in page


def test_a_wrong_password_is_refused_with_a_clear_message(client, council):
    response = client.post(reverse("login"), {"username": "councillor", "password": "nope"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_over_long_username_is_refused_before_anything_is_recorded(client, council):
    from axes.models import AccessAttempt

    response = client.post(reverse("login"), {"username": "x" * 300, "password": "nope"})
    assert response.status_code == 200
    assert "Enter a username of 150 characters or fewer" in response.content.decode()
    assert not AccessAttempt.objects.exists()


def test_repeated_failures_lock_the_username_out(client, council, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "councillor", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "councillor", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_out_needs_a_post_and_ends_the_session(client, council):
    client.force_login(council.councillor)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_emails_a_single_use_link(client, council):
    response = client.post(reverse("password_reset"), {"email": "councillor@council.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password-reset/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path, follow=True)
    assert "Choose a new password" in page.content.decode()
    new = "a-much-longer-new-password-42"
    done = client.post(page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    council.councillor.refresh_from_db()
    assert council.councillor.check_password(new)
    again = client.get("/" + path, follow=True)
    assert "This link has expired or has been used" in again.content.decode()


def test_an_unknown_address_sends_nothing_but_says_the_same(client, council):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_the_protocol_page_shows_the_rules_without_a_profile(client, council):
    ProtocolProfile.objects.update(is_active=False)
    client.force_login(council.councillor)
    response = client.get(reverse("protocol:profile"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "No protocol profile is active" in page
    assert "An administrator must make one of the protocol profiles active." in page
