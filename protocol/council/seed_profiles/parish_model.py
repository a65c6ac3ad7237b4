"""002 Model Councillor/Officer Protocol for parish and town councils: the Proper Officer
(Clerk) as the single point of contact, no silent copies, and If Things Go Wrong."""
from protocol.council.models.profiles import ComplaintKind, ExpiryRecipient, HandlerRole
from protocol.council.rules.enums import DayKind, Nation, Seniority

from .base import SeedProfile, SeedStage, code_of_conduct_ladder, fraud_ladder

_STAFFING = "The staffing committee"

PARISH_MODEL = SeedProfile(
    slug="parish-model",
    name="Parish and town councils: model Councillor/Officer Protocol",
    council_name="A parish or town council",
    source="seeds/002_921493d779344fc9.txt: Councillor/Officer Protocol (parish and town model)",
    nation=Nation.ENGLAND,
    response_days=10,
    response_day_kind=DayKind.WORKING,
    response_days_is_default=True,
    service_response_days_allowed=False,
    response_basis="002 'Officers', 'Expectations': respond 'in accordance with the council's "
                   "standards protocol', 'a timely response', no number; 10 working days is "
                   "the council's choice.",
    holding_reply_needs_reasons=True,
    holding_reply_needs_revised_date=True,
    holding_reply_before_expiry=True,
    holding_reply_basis="002 has no holding-reply rule; reasons, a revised date and sending it "
                        "before expiry are the council's choice (as 003 §31.15).",
    expiry_informs=ExpiryRecipient.PROPER_OFFICER,
    expiry_above_director=Seniority.CHIEF_EXECUTIVE,
    expiry_basis="002 sets no step at expiry; informing the Proper Officer (Clerk), who "
                 "line-manages all other staff ('Some general principles'), is the council's "
                 "choice. The 2-day reminder and 5-day follow-up window are its choice too.",
    reminder_days_before_expiry=2,
    follow_up_window_days=5,
    first_contact_min_seniority=Seniority.CHIEF_EXECUTIVE,
    first_contact_via_proper_officer=True,
    first_contact_relationship_exception=True,
    first_contact_basis="002 'Some general principles': communications go directly to the Proper "
                        "Officer (Clerk), unless the Proper Officer agrees that they may go to "
                        "another officer over a particular matter (recorded on the case).",
    no_silent_copies=True,
    confidential_never_to_third_parties=True,
    correspondence_basis="002 'Correspondence': a copy to another councillor is exceptional and "
                         "made clear to the original councillor ('CC councillor X'), no silent "
                         "copies; letters marked 'confidential' are not sent or copied to "
                         "complainants or other third parties.",
    informal_resolution_first=True,
    conduct_complaint_window_months=6,
    complaints_basis="002 'If things go wrong': resolving matters informally is always "
                     "preferable; the chair never deals with personnel matters alone, a small "
                     "group of councillors does. The 6-month window is the council's choice.",
    # The seed is silent: the council's choice, neither confirm nor deny.
    subject_access_says_withheld=False,
    ladders={
        ComplaintKind.OFFICER_CONDUCT: (
            SeedStage(HandlerRole.CHIEF_EXECUTIVE,
                      "The Clerk (Proper Officer), after the chair is told",
                      "002 'Procedure for councillors': reported to the chair, then raised with "
                      "the officer first; the Clerk line-manages all other staff ('Some general "
                      "principles').",
                      subject_told=True),
            SeedStage(HandlerRole.STAFFING_COMMITTEE, f"{_STAFFING} (disciplinary procedure)",
                      "002 'Procedure for councillors': if not resolved informally, the council's "
                      "disciplinary procedure; 'Procedure for officers': personnel matters go to "
                      "a small group of councillors.",
                      subject_told=True),
        ),
        ComplaintKind.CLERK_CONCERN: (
            SeedStage(HandlerRole.CHAIR, "The chair (raised with the Clerk informally)",
                      "002 'Procedure for councillors': reported to the chair and then raised "
                      "with the officer (the Clerk) in the first instance.",
                      subject_told=True),
            SeedStage(HandlerRole.STAFFING_COMMITTEE, f"{_STAFFING} (disciplinary procedure)",
                      "002 'Procedure for councillors': if not resolved informally, the council's "
                      "disciplinary procedure; 'Procedure for officers': a small group of "
                      "councillors, never the chair alone.",
                      subject_told=True),
        ),
        ComplaintKind.COUNCILLOR_CONDUCT: (
            SeedStage(HandlerRole.STAFFING_COMMITTEE, f"{_STAFFING} (grievance procedure)",
                      "002 'Procedure for officers': the council's formal grievance procedure, "
                      "with personnel matters delegated to a small group of councillors; the "
                      "chair should not deal with grievances alone."),
            SeedStage(HandlerRole.MONITORING_OFFICER,
                      "The principal council's Monitoring Officer (mediation or conciliation)",
                      "002 'Procedure for officers': the principal council's monitoring officer "
                      "may offer mediation or conciliation, or independent advice is sought.",
                      subject_told=True),
        ),
        ComplaintKind.CODE_OF_CONDUCT: code_of_conduct_ladder(
            "002 'Procedure for officers': informal resolution may be tried before a formal "
            "written allegation; the principal council's arrangements apply",
            monitoring_officer="The principal council's Monitoring Officer",
            committee="The principal council's Standards Committee"),
        ComplaintKind.FRAUD: fraud_ladder(
            "002 names no route for it: this one is the council's choice, with the Clerk as head "
            "of paid service ('Some general principles')",
            first="The Clerk (Proper Officer) and/or the principal council's Monitoring Officer",
            finance="The Responsible Financial Officer"),
    },
)
