"""001 Hounslow: 5C Protocol on Councillor-Officer Relations, with When Things go Wrong (§11)."""
from protocol.council.models.profiles import ComplaintKind, ExpiryRecipient, HandlerRole
from protocol.council.rules.enums import DayKind, Nation, Seniority

from .base import SeedProfile, SeedStage, code_of_conduct_ladder, fraud_ladder

HOUNSLOW = SeedProfile(
    slug="hounslow",
    name="Hounslow: Protocol on Councillor-Officer Relations",
    council_name="London Borough of Hounslow",
    source="seeds/001_644ba3beee9b0541.txt: 5C Protocol on Councillor-Officer Relations",
    nation=Nation.ENGLAND,
    response_days=10,
    response_day_kind=DayKind.WORKING,
    response_days_is_default=True,
    service_response_days_allowed=False,
    response_basis="001 §3.1(e): 'prompt responses to enquiries and complaints', no number; "
                   "10 working days is the council's choice.",
    holding_reply_needs_reasons=True,
    holding_reply_needs_revised_date=True,
    holding_reply_before_expiry=True,
    holding_reply_basis="001 §3.1(e): where a prompt response is not possible 'an explanation "
                        "should be provided' (the holding reply, with reasons); a revised date "
                        "and sending it before expiry are the council's choice.",
    expiry_informs=ExpiryRecipient.DIRECTOR,
    expiry_above_director=Seniority.EXECUTIVE_DIRECTOR,
    expiry_basis="001 sets no step at expiry; informing the relevant Director is the council's "
                 "choice, as difficulties are reported to the relevant Director (§3.4), or the "
                 "Executive Director where it is with the Director (§3.5 ranks them). The "
                 "reminder 2 working days before and the 5-day follow-up window are its choice.",
    reminder_days_before_expiry=2,
    follow_up_window_days=5,
    first_contact_min_seniority=Seniority.HEAD_OF_SERVICE,
    first_contact_via_proper_officer=False,
    first_contact_relationship_exception=True,
    first_contact_basis="001 §3.5(f): contact Heads of Service or above for all queries unless "
                        "there is a good reason not to; §3.5: an on-going relationship with a "
                        "member of staff on a case is such a reason.",
    no_silent_copies=True,
    confidential_never_to_third_parties=True,
    correspondence_basis="001 has no correspondence rule: no silent copies (as 002 "
                         "'Correspondence') is the council's choice; confidential letters stay "
                         "with the councillor (§3.1(i) 'appropriate confidentiality', §10.2 'no "
                         "breaches of confidence').",
    informal_resolution_first=True,
    conduct_complaint_window_months=6,
    complaints_basis="001 §11.1: resolving it informally is usually preferable; then a "
                     "councillor's complaint (§11.2) or an officer's grievance (§11.3). The "
                     "6-month window is the council's choice.",
    # The seed is silent: the council's choice, neither confirm nor deny.
    subject_access_says_withheld=False,
    ladders={
        ComplaintKind.OFFICER_CONDUCT: (
            SeedStage(HandlerRole.SERVICE_DIRECTOR, "The appropriate Chief Officer",
                      "001 §11.2: raised with the appropriate Chief Officer in the first "
                      "instance (§9.3: the relevant service director).",
                      subject_told=True),
            SeedStage(HandlerRole.CE_OR_MONITORING_OFFICER,
                      "The Chief Executive and/or the Monitoring Officer",
                      "001 §11.2: if not satisfied with the Chief Officer's response; a "
                      "complaint about the Chief Executive is raised with the Monitoring Officer.",
                      subject_told=True),
            SeedStage(HandlerRole.LEADER_PANEL,
                      "The Leader, with the Chief Executive, Monitoring Officer and HR",
                      "001 §11.2: if still dissatisfied, the Leader of the Council discusses it "
                      "with the Chief Executive, Monitoring Officer and HR as appropriate.",
                      subject_told=True),
        ),
        ComplaintKind.COUNCILLOR_CONDUCT: (
            SeedStage(HandlerRole.MONITORING_OFFICER, "The Monitoring Officer",
                      "001 §11.3: an officer's grievance about a councillor's conduct is taken up "
                      "with the Monitoring Officer.",
                      subject_told=True),
            SeedStage(HandlerRole.GROUP_LEADER, "The Leader and/or the relevant group leader",
                      "001 §11.3: the Monitoring Officer decides whether it is discussed with the "
                      "Leader of the Council and/or the relevant political group leader.",
                      subject_told=True),
            SeedStage(HandlerRole.STANDARDS_COMMITTEE, "The Standards Committee",
                      "001 §11.3: depending on those discussions, the Monitoring Officer may "
                      "report the matter to the Standards Committee.",
                      subject_told=True),
        ),
        ComplaintKind.CODE_OF_CONDUCT: code_of_conduct_ladder(
            "001 §3.2(g), §11.3: the Councillor Code of Conduct; the Standards Committee"),
        ComplaintKind.FRAUD: fraud_ladder("001 names no route for it: this one is the council's "
                                          "choice"),
    },
)
