"""004 North Northamptonshire: Members and Officers - Protocol for Working Effectively."""
from protocol.council.models.profiles import ComplaintKind, ExpiryRecipient, HandlerRole
from protocol.council.rules.enums import DayKind, Nation, Seniority

from .base import SeedProfile, SeedStage, code_of_conduct_ladder, fraud_ladder

NORTH_NORTHAMPTONSHIRE = SeedProfile(
    slug="north-northamptonshire",
    name="North Northamptonshire: Protocol for Working Effectively",
    council_name="North Northamptonshire Council",
    source="seeds/004_bd4657045e15c54f.txt: Members and Officers - Protocol for Working "
           "Effectively",
    nation=Nation.ENGLAND,
    response_days=10,
    response_day_kind=DayKind.WORKING,
    response_days_is_default=True,
    service_response_days_allowed=True,
    response_basis="004 'Expectations', 'Ward Members and Officers': a timely response, but "
                   "'timescales will vary from service to service'; 10 working days is the "
                   "council's choice, and a service may set its own.",
    holding_reply_needs_reasons=True,
    holding_reply_needs_revised_date=True,
    holding_reply_before_expiry=True,
    holding_reply_basis="004 'Ward Members and Officers': officers make clear what is possible "
                        "and what is not; reasons, a revised date and sending it before expiry "
                        "are the council's choice (as 003 §31.15).",
    expiry_informs=ExpiryRecipient.DIRECTOR,
    expiry_above_director=Seniority.EXECUTIVE_DIRECTOR,
    expiry_basis="004 sets no step at expiry; informing the relevant Director is the council's "
                 "choice (as 003 §31.15), or the Executive Director where it is with the "
                 "Director. The 2-day reminder and 5-day follow-up window are its "
                 "choice too.",
    reminder_days_before_expiry=2,
    follow_up_window_days=5,
    first_contact_min_seniority=Seniority.HEAD_OF_SERVICE,
    first_contact_via_proper_officer=False,
    first_contact_relationship_exception=True,
    first_contact_basis="004 'Communication and Social Contact', 'Resolving Disputes': regular "
                        "contact with senior officers, issues first to the relevant senior "
                        "officer; reading 'senior officer' as Head of Service or above is the "
                        "council's choice.",
    no_silent_copies=True,
    confidential_never_to_third_parties=True,
    correspondence_basis="004 has no copying rule: no silent copies (as 002 'Correspondence') is "
                         "the council's choice; 'Members' Access': information for a third "
                         "party only if public, lawful and not personally confidential.",
    informal_resolution_first=True,
    conduct_complaint_window_months=6,
    complaints_basis="004 'Resolving Disputes': early resolution, formal action a last resort; "
                     "the relevant senior officer first, then the Monitoring Officer. The "
                     "6-month window is the council's choice.",
    # The seed is silent: the council's choice, neither confirm nor deny.
    subject_access_says_withheld=False,
    ladders={
        ComplaintKind.OFFICER_CONDUCT: (
            SeedStage(HandlerRole.SENIOR_OFFICER, "The relevant senior officer",
                      "004 'Resolving Disputes': in the first instance, parties raise issues "
                      "with the relevant senior officer.",
                      subject_told=True),
            SeedStage(HandlerRole.MONITORING_OFFICER, "The Monitoring Officer",
                      "004 'Resolving Disputes': a concern about a breach of the protocol that "
                      "cannot be resolved satisfactorily is referred to the Monitoring Officer.",
                      subject_told=True),
        ),
        ComplaintKind.COUNCILLOR_CONDUCT: (
            SeedStage(HandlerRole.SENIOR_OFFICER, "The relevant senior officer",
                      "004 'Resolving Disputes': in the first instance, parties raise issues "
                      "with the relevant senior officer."),
            SeedStage(HandlerRole.MONITORING_OFFICER, "The Monitoring Officer",
                      "004 'Resolving Disputes': a concern about a breach of the protocol that "
                      "cannot be resolved satisfactorily is referred to the Monitoring Officer.",
                      subject_told=True),
        ),
        ComplaintKind.CODE_OF_CONDUCT: code_of_conduct_ladder(
            "004 'Roles', 'Relationship': members act under the Principles of Public Life and "
            "the Members Code of Conduct"),
        ComplaintKind.FRAUD: fraud_ladder("004 names no route for it (only 'probity "
                                          "requirements', 'Expectations'): this one is the "
                                          "council's choice"),
    },
)
