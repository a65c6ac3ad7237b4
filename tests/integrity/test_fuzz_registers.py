"""Every register's "new" form, posted with generated input through its view: never a
server error, and a refused post saves nothing and says why."""
from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from registers import forms
from registers.selectors import register_rules
from registers.views.groups import _my_groups
from tests.integrity.conftest import rolled_back, small
from tests.integrity.generate import form_data, post_checked

pytestmark = pytest.mark.django_db

# page: (who posts, the form as their page builds it)
NEW = {
    "registers:group_new": ("group_leader", lambda who: forms.GroupRequestForm(
        groups=_my_groups(who))),
    "registers:info_new": ("councillor", lambda who: forms.InformationRequestForm()),
    "registers:relationship_new": ("councillor", lambda who: forms.RelationshipForm(
        councillor=True)),
    "registers:notice_new": ("officer", lambda who: forms.NoticeForm()),
}


@pytest.mark.parametrize("page", sorted(NEW))
@given(data=st.data())
@small(examples=30)
def test_a_new_register_entry(client, council, page, data):
    register_rules()  # the profile's rules, made on first read: not the post's doing
    who, form = NEW[page]
    person = getattr(council, who)
    with rolled_back():
        client.force_login(person)
        post_checked(client, reverse(page), data.draw(form_data(form(person))))
