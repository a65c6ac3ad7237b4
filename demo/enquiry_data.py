"""The demo council's enquiries as data: what each councillor asked, and what has happened
to it so far. Fictional throughout (constituents' emails at example.com, phone numbers in
Ofcom's drama range); no database here: `demo.enquiries` plays each case through the
services."""
from __future__ import annotations

from dataclasses import dataclass

from casework.rules import Visibility

# What happens to a case after it is logged, in order; each step is one service call.
ACCEPT = "accept"  # the officer takes it on
ASK = "ask"  # the officer asks the councillor something
INFORM = "inform"  # the councillor adds information
INFORM_CC = "inform_cc"  # ... copying a ward colleague (002: no silent copies)
REASSIGN = "reassign"  # the officer passes it to an officer of the service
HOLD = "hold"  # a holding reply with reasons and a revised date (003 §31.15)
RESPOND = "respond"  # the full response
RESPOND_BY_HEAD = "respond_by_head"  # ... sent by the service's Head of Service
RESPOND_CONFIDENTIAL = "respond_confidential"
CONFIRM = "confirm"  # the councillor confirms it is answered: closed
WITHDRAW = "withdraw"
REOPEN = "reopen"

COUNCILLOR = "councillor"  # the demo sign-in, Sarah Whitfield

WASTE, HIGHWAYS = "Waste and Recycling", "Highways and Transport"
PLANNING, PARKS = "Planning and Building Control", "Parks and Open Spaces"
ENV_HEALTH, PARKING = "Environmental Health", "Parking Services"
HOUSING, HOUSING_NEEDS = "Housing Management", "Housing Needs and Homelessness"
REVENUES = "Revenues and Benefits"

Step = tuple[str, str]  # (what happens, its text: message, reasons or response)


@dataclass(frozen=True)
class Case:
    subject: str  # "{ward}" stands for the raising councillor's ward
    details: str
    service: str | None  # None: the councillor was not sure (the Chief Executive triages)
    due_in: int  # working days from today to its deadline; negative: passed
    steps: tuple[Step, ...] = ()
    by: str | None = None  # a sign-in's username; None: the next other councillor
    constituent: tuple[str, str, str] | None = None  # name, contact, address
    confidential: bool = False
    shared: str = Visibility.PRIVATE
    to: str | None = None  # an officer the councillor already works with on it (§3.5)
    relationship: str = ""


WARD = Visibility.WARD
GROUP = Visibility.GROUP_WARD

CASES = [
    # The councillor sign-in's own list: one case in every state.
    Case("Recycling missed three weeks running on Larch Close",
         "Residents of Larch Close say the blue-lid recycling has not been collected on the "
         "last three Tuesdays. The crew seem to miss the turning by the garages.",
         WASTE, -3, by=COUNCILLOR, shared=WARD,
         constituent=("Margaret Doyle", "m.doyle@example.com", "6 Larch Close")),
    Case("Street light out outside 27 Kestrel Way",
         "The column outside 27 Kestrel Way has been dark for a fortnight. It lights the "
         "cut-through to the school and parents are worried about the dark evenings.",
         HIGHWAYS, 2, by=COUNCILLOR,
         constituent=("Tomasz Nowicki", "07700 900418", "27 Kestrel Way")),
    Case("Fly-tipped mattresses in the service road behind the {ward} shops",
         "Four mattresses and a sofa have been dumped in the service road behind the "
         "parade. Shopkeepers cannot get deliveries in. Is there any CCTV?",
         WASTE, 8, by=COUNCILLOR, to="officer",
         relationship="Jodie Marsh is already dealing with me on clearing this service road."),
    Case("Pothole on Quarry Lane at the junction with Mill Road",
         "A deep pothole at the junction has damaged two cars this month and cyclists are "
         "swerving round it into traffic.",
         HIGHWAYS, 4, by=COUNCILLOR, steps=(
             (ACCEPT, ""),
             (ASK, "Thank you. Is it on the northbound or southbound side? Our inspector "
                   "could not find it at the junction itself."),
             (INFORM_CC, "Northbound, about ten metres before the give-way line. I am "
                         "copying my ward colleague, who has had the same complaint."))),
    Case("Damp and mould in a flat at Orchard House",
         "My constituent's two-bedroom flat has black mould in both bedrooms and her "
         "youngest has asthma. She reported it in January and nobody has visited.",
         HOUSING, 2, by=COUNCILLOR,
         constituent=("Leanne Baxter", "leanne.baxter@example.com", "14 Orchard House"),
         steps=((ACCEPT, ""),
                (HOLD, "A surveyor visits on Thursday; the works depend on what the survey "
                       "finds, and the contractor needs to price them."))),
    Case("Overgrown hedge blocking the footway on Fern Road",
         "The hedge at the corner of Fern Road forces pushchairs and wheelchairs into the "
         "road. Whose hedge is it, and can it be cut back?",
         HIGHWAYS, 3, by=COUNCILLOR, steps=(
             (ACCEPT, ""),
             (RESPOND, "The hedge belongs to 2 Fern Road. We have written to the owner under "
                       "the Highways Act 1980, s154, giving 14 days to cut it back; after "
                       "that we will do it and recharge them."))),
    Case("Smashed glass in the bus shelter on Church Road",
         "The shelter by the post office has had a smashed side panel for a week; there is "
         "glass on the footway.",
         HIGHWAYS, 5, by=COUNCILLOR, steps=(
             (RESPOND, "The glass was swept up the same day and the panel was replaced "
                       "yesterday by our shelter contractor."),
             (CONFIRM, ""))),
    Case("Extractor fan noise from the takeaway on The Parade",
         "Residents above the parade say the extractor fan runs until 2am.",
         ENV_HEALTH, 6, by=COUNCILLOR, steps=(
             (WITHDRAW, "The owner has fitted a new fan with a timer and the residents are "
                        "content."),)),
    Case("Planning enforcement: extension being built at 3 Hollis Gardens",
         "Neighbours believe the two-storey rear extension at 3 Hollis Gardens has no "
         "planning permission. Building work goes on at weekends.",
         PLANNING, 1, by=COUNCILLOR, steps=(
             (ACCEPT, ""),
             (RESPOND, "An enforcement officer visited. The extension needs permission; the "
                       "owner has been told to stop work and apply within 28 days."),
             (REOPEN, "Work started again on Saturday and no application has been made. "
                      "What enforcement action will the council now take?"))),
    Case("Emergency rehousing for a constituent at risk",
         "A constituent is at risk of domestic abuse at her current address and needs "
         "urgent rehousing for herself and two children. Please treat this as confidential.",
         HOUSING_NEEDS, 5, by=COUNCILLOR, confidential=True,
         constituent=("Name withheld", "via the councillor", "Address withheld"),
         steps=((ACCEPT, ""),
                (RESPOND_CONFIDENTIAL, "The family have been placed in safe temporary "
                 "accommodation and given Band A priority. A named housing officer will be "
                 "their contact."))),
    # The other councillors, including the Leader and the opposition group leader.
    Case("Opening hours at {ward} Library",
         "Residents ask why the library now closes at 4pm on Thursdays, when the homework "
         "club used to run until 6pm.",
         "Libraries and Community Services", 6, by="leader", steps=((ACCEPT, ""),)),
    Case("Empty shop units on Market Street",
         "Seven units on Market Street are empty. What is the council doing to bring them "
         "back into use, and are any owned by the council?",
         "Regeneration and Economy", -2, by="leader", steps=(
             (ACCEPT, ""),
             (HOLD, "Two of the units are council-owned and their leases are being "
                    "negotiated; we cannot say more until the negotiations finish."))),
    Case("Council tax bill sent to the wrong address",
         "My constituent's bill has gone to her previous address for two years.",
         REVENUES, 2, by="group_leader",
         constituent=("Patricia Ngata", "p.ngata@example.com", "Flat 3, 18 Dene Road"),
         steps=((RESPOND, "The address is corrected and a new bill has been issued; no "
                          "recovery action was taken."), (CONFIRM, ""))),
    Case("Parking suspension signs left up after the works on Station Road",
         "The utility works finished a fortnight ago but the suspension signs are still up, "
         "and residents have been ticketed.",
         PARKING, -2, by="group_leader"),
    Case("Late-night noise from licensed premises on Quay Street",
         "Residents report music and crowds outside the bar until 3am at weekends.",
         "Licensing and Trading Standards", 4, by="standards_member", steps=(
             (ACCEPT, ""),
             (RESPOND, "Licensing officers visited last weekend. The premises have been "
                       "warned about their dispersal policy and a review is being "
                       "considered."))),
    Case("Year 7 school place for a family moving into the ward",
         "A family moving into the ward in September have been offered a school six miles "
         "away. What are their options?",
         "School Admissions", 0,
         constituent=("Daniel Mensah", "d.mensah@example.com", "41 Poplar Avenue")),
    Case("Delay to an education, health and care needs assessment",
         "My constituent's son was referred for an EHC needs assessment 22 weeks ago; the "
         "legal limit is 20 weeks.",
         "Special Educational Needs and Disabilities", 3,
         constituent=("Joanne Firth", "joanne.firth@example.com", "9 Sandpiper Court"),
         steps=((ACCEPT, ""),
                (HOLD, "The educational psychologist's advice is due next week and the "
                       "draft plan follows it. We have apologised to the family."))),
    Case("Blocked gully flooding Meadow Road",
         "Every time it rains the road floods outside 10 to 16 Meadow Road.",
         HIGHWAYS, -6, shared=WARD),
    Case("Dog fouling on the playing field at {ward} Rec",
         "Parents at the Saturday football club are clearing it up before each match.",
         PARKS, -1, steps=((ACCEPT, ""),)),
    Case("Tree roots lifting the pavement outside 5 Linden Avenue",
         "A resident with a walking frame has tripped twice on the raised slabs.",
         PARKS, 8),
    Case("Rats in the alley behind Victoria Terrace",
         "Residents have seen rats around the bins in the alley for a month.",
         ENV_HEALTH, -1, steps=(
             (ACCEPT, ""),
             (RESPOND, "Pest control baited the alley this week and found a broken sewer "
                       "pipe, which the water company will repair."))),
    Case("Assisted bin collection not happening for an elderly resident",
         "My constituent is 91 and cannot wheel her bins out. The assisted collection was "
         "agreed in March but the crew leave her bins behind.",
         WASTE, 4, to="officer", relationship="Jodie Marsh set up the assisted collection.",
         constituent=("Edith Crowther", "07700 900233", "2 Spring Cottages, Mill Lane"),
         steps=((RESPOND, "The address is now flagged on the crew's tablet and the "
                          "supervisor has briefed the crew."), (CONFIRM, ""))),
    Case("Residents' parking zone for Grange Road",
         "Residents ask for a consultation on a parking zone: commuters fill the road.",
         PARKING, 9, shared=GROUP),
    Case("Broken boiler at 8 Tennyson Court",
         "A council tenant has had no heating or hot water for five days.",
         HOUSING, 6,
         constituent=("Samir Haddad", "s.haddad@example.com", "8 Tennyson Court"),
         steps=((RESPOND_BY_HEAD, "An engineer replaced the boiler's pump on Tuesday and "
                                  "heating is back on."), (CONFIRM, ""))),
    Case("Review of a constituent's care package",
         "My constituent's care package was cut after a review he says did not include his "
         "daughter, who is his main carer.",
         "Adult Social Care", 3,
         constituent=("George Whitlock", "g.whitlock@example.com", "12 Heron Way"),
         steps=((ACCEPT, ""),
                (ASK, "Please ask Mr Whitlock to agree that we may discuss his care with "
                      "you."),
                (INFORM, "He agrees, and so does his daughter; she is the contact."))),
    Case("Abandoned car on Nightingale Drive",
         "A car with no plates has been parked across a dropped kerb for three weeks.",
         None, -4),
    Case("Graffiti on the railway footbridge",
         "Offensive graffiti on the footbridge over the railway, seen by children walking "
         "to school.",
         WASTE, 5, steps=((REASSIGN, "Graffiti removal is done by the street cleansing team "
                                     "in Waste and Recycling."), (ACCEPT, ""))),
    Case("Bins not returned after collection on Cherry Tree Walk",
         "The crew leave the bins in the middle of the footway, blocking it.",
         WASTE, -1, to="officer", relationship="Jodie Marsh supervises this round."),
    Case("Residents missing from the electoral register at Wharf Point",
         "Residents of the new flats at Wharf Point say they never received a registration "
         "form.",
         "Electoral Services", 2, steps=(
             (RESPOND, "The block was added to the property gazetteer late. Forms went out "
                       "this week and canvassers will call."),)),
    Case("Family in temporary accommodation outside the borough",
         "A family of five has been placed 20 miles away; the children's school is here.",
         HOUSING_NEEDS, -1,
         constituent=("Aisha Conteh", "a.conteh@example.com", "c/o 22 Alder Road"),
         steps=((ACCEPT, ""),
                (ASK, "Can you tell us the children's school and year groups?"),
                (INFORM, "St Mary's Primary, years 2 and 5, and the secondary in year 8."),
                (HOLD, "We are looking for a closer placement; availability changes weekly "
                       "and the panel meets on Wednesday."))),
    Case("Consultation letters not received for the Wharf Lane planning application",
         "Neighbours on Wharf Lane say they were not notified of the application.",
         PLANNING, 1, steps=(
             (RESPOND, "Letters went to 14 addresses; the site notice was also posted. We "
                       "have extended the comment period by 14 days."), (CONFIRM, ""))),
    Case("Speeding on Windmill Hill",
         "Residents want traffic calming; they say cars reach 50mph past the school.",
         HIGHWAYS, 7, steps=((WITHDRAW, "I will raise it through the Local Transport Plan "
                                        "consultation instead."),)),
    Case("Grass verges missed on the {ward} estate",
         "The verges on the estate have not been cut since April.",
         PARKS, 3, shared=WARD, steps=(
             (RESPOND, "The estate was missed from the new schedule; it is cut this week."),
             (CONFIRM, ""),
             (REOPEN, "Only half the estate was cut: Wren Close and Swift Road were not."))),
    Case("Early Help referral: no contact yet",
         "A family referred by the school six weeks ago have heard nothing.",
         "Early Help and Family Support", 5,
         constituent=("Karen Pollard", "k.pollard@example.com", "5 Ash Row"),
         steps=((ACCEPT, ""),)),
    Case("Council tax support claim delayed",
         "My constituent applied eight weeks ago after losing his job.",
         REVENUES, 6,
         constituent=("Craig Menzies", "07700 900871", "19 Brook Street")),
    Case("Broken play equipment at {ward} Park",
         "The swings have been taped off for a month; the summer holidays start soon.",
         PARKS, 2, shared=WARD, steps=(
             (ACCEPT, ""),
             (RESPOND, "New swing seats and chains are on order and will be fitted by the "
                       "end of next week."))),
    Case("Blue badge renewal delayed",
         "My constituent's badge expired while her renewal was being processed.",
         "Customer Services", 4,
         constituent=("Doreen Atkins", "d.atkins@example.com", "3 Rose Mews"),
         steps=((WITHDRAW, "She received the new badge this morning."),)),
    Case("Overcrowding in a house in multiple occupation on Station Road",
         "Neighbours think twelve people live in the house at 41 Station Road and worry "
         "about fire safety.",
         ENV_HEALTH, 5, steps=(
             (ACCEPT, ""),
             (ASK, "Do the neighbours know whether the house has a licence displayed?"))),
    Case("Who maintains the lane behind {ward} Parade?",
         "The unmade lane is full of potholes; residents do not know whose it is.",
         HIGHWAYS, 2, steps=(
             (RESPOND, "The lane is a private street not maintained at public expense; "
                       "the frontagers are responsible. We have sent them our plan of the "
                       "lane."), (CONFIRM, ""))),
    Case("Overflowing litter bins on the {ward} shopping parade",
         "The bins along the parade overflow every weekend and gulls spread the rubbish.",
         WASTE, 1, shared=WARD),
]
