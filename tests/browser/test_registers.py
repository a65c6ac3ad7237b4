"""The protocol's registers in a real browser, each page checked with axe (WCAG 2.2 AA) by
`visit` (tests/browser/conftest.py):

- a political group's request: asked by the group's leader, agreed by the Chief Executive,
  delivered by the officer with the factual confirmation, another group told and asking
  for the same, the Monitoring Officer's equal-treatment view (000 §5, 003 §31.10);
- a need-to-know request: refused, disputed, release directed by the Monitoring Officer,
  provided as confidential and the purpose acknowledged (002, 003 §31.12, §31.16, 004);
- a ward notice recorded by an officer and read by the ward's member, and a relationship
  declared and seen in the Monitoring Officer's register (000 §4.3, 001 §10).
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from registers.models import GroupRequest, InformationRequest, WardNotice
from tests.browser.test_sign_in import sign_in


@pytest.fixture(autouse=True)
def emails_are_sent_at_once() -> Iterator[None]:
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


def as_user(visit, username: str) -> None:
    """Sign out whoever is signed in, then sign in as `username`."""
    page = visit.page
    if page.url.startswith(visit.base_url) and page.get_by_role(
            "button", name="Sign out").count():
        with visit.lands():
            page.get_by_role("button", name="Sign out").click()
    else:
        visit.goto("/sign-in/")
    sign_in(visit, username)


def click(visit, role: str, name: str, *, status: int = 200) -> None:
    with visit.lands(status=status):
        visit.page.get_by_role(role, name=name).first.click()


def open_registers(visit, register: str) -> None:
    click(visit, "link", "The protocol's registers")
    click(visit, "link", register)


def test_a_political_groups_request_from_asking_to_equal_treatment(visit, council):
    page = visit.page
    as_user(visit, "group_leader")
    open_registers(visit, "Political groups' requests")
    click(visit, "button", "Make a request")
    page.get_by_label("A written report (000 §5.5)").check()
    page.get_by_label("Subject", exact=True).fill("Options for the budget amendment")
    page.get_by_label("What the group would like").fill("The options on fees and charges.")
    click(visit, "button", "Send")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Options for the budget amendment")
    request = GroupRequest.objects.get()

    as_user(visit, "chief_executive")
    visit.goto(request.get_absolute_url())
    click(visit, "button", "Decide")
    page.get_by_label("Agreed, as asked").check()
    page.get_by_label("Officer", exact=True).select_option(
        label=council.officer.get_full_name())
    click(visit, "button", "Decide the request")
    expect(page.locator(".govuk-tag").first).to_have_text("Agreed")

    as_user(visit, "officer")
    visit.goto(request.get_absolute_url())
    click(visit, "button", "Record that it was delivered")
    page.get_by_label("Date the report was given").fill(timezone.localdate().isoformat())
    page.get_by_label("Subject, as other groups will be told it").fill("Fees and charges")
    click(visit, "button", "Record that it was delivered", status=400)  # not confirmed
    expect(page.locator(".govuk-error-summary")).to_contain_text("Confirm the advice")
    page.get_by_label("The advice was factual").check()
    click(visit, "button", "Record that it was delivered")
    expect(page.get_by_text("Red Group,")).to_be_visible()  # told, with the time

    as_user(visit, "leader")  # leads the Red group
    visit.goto(request.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Fees and charges")
    expect(page.get_by_text("The options on fees and charges.")).to_have_count(0)
    click(visit, "button", "Ask for the same for your group")
    click(visit, "button", "Ask for the same for your group")
    expect(page.get_by_text("being arranged")).to_be_visible()

    as_user(visit, "monitoring_officer")
    open_registers(visit, "Political groups' requests")
    click(visit, "link", "Equal treatment of the groups")
    blue = page.get_by_role("row", name="Blue Group")
    expect(blue.get_by_role("cell").first).to_have_text("1")


def test_a_need_to_know_request_refused_disputed_and_released(visit, council):
    page = visit.page
    as_user(visit, "councillor")
    open_registers(visit, "Need-to-know requests")
    click(visit, "button", "Ask for documents or information")
    page.get_by_label("What documents or information you need").fill("The crew rota")
    page.get_by_label("Why you need to know").fill("Missed collections in my ward.")
    page.get_by_label("Service", exact=True).select_option(label="Waste and Recycling")
    click(visit, "button", "Send")
    request = InformationRequest.objects.get()
    assert request.officer == council.head_of_service

    as_user(visit, "head_of_service")
    visit.goto(request.get_absolute_url())
    click(visit, "button", "Decide")
    page.get_by_label("Refused").check()
    page.get_by_label("Ground for refusing").select_option("confidential_or_exempt")
    page.get_by_label("Reasons for refusing").fill("Staff details are confidential.")
    click(visit, "button", "Decide the request")

    as_user(visit, "councillor")
    visit.goto(request.get_absolute_url())
    click(visit, "button", "Dispute the refusal")
    page.get_by_label("Reasons").fill("I only need the days, not names.")
    click(visit, "button", "Dispute the refusal")

    as_user(visit, "monitoring_officer")
    open_registers(visit, "Need-to-know requests")
    click(visit, "link", request.reference)
    click(visit, "button", "Decide the dispute")
    page.get_by_label("The councillor needs to know: release it").check()
    page.get_by_label("Reasons").fill("The days of the rota are not confidential.")
    click(visit, "button", "Decide the dispute")

    as_user(visit, "head_of_service")
    visit.goto(request.get_absolute_url())
    click(visit, "button", "Decide")
    page.get_by_label("Provided", exact=True).check()
    page.get_by_label("What was provided").fill("ROTA-DAYS-2026")
    page.get_by_label("The material is confidential").check()
    click(visit, "button", "Decide the request")

    as_user(visit, "councillor")
    visit.goto(request.get_absolute_url())
    expect(page.get_by_text("ROTA-DAYS-2026")).to_have_count(0)
    click(visit, "button", "I understand and will use it only for this purpose")
    expect(page.get_by_text("ROTA-DAYS-2026")).to_be_visible()


def test_a_ward_notice_and_a_declared_relationship(visit, council):
    page = visit.page
    as_user(visit, "officer")
    open_registers(visit, "Ward notices")
    click(visit, "button", "Tell ward members")
    page.get_by_label("A public meeting on a local issue (000 §4.3)").check()
    page.get_by_label("Title").fill("Public meeting on the depot")
    page.get_by_label("What members need to know").fill("At the library, 7pm.")
    page.get_by_label("North").check()
    page.get_by_label("Date of the meeting, or when it starts").fill(
        (timezone.localdate() + timedelta(days=5)).isoformat())
    click(visit, "button", "Send")
    expect(page.get_by_role("table", name="Members told")).to_contain_text("North")
    notice = WardNotice.objects.get()

    as_user(visit, "councillor")
    open_registers(visit, "Ward notices")
    click(visit, "link", "Public meeting on the depot")
    assert page.url.endswith(notice.get_absolute_url())
    visit.goto("/registers/relationships/")
    click(visit, "button", "Declare a relationship")
    page.get_by_label("The other person").select_option(label=council.officer.get_full_name())
    page.get_by_label("Family member").check()
    click(visit, "button", "Send")

    as_user(visit, "monitoring_officer")
    open_registers(visit, "Personal relationships")
    expect(page.get_by_role("table", name="The register")).to_contain_text(
        council.officer.get_full_name())
