"""003 Westminster City Council: Protocol on Member/Officer Relations (section 31)."""
from protocol.council.models.profiles import ComplaintKind, ExpiryRecipient, HandlerRole
from protocol.council.rules.enums import DayKind, Nation, Seniority

from .base import SeedProfile, SeedStage, code_of_conduct_ladder, fraud_ladder

WESTMINSTER = SeedProfile(
    slug="westminster",
    name="Westminster: Protocol on Member/Officer Relations",
    council_name="Westminster City Council",
    source="seeds/003_d593e259fc3cb564.txt: Protocol on Member/Officer Relations (§31)",
    nation=Nation.ENGLAND,
    response_days=10,
    response_day_kind=DayKind.WORKING,
    response_days_is_default=False,
    service_response_days_allowed=False,
    response_basis="003 §31.15: members are entitled to 'a full response within 10 days'; read "
                   "as 10 working days (the council may switch to calendar days).",
    holding_reply_needs_reasons=True,
    holding_reply_needs_revised_date=True,
    holding_reply_before_expiry=True,
    holding_reply_basis="003 §31.15: a holding reply 'setting out the reasons for the delay', "
                        "sent as soon as possible and before the 10 days expire; a revised date "
                        "is the council's choice.",
    expiry_informs=ExpiryRecipient.DIRECTOR,
    expiry_above_director=Seniority.CHIEF_EXECUTIVE,
    expiry_basis="003 §31.15: with no response after the 10 days, the relevant Director is "
                 "informed; where the enquiry is with the Director already (§31.5), the "
                 "Chief Executive, as where a Director is involved personally (§31.3(3)). "
                 "The 2-day reminder and 5-day follow-up window are the council's choice.",
    reminder_days_before_expiry=2,
    follow_up_window_days=5,
    first_contact_min_seniority=Seniority.DIRECTOR,
    first_contact_via_proper_officer=False,
    first_contact_relationship_exception=True,
    first_contact_basis="003 §31.5: concerns about issues affecting a department go directly to "
                        "the relevant Director (the level of contact otherwise varies); "
                        "§31.11(2): ward casework with officers in several departments is in "
                        "order, hence the on-going-relationship exception.",
    no_silent_copies=True,
    confidential_never_to_third_parties=True,
    correspondence_basis="003 has no copying rule: no silent copies (as 002 'Correspondence') is "
                         "the council's choice; §31.16(1): confidential information is not "
                         "shared with other members, constituents or the public without consent.",
    informal_resolution_first=True,
    conduct_complaint_window_months=6,
    complaints_basis="003 §31.3(3): a concern about an officer goes to the service Director, or "
                     "the Chief Executive where a Director is involved personally; §31.2: a "
                     "breach may breach a code of conduct. Informal resolution first and the "
                     "6-month window are the council's choice.",
    # The seed is silent: the council's choice, neither confirm nor deny.
    subject_access_says_withheld=False,
    ladders={
        ComplaintKind.OFFICER_CONDUCT: (
            SeedStage(HandlerRole.SERVICE_DIRECTOR,
                      "The Director of the service where the fault lies",
                      "003 §31.3(3): a concern about an officer goes to the Director of the "
                      "service (to the Chief Executive where it involves a Director personally).",
                      subject_told=True),
            SeedStage(HandlerRole.CHIEF_EXECUTIVE, "The Chief Executive",
                      "003 §31.3(3) names the Chief Executive for a Director personally; going to "
                      "the Chief Executive after the Director is the council's choice.",
                      subject_told=True),
        ),
        ComplaintKind.COUNCILLOR_CONDUCT: (
            SeedStage(HandlerRole.MONITORING_OFFICER, "The Monitoring Officer",
                      "003 §31.2 (accountability): a breach of this protocol may be evidence of "
                      "a breach of the Code of Conduct; §31.3(1): no bullying or harassment.",
                      subject_told=True),
            SeedStage(HandlerRole.STANDARDS_COMMITTEE, "The Standards Committee",
                      "003 §31.13 (the Standards Committee and its Independent Member); referral "
                      "by the Monitoring Officer is the council's choice.",
                      subject_told=True),
        ),
        ComplaintKind.CODE_OF_CONDUCT: code_of_conduct_ladder(
            "003 §31.2, §31.16(2): breaches of the protocol or of confidentiality may breach "
            "the Members' Code of Conduct"),
        ComplaintKind.FRAUD: fraud_ladder("003 names no recipient: the Chief Executive and/or "
                                          "Monitoring Officer, then the Chief Finance Officer, "
                                          "is the council's reading"),
    },
)
