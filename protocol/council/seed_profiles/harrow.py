"""000 Harrow: Protocol on Councillor-Officer Relations (part C of the constitution)."""
from protocol.council.models.profiles import ComplaintKind, ExpiryRecipient, HandlerRole
from protocol.council.rules.enums import DayKind, Nation, Seniority

from .base import SeedProfile, SeedStage, code_of_conduct_ladder, fraud_ladder

HARROW = SeedProfile(
    slug="harrow",
    name="Harrow: Protocol on Councillor-Officer Relations",
    council_name="London Borough of Harrow",
    source="seeds/000_63f36528588c848c.txt: C. Protocol on Councillor-Officer Relations",
    nation=Nation.ENGLAND,
    response_days=10,
    response_day_kind=DayKind.WORKING,
    response_days_is_default=True,
    service_response_days_allowed=False,
    response_basis="000 §3.1(e): 'timely responses to enquiries and complaints', no number; "
                   "10 working days is the council's choice.",
    holding_reply_needs_reasons=True,
    holding_reply_needs_revised_date=True,
    holding_reply_before_expiry=True,
    holding_reply_basis="000 has no holding-reply rule (§3.1(e) says only 'timely'); reasons, a "
                        "revised date and sending it before expiry are the council's choice "
                        "(as 003 §31.15).",
    expiry_informs=ExpiryRecipient.DIRECTOR,
    expiry_above_director=Seniority.EXECUTIVE_DIRECTOR,
    expiry_basis="000 sets no step at expiry; informing the relevant Director is the council's "
                 "choice, as difficulties are reported to the relevant Director (§3.4), or the "
                 "Executive Director where it is with the Director (§3.5 ranks them). The "
                 "reminder 2 working days before and the 5-day follow-up window are its choice.",
    reminder_days_before_expiry=2,
    follow_up_window_days=5,
    first_contact_min_seniority=Seniority.DEPUTY_DIRECTOR,
    first_contact_via_proper_officer=False,
    first_contact_relationship_exception=True,
    first_contact_basis="000 §3.5: deal first with the Head of Paid Service, Executive Directors, "
                        "Directors and their deputies, unless there is an on-going relationship "
                        "with a member of staff, e.g. on a case or application.",
    no_silent_copies=True,
    confidential_never_to_third_parties=True,
    correspondence_basis="000 has no correspondence rule: no silent copies (as 002 "
                         "'Correspondence') is the council's choice; confidential letters stay "
                         "with the councillor under §3.1(i) 'appropriate confidentiality'.",
    informal_resolution_first=True,
    conduct_complaint_window_months=6,
    complaints_basis="000 §3.4, §7.3: difficulties and an officer's performance go to the "
                     "relevant (service) Director first; the protocol is monitored by the "
                     "Standards Committee, Monitoring Officer and Head of Paid Service (preamble). "
                     "Informal resolution first and the 6-month window are the council's choice.",
    # The seed is silent: the council's choice, neither confirm nor deny.
    subject_access_says_withheld=False,
    ladders={
        ComplaintKind.OFFICER_CONDUCT: (
            SeedStage(HandlerRole.SERVICE_DIRECTOR, "The relevant service director",
                      "000 §7.3: comments on an officer's performance go to the relevant service "
                      "director first; §3.4: difficulties to the relevant Director.",
                      subject_told=True),
            SeedStage(HandlerRole.CE_OR_MONITORING_OFFICER,
                      "The Head of Paid Service and/or the Monitoring Officer",
                      "000 preamble: the Head of Paid Service and the Monitoring Officer monitor "
                      "compliance with the protocol; escalating to them is the council's choice. "
                      "Statutory officers: §7.4.",
                      subject_told=True),
        ),
        ComplaintKind.COUNCILLOR_CONDUCT: (
            SeedStage(HandlerRole.SERVICE_DIRECTOR, "The officer's Director",
                      "000 §3.4: any difficulties should be reported to the relevant Director."),
            SeedStage(HandlerRole.MONITORING_OFFICER, "The Monitoring Officer",
                      "000 preamble: the Monitoring Officer monitors compliance with the "
                      "protocol; §3.2(e), (g): no bullying, the Councillor Code of Conduct.",
                      subject_told=True),
            SeedStage(HandlerRole.STANDARDS_COMMITTEE, "The Standards Committee",
                      "000 preamble: the protocol is approved, and compliance monitored, by the "
                      "Standards Committee.",
                      subject_told=True),
        ),
        ComplaintKind.CODE_OF_CONDUCT: code_of_conduct_ladder(
            "000 §3.2(g): officers can expect councillors to comply with the Code of Conduct"),
        ComplaintKind.FRAUD: fraud_ladder("000 names no route for it: this one is the council's "
                                          "choice"),
    },
)
