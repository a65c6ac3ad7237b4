"""The demo council's complaints, grievances and concerns as data: who raised each one about
whom, when, and what has happened to it since. Fictional throughout; no database here:
`demo.complaint_cases` plays each case through the services.

Every kind a protocol routes is here (001 §11.2 and §11.3, 002 'If things go wrong', 003
§31.3(3)); a case of a kind the active profile does not route is left out. The steps are
written for two-stage ladders (Westminster's, 003 §31.3(3)); `REFER_TO_LAST` climbs a longer
ladder to its top, so that every stage of every ladder has a case with its handler."""
from __future__ import annotations

from dataclasses import dataclass

from complaints.models import Outcome
from protocol.models import ComplaintKind

# No seed sets a stage time limit; the council may set one (DESIGN 'The rules'). The demo
# council gives every stage without one this many working days, so that the cases received
# longest ago are past it.
STAGE_TIME_LIMIT_DAYS = 20
RESPONSE_DAYS = 10  # working days a councillor complained about is given to respond

# What happens to a case after it is raised, in order; each step is one service call.
RESOLVE = "resolve"  # informal resolution worked: a recorded outcome (DESIGN)
GO_FORMAL = "go_formal"  # informal resolution did not work: stage 1 of the formal route
ESCALATE = "escalate"  # the complainant is not satisfied with the outcome (001 §11.2)
REFER = "refer"  # the handler sends it to the next stage (001 §11.3)
REFER_TO_LAST = "refer_to_last"  # ... and so on, to the last stage of the ladder
ACCEPT = "accept"  # the complainant accepts the outcome: closed
WITHDRAW = "withdraw"
CONSULT = "consult"  # the Monitoring Officer consults the Independent Person
REQUEST_RESPONSE = "request_response"  # the councillor complained about is asked to respond
LEGAL_HOLD = "legal_hold"  # the Monitoring Officer keeps the case from the retention run
# The handler's outcome (the decision, at the last stage) is a step named by the outcome.
UPHELD, PARTLY_UPHELD, NOT_UPHELD = Outcome.UPHELD, Outcome.PARTLY_UPHELD, Outcome.NOT_UPHELD
MEDIATED, NO_FURTHER_ACTION = Outcome.MEDIATED, Outcome.NO_FURTHER_ACTION
BREACH_FOUND, NO_BREACH = Outcome.BREACH_FOUND, Outcome.NO_BREACH

Step = tuple[str, str]  # (what happens, its text: reasons, a note or nothing)

OFFICER, GRIEVANCE = ComplaintKind.OFFICER_CONDUCT, ComplaintKind.COUNCILLOR_CONDUCT
CODE, FRAUD, CLERK = ComplaintKind.CODE_OF_CONDUCT, ComplaintKind.FRAUD, ComplaintKind.CLERK_CONCERN

PLANNING, HIGHWAYS = "Planning and Building Control", "Highways and Transport"
PARKS, PARKING = "Parks and Open Spaces", "Parking Services"
HOUSING, HOUSING_NEEDS = "Housing Management", "Housing Needs and Homelessness"
ENV_HEALTH, REVENUES = "Environmental Health", "Revenues and Benefits"
LIBRARIES, ADULTS = "Libraries and Community Services", "Adult Social Care"
DEMOCRATIC, PROPERTY = "Democratic Services", "Property and Facilities"
PROCUREMENT = "Procurement"


@dataclass(frozen=True)
class Officer:
    """The first officer of a service (for Waste and Recycling: the `officer` sign-in)."""

    service: str


@dataclass(frozen=True)
class Head:
    """A service's Head of Service."""

    service: str


@dataclass(frozen=True)
class Councillor:
    """Another councillor, not a sign-in: the n-th taken from across the borough."""

    n: int


Who = str | Officer | Head | Councillor  # str: a demo sign-in's username


@dataclass(frozen=True)
class Case:
    kind: str
    by: Who
    about: Who | None  # None: a concern that names nobody
    summary: str
    details: str
    days_ago: int  # calendar days since it was raised (moved back to a working day)
    steps: tuple[Step, ...] = ()
    informal: bool = False  # the parties agreed to try informal resolution first
    money_involved: bool = False
    conduct_days_before: int = 0  # Code of Conduct: the conduct was this long before
    # The councillor sign-in's enquiry (by subject) this complaint is raised from; it is
    # about the officer the enquiry is with.
    from_enquiry: str | None = None


CASES = [
    # Councillor complaints about an officer (001 §11.2, 003 §31.3(3)).
    Case(OFFICER, "councillor", Officer(PLANNING),
         "Planning officer not returning calls about the Hollis Gardens extension",
         "I have left five messages over three weeks for the case officer about the "
         "enforcement visit at 3 Hollis Gardens and had no reply. Residents now think the "
         "council is ignoring them.",
         6, informal=True),
    Case(OFFICER, Councillor(1), Officer(HIGHWAYS),
         "Highways inspector told residents their councillor had no say",
         "At the Fern Road walkabout the inspector told residents, in front of me, that "
         "councillors have no say over the resurfacing list and that they should not "
         "bother contacting me.",
         41, informal=True),
    Case(OFFICER, Councillor(2), "officer",
         "Curt reply about repeated missed collections",
         "My third email about the missed collections on Cherry Tree Walk got a one-line "
         "reply telling me to report them online like everyone else.",
         52, informal=True, steps=(
             (RESOLVE, "We met with the Head of Waste and Recycling. Ms Marsh apologised for "
                       "the tone of her reply, and the round's collection records are now "
                       "shared with the ward councillors each week."),)),
    Case(OFFICER, "leader", Officer(PARKS),
         "Community event booking cancelled without telling the organisers or me",
         "The booking for the residents' association fun day in the park was cancelled a "
         "week before the event. Nobody told the organisers or me, although I had "
         "supported the application.",
         12, informal=True, steps=(
             (GO_FORMAL, "The same thing has happened to a second booking since we spoke; "
                         "I want it looked at formally."),)),
    Case(OFFICER, "group_leader", Officer(PARKING),
         "My casework email forwarded to a resident without my consent",
         "An officer forwarded my email about a resident's penalty charge notice, which "
         "included my comments about a neighbour, to that neighbour. I had marked it "
         "confidential.",
         39),
    Case(OFFICER, Councillor(3), Officer(HOUSING),
         "Not told that a tenant's repair had been cancelled",
         "I chased the damp repair at Orchard House for a month and was told each time "
         "that it was booked. The tenant then found out the job had been cancelled weeks "
         "earlier.",
         14, steps=(
             (PARTLY_UPHELD, "The officer should have told the councillor when the job was "
                             "cancelled, as our repairs standard requires; the delay itself "
                             "was the contractor's. The officer has apologised and the team "
                             "has been reminded of the standard."),)),
    Case(OFFICER, "councillor", Head(HIGHWAYS),
         "Head of Highways refused to meet residents about the Quarry Lane junction",
         "After two crashes at the junction residents asked to meet the service. The Head "
         "of Highways and Transport refused, saying the junction meets the standards.",
         68, steps=(
             (NOT_UPHELD, "A meeting was offered with the road safety engineer, who has "
                          "the data the residents asked about; a meeting with the Head of "
                          "Service was not needed to answer their questions."),
             (ESCALATE, "The engineer's meeting never happened: residents are still "
                        "waiting for a date."))),
    Case(OFFICER, Councillor(4), Officer(REVENUES),
         "Officer discussed a constituent's council tax arrears with her landlord",
         "My constituent says an officer told her landlord about her arrears when he "
         "phoned about the property.",
         104, steps=(
             (NOT_UPHELD, "The call notes show the officer confirmed only that an account "
                          "existed at the address."),
             (ESCALATE, "The landlord has written to my constituent quoting the amount she "
                        "owes; he can only have heard it from the council."),
             (UPHELD, "The landlord's letter quotes a figure that only our records hold. The "
                      "officer disclosed it in error; the Information Governance team has "
                      "recorded a data breach and the constituent has had an apology."))),
    Case(OFFICER, Councillor(5), Officer(ENV_HEALTH),
         "Noise complaint visit arranged without telling the complainant",
         "Officers visited the takeaway about the extractor fan without telling the "
         "residents who complained, so nobody could show them the problem at night.",
         33, steps=(
             (UPHELD, "The residents should have been told. A night-time visit is booked "
                      "with them for next week, and visits will be arranged with "
                      "complainants from now on."),
             (ACCEPT, ""))),
    Case(OFFICER, "leader", Officer(LIBRARIES),
         "Homework club cancelled at short notice",
         "The Thursday homework club was cancelled with a day's notice and the library "
         "staff told parents it was the councillors' decision.",
         19, steps=(
             (WITHDRAW, "The officer and I have talked it through and the club is back on; "
                        "I am content."),)),
    Case(OFFICER, "group_leader", "chief_executive",
         "Opposition group refused a briefing on the draft budget",
         "The Chief Executive declined my group's request for the officer briefing on the "
         "draft budget that the majority group had last month.",
         9),
    Case(OFFICER, Councillor(6), Officer(ADULTS),
         "Care review held without the family carer",
         "My constituent's care package was reduced after a review that his daughter, his "
         "main carer, was not told about.",
         76, steps=(
             (REFER_TO_LAST, "It concerns a decision taken above the handler's level, so "
                             "it goes to the next stage."),)),
    Case(OFFICER, "councillor", None,
         "No reply to my enquiry within 10 working days",
         "I raised the missed recycling collections on Larch Close and have had neither a "
         "response nor a holding reply, although the 10 working days have passed.",
         0, from_enquiry="Recycling missed three weeks running on Larch Close"),

    # Officer grievances about a councillor (001 §11.3, 002 'Procedure for officers').
    Case(GRIEVANCE, Officer(PARKING), "councillor",
         "Named in a ward newsletter as to blame for penalty charges",
         "The councillor's newsletter names me as the officer responsible for the tickets "
         "issued on Station Road, with my photograph. I have had abusive emails since.",
         5, informal=True),
    Case(GRIEVANCE, Officer(PLANNING), Councillor(7),
         "Shouted at during a site visit",
         "The councillor shouted at me in front of the applicant and neighbours at the "
         "site visit and said I was 'in the developer's pocket'.",
         58, informal=True, steps=(
             (RESOLVE, "Mediated by the Monitoring Officer: the councillor apologised and "
                       "agreed to raise planning concerns through the Head of Planning and "
                       "Building Control."),)),
    Case(GRIEVANCE, Officer(HOUSING_NEEDS), Councillor(8),
         "Repeated calls to my personal mobile late at night",
         "The councillor has rung my personal mobile eleven times in a fortnight, several "
         "times after 10pm, about a family's housing application.",
         36),
    Case(GRIEVANCE, Head(ENV_HEALTH), Councillor(9),
         "Pressure to drop enforcement against a business",
         "The councillor has repeatedly told my officers to 'go easy' on a restaurant "
         "owned by a friend and has threatened to raise their names at Cabinet.",
         71, steps=(
             (REFER_TO_LAST, "The conduct continued after mediation was offered; it goes "
                             "to the next stage."),)),
    Case(GRIEVANCE, "officer", Councillor(10),
         "Belittling remarks about my team at a public meeting",
         "At the residents' meeting the councillor called my team 'useless' and 'lazy' "
         "and invited residents to film us at work.",
         130, steps=(
             (REFER, "The councillor did not accept mediation; the Monitoring Officer "
                     "reports the grievance to the Standards Committee."),
             (NO_FURTHER_ACTION, "The councillor has apologised to the team in writing and "
                                 "attended the member-officer relations training; the "
                                 "committee takes no further action."))),
    Case(GRIEVANCE, Officer(HIGHWAYS), Councillor(11),
         "Personal criticism in an email copied to residents",
         "The councillor copied forty residents into an email criticising my handling of "
         "the speed survey.",
         22, steps=(
             (WITHDRAW, "The councillor has sent a correction to the same residents."),)),
    Case(GRIEVANCE, Officer(REVENUES), Councillor(12),
         "Councillor insisted on attending a constituent's benefits interview",
         "The councillor came to a constituent's interview without her consent and "
         "argued with me in front of her.",
         11, steps=(
             (MEDIATED, "The Monitoring Officer met both: the councillor will attend an "
                        "interview only when the constituent asks in writing, and has "
                        "apologised."),)),

    # Code of Conduct complaints (Localism Act 2011; 002 'Procedure for officers').
    Case(CODE, "group_leader", Councillor(13),
         "Disclosed confidential information from a member briefing",
         "The councillor posted details of the confidential briefing on the leisure centre "
         "contract on social media before it was published.",
         16, conduct_days_before=6, steps=((REQUEST_RESPONSE, ""),)),
    Case(CODE, Councillor(14), Councillor(15),
         "Bullying remarks at a Licensing Committee hearing",
         "The councillor mocked a fellow committee member's accent during the hearing and "
         "repeated it in the corridor afterwards.",
         37, conduct_days_before=10),
    Case(CODE, Officer(DEMOCRATIC), Councillor(16),
         "Interest not declared at a Licensing Committee meeting",
         "The councillor voted on an application from a company he is a director of, "
         "without declaring the interest.",
         82, conduct_days_before=12, steps=(
             (CONSULT, "The Independent Person agrees the complaint merits a hearing: the "
                       "interest is recorded in the register."),
             (REQUEST_RESPONSE, ""),
             (REFER_TO_LAST, "The Monitoring Officer refers the complaint for a hearing."))),
    Case(CODE, "councillor", Councillor(17),
         "Misleading leaflet about a colleague's voting record",
         "A leaflet delivered across the ward says I voted to close the library, which I "
         "did not; the minutes show it.",
         145, conduct_days_before=20, steps=(
             (CONSULT, "The Independent Person considers a hearing proportionate."),
             (REFER, "The Monitoring Officer refers the complaint for a hearing."),
             (BREACH_FOUND, "The hearing found a breach of the respect provisions of the "
                            "Code. The councillor is to apologise in writing and a "
                            "correction is to be delivered to the same addresses."),
             (LEGAL_HOLD, "The councillor has applied for judicial review of the hearing's "
                          "decision: keep the case in full until the claim is decided."))),
    Case(CODE, Councillor(18), Councillor(19),
         "Use of council notepaper for a party political letter",
         "The councillor wrote to residents about a planning application on council "
         "letterhead, asking them to vote for his party.",
         13, conduct_days_before=4, steps=(
             (CONSULT, "The Independent Person agrees: the letter was from the members' "
                       "office template, which the councillor was told he could use."),
             (NO_BREACH, "The letter was sent on the members' template the councillor had "
                         "been given; no breach. The template's guidance is being "
                         "rewritten."))),

    # Concerns about fraud, corruption or malpractice (003 §31.3(3)).
    Case(FRAUD, "councillor", None,
         "How the Market Street shop leases were let",
         "Two council-owned units on Market Street were let below the advertised rent to "
         "a company whose director is a relative of an officer in Property and Facilities.",
         8, money_involved=True),
    Case(FRAUD, Councillor(21), Officer(PROCUREMENT),
         "Highways contract split to stay under the tender threshold",
         "The Quay Street works appear to have been let as three contracts just under the "
         "tender threshold, all to the same contractor.",
         38, money_involved=True),
    Case(FRAUD, "hr", Officer(PROPERTY),
         "Overtime claimed for hours not worked",
         "Depot overtime claims for three months include weekends when the building "
         "access records show nobody on site.",
         63, money_involved=True, steps=(
             (REFER_TO_LAST, "The Chief Finance Officer's internal audit team is to "
                             "examine the claims."),)),
    Case(FRAUD, Councillor(22), None,
         "Community centre grant spent on something else",
         "Members of the community centre committee say the council's refurbishment "
         "grant paid for a minibus.",
         160, money_involved=True, steps=(
             (REFER, "The Chief Finance Officer's internal audit team is to examine the "
                     "grant."),
             (NOT_UPHELD, "Internal audit found receipts for all the refurbishment works; "
                          "the minibus was bought with a separate lottery grant."))),

    # A councillor's concern about the Clerk (002 'Procedure for councillors'): only where
    # the protocol routes it, a parish or town council's.
    Case(CLERK, "councillor", "chief_executive",
         "My motion was not put on the agenda",
         "I sent my motion on the village hall before the deadline, but it was not on the "
         "agenda and I have had no explanation.",
         10, informal=True),
]
