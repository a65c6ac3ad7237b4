"""The demo council as data: its names, wards, groups, committees and directorates, and
the plan of who holds which post, drawn from a fixed seed. Fictional throughout; no
database here: `demo.council` saves the plan."""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from itertools import cycle

from protocol.council.models.people import PostKind as K

SEED = 2026
DEMO_PASSWORD = "council-demo-2026"
EMAIL_DOMAIN = "council.example"

WARDS = [
    "Abbey", "Ashfield", "Beacon Hill", "Bridge Street", "Castle", "Church End",
    "Eastbrook", "Fairfield", "Greenhill", "Harbour", "Kingsmead", "Market", "Millbrook",
    "Northgate", "Oakwood", "Riverside", "St Mary's", "Westfield",
]
SEATS_PER_WARD = 3

# (group name, short name, seats); None is an independent councillor. Seats sum to 54.
LABOUR, CONSERVATIVE, LIB_DEM = "Labour Group", "Conservative Group", "Liberal Democrat Group"
GROUPS = [(LABOUR, "Lab", 30), (CONSERVATIVE, "Con", 16), (LIB_DEM, "LD", 6)]
INDEPENDENT_SEATS = 2

# Cabinet portfolios, all from the majority group; the first is the Deputy Leader's.
PORTFOLIOS = [
    "Cabinet Member for Finance and Resources",
    "Cabinet Member for Housing",
    "Cabinet Member for Adult Social Care and Public Health",
    "Cabinet Member for Children and Young People",
    "Cabinet Member for Environment and Climate Action",
    "Cabinet Member for Planning and Economic Development",
]

# (name, is_standards, seats by group, chair's group, vice-chair's group). The opposition
# chairs scrutiny and audit, as many councils arrange.
IND = "Independent"
STANDARDS = "Standards Committee"
COMMITTEES = [
    ("Planning Committee", False, {LABOUR: 6, CONSERVATIVE: 3, LIB_DEM: 1}, LABOUR, LABOUR),
    ("Licensing Committee", False, {LABOUR: 8, CONSERVATIVE: 4, LIB_DEM: 2, IND: 1},
     LABOUR, CONSERVATIVE),
    ("Overview and Scrutiny Committee", False, {LABOUR: 5, CONSERVATIVE: 3, LIB_DEM: 1},
     CONSERVATIVE, LABOUR),
    ("Audit and Governance Committee", False, {LABOUR: 4, CONSERVATIVE: 2, LIB_DEM: 1},
     LIB_DEM, LABOUR),
    (STANDARDS, True, {LABOUR: 4, CONSERVATIVE: 2, LIB_DEM: 1}, LABOUR,
     CONSERVATIVE),
]

# Directorates: (name, short name, director's title, deputy's title, executive director's
# title or None, services). The officer sign-ins sit in Place / Waste and Recycling.
PLACE, RESOURCES, GOVERNANCE = "Place", "Resources", "Law and Governance"
WASTE = "Waste and Recycling"
HR_SERVICE = "Human Resources and Organisational Development"
DIRECTORATES = [
    (PLACE, "Place", "Director of Place", "Deputy Director of Place", None, [
        WASTE, "Planning and Building Control", "Highways and Transport",
        "Parks and Open Spaces", "Environmental Health", "Licensing and Trading Standards",
        "Parking Services", "Regeneration and Economy",
    ]),
    ("People (Adults)", "Adults", "Director of Adult Social Care",
     "Deputy Director of Adult Social Care",
     "Executive Director of Adult Social Care and Health", [
         "Adult Social Care", "Public Health", "Housing Needs and Homelessness",
         "Housing Management", "Libraries and Community Services",
     ]),
    ("Children's Services", "Children", "Director of Education and Early Help",
     "Deputy Director of Children's Services", "Executive Director of Children's Services", [
         "Children's Social Care", "Education and Inclusion", "Early Help and Family Support",
         "Special Educational Needs and Disabilities", "School Admissions",
     ]),
    (RESOURCES, "Resources", "Director of Finance and Resources", "Deputy Director of Finance",
     None, [
         "Finance", "Revenues and Benefits", HR_SERVICE, "Digital and IT",
         "Customer Services", "Property and Facilities", "Procurement",
     ]),
    (GOVERNANCE, "Governance", "Director of Law and Governance",
     "Deputy Director of Law and Governance (Deputy Monitoring Officer)", None, [
         "Legal Services", "Democratic Services", "Electoral Services",
         "Information Governance", "Complaints and Members' Enquiries",
     ]),
]
OFFICER_TITLES = ["Officer", "Senior Officer", "Team Leader", "Case Officer",
                  "Support Officer"]
OFFICERS_PER_SERVICE = (3, 5)

# The sign-ins, one per role: username -> (first name, last name).
SIGN_IN_NAMES = {
    "councillor": ("Sarah", "Whitfield"),
    "leader": ("Amina", "Rahman"),
    "group_leader": ("Richard", "Hargreaves"),
    "standards_member": ("Gareth", "Llewellyn"),
    "officer": ("Jodie", "Marsh"),
    "head_of_service": ("Daniel", "Okafor"),
    "director": ("Helen", "Carter"),
    "chief_executive": ("Margaret", "Ellison"),
    "monitoring_officer": ("Priya", "Shah"),
    "cfo": ("Andrew", "McLeod"),
    "hr": ("Claire", "Donovan"),
    "admin": ("Alex", "Morgan"),
}

FIRST_NAMES = [
    "Aaron", "Abigail", "Adam", "Aisha", "Alan", "Alice", "Amelia", "Amir", "Angela", "Anna",
    "Anthony", "Arjun", "Barbara", "Ben", "Bethan", "Callum", "Caroline", "Catherine",
    "Charlotte", "Chloe", "Christopher", "Ciaran", "Colin", "David", "Deborah", "Declan",
    "Eleanor", "Elizabeth", "Emily", "Emma", "Fatima", "Fiona", "Frances", "George",
    "Georgia", "Grace", "Hannah", "Harriet", "Harry", "Hassan", "Ian", "Imran", "Isla",
    "Jack", "James", "Jane", "Jasmine", "Jennifer", "John", "Jonathan", "Joseph", "Julie",
    "Karen", "Kate", "Kieran", "Kwame", "Laura", "Lauren", "Leah", "Lewis", "Linda",
    "Lucy", "Mark", "Martin", "Mary", "Matthew", "Megan", "Michael", "Mohammed", "Natalie",
    "Neil", "Nicola", "Niamh", "Oliver", "Olivia", "Patrick", "Paul", "Peter", "Rachel",
    "Rebecca", "Rhys", "Robert", "Rosie", "Ruth", "Ryan", "Samuel", "Sanjay", "Simon",
    "Sophie", "Stephen", "Susan", "Thomas", "Victoria", "William", "Yasmin", "Zara",
]
LAST_NAMES = [
    "Adams", "Ahmed", "Ali", "Allen", "Bailey", "Baker", "Barnes", "Begum", "Bell",
    "Bennett", "Brown", "Butler", "Campbell", "Chapman", "Clarke", "Collins", "Cook",
    "Cooper", "Davies", "Dixon", "Edwards", "Evans", "Fisher", "Fletcher", "Foster", "Fraser",
    "Gallagher", "Gill", "Graham", "Gray", "Green", "Hall", "Harris", "Hughes", "Hussain",
    "Jackson", "James", "Johnson", "Jones", "Kaur", "Kelly", "Khan", "King", "Lewis",
    "Lloyd", "Marshall", "Mason", "Mitchell", "Moore", "Morris", "Murphy", "Murray",
    "Nelson", "Nowak", "O'Brien", "O'Connor", "Owen", "Palmer", "Parker", "Patel", "Pearson",
    "Phillips", "Price", "Reid", "Richards", "Roberts", "Robinson", "Rogers", "Ross",
    "Russell", "Scott", "Shaw", "Singh", "Smith", "Stewart", "Taylor", "Thomas", "Thompson",
    "Turner", "Walker", "Ward", "Watson", "White", "Williams", "Wilson", "Wood", "Wright",
    "Young",
]


@dataclass(frozen=True)
class PostPlan:
    kind: str
    title: str = ""
    ward: str | None = None
    group: str | None = None
    committee: str | None = None
    directorate: str | None = None
    service: tuple[str, str] | None = None  # (directorate, service)


@dataclass
class PersonPlan:
    username: str
    first_name: str
    last_name: str
    posts: list[PostPlan] = field(default_factory=list)
    is_admin: bool = False


class _Planner:
    """Who holds which post, decided once from the fixed seed (no database)."""

    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.people: list[PersonPlan] = []
        self.roles: dict[str, str] = {}
        self._names = set(SIGN_IN_NAMES.values())
        self._usernames = set(SIGN_IN_NAMES)

    def person(self, *posts: PostPlan, username: str | None = None) -> PersonPlan:
        if username:
            first, last = SIGN_IN_NAMES[username]
        else:
            first, last = self._fresh_name()
            username = self._username(first, last)
        plan = PersonPlan(username, first, last, list(posts))
        self.people.append(plan)
        return plan

    def _fresh_name(self) -> tuple[str, str]:
        while True:
            name = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
            if name not in self._names:
                self._names.add(name)
                return name

    def _username(self, first: str, last: str) -> str:
        base = re.sub(r"[^a-z.]", "", f"{first}.{last}".lower())
        username, n = base, 1
        while username in self._usernames:
            n += 1
            username = f"{base}{n}"
        self._usernames.add(username)
        return username

    def councillors(self) -> dict[str, list[PersonPlan]]:
        """Three seats a ward, the groups' seats shuffled across them."""
        seats = [g for g, _, n in GROUPS for _ in range(n)]
        seats += [IND] * INDEPENDENT_SEATS
        self.rng.shuffle(seats)
        named = {(LABOUR, 0): "leader", (CONSERVATIVE, 0): "group_leader",
                 (CONSERVATIVE, 1): "councillor", (LABOUR, 8): "standards_member"}
        by_group: dict[str, list[PersonPlan]] = {}
        for i, group in enumerate(seats):
            members = by_group.setdefault(group, [])
            ward = WARDS[i // SEATS_PER_WARD]
            seat = PostPlan(K.COUNCILLOR, ward=ward, group=None if group == IND else group)
            username = named.get((group, len(members)))
            members.append(self.person(seat, username=username))
        ward = ward_of(self._get("councillor"))
        self.roles["councillor"] = f"Ward councillor for {ward} ({CONSERVATIVE})"
        return by_group

    def executive(self, by_group: dict[str, list[PersonPlan]]) -> None:
        """Leader, Deputy Leader, cabinet and Mayor (Labour seats 0-7), the group leaders."""
        labour = by_group[LABOUR]
        labour[0].posts.append(PostPlan(K.LEADER, "Leader of the Council"))
        labour[1].posts.append(PostPlan(K.DEPUTY_LEADER, "Deputy Leader of the Council"))
        for person, portfolio in zip(labour[1:7], PORTFOLIOS, strict=True):
            person.posts.append(PostPlan(K.CABINET_MEMBER, portfolio))
        labour[7].posts.append(PostPlan(K.CIVIC_HEAD, "Mayor"))
        for group, _, _ in GROUPS:
            title = f"Leader of the {group}"
            by_group[group][0].posts.append(PostPlan(K.GROUP_LEADER, title, group=group))
        self.roles["leader"] = f"Leader of the Council ({LABOUR})"
        self.roles["group_leader"] = f"Leader of the {CONSERVATIVE} (opposition)"

    def committees(self, by_group: dict[str, list[PersonPlan]]) -> None:
        """Politically balanced committees drawn in turn from each group's backbenches."""
        pools = {group: cycle(_backbench(group, members)) for group, members in by_group.items()}
        standards_member = self._get("standards_member")
        for name, _, seats, chair_group, vice_group in COMMITTEES:
            chosen = {g: [next(pools[g]) for _ in range(n)] for g, n in seats.items()}
            if name == STANDARDS:
                chosen[LABOUR][-1] = standards_member
            chair = chosen[chair_group][0]
            vice = chosen[vice_group][1 if vice_group == chair_group else 0]
            for person in (p for members in chosen.values() for p in members):
                kind = (K.COMMITTEE_CHAIR if person is chair
                        else K.COMMITTEE_VICE_CHAIR if person is vice else K.COMMITTEE_MEMBER)
                person.posts.append(PostPlan(kind, committee=name))
        self.roles["standards_member"] = f"Member of the {STANDARDS} ({LABOUR})"

    def _get(self, username: str) -> PersonPlan:
        return next(p for p in self.people if p.username == username)

    def officers(self) -> None:
        """The Chief Executive, then each directorate's directors and services."""
        # Principal councils name the Chief Executive Proper Officer for several purposes.
        self.person(PostPlan(K.CHIEF_EXECUTIVE, "Chief Executive and Head of Paid Service"),
                    PostPlan(K.PROPER_OFFICER, "Proper Officer (access to information)"),
                    username="chief_executive")
        self.roles["chief_executive"] = "Chief Executive and Head of Paid Service"
        statutory = {
            PLACE: ("director", []),
            RESOURCES: ("cfo", [PostPlan(K.CHIEF_FINANCE_OFFICER, "Chief Finance Officer")]),
            GOVERNANCE: ("monitoring_officer", [PostPlan(K.MONITORING_OFFICER,
                                                         "Monitoring Officer")]),
        }
        for name, _, director, deputy, executive, services in DIRECTORATES:
            username, extra = statutory.get(name, (None, []))
            self.person(PostPlan(K.DIRECTOR, director, directorate=name), *extra,
                        username=username)
            if username:
                self.roles[username] = " and ".join([director, *(p.title for p in extra)])
            self.person(PostPlan(K.DEPUTY_DIRECTOR, deputy, directorate=name))
            if executive:
                self.person(PostPlan(K.EXECUTIVE_DIRECTOR, executive, directorate=name))
            for service in services:
                self.service(name, service)

    def service(self, directorate: str, name: str) -> None:
        """A Head of Service and 3-5 officers; HR's first two are the HR officers."""
        where = (directorate, name)
        named = {(WASTE, -1): "head_of_service", (WASTE, 0): "officer",
                 (HR_SERVICE, 0): "hr"}
        self.person(PostPlan(K.HEAD_OF_SERVICE, f"Head of {name}", service=where),
                    username=named.get((name, -1)))
        for i in range(self.rng.randint(*OFFICERS_PER_SERVICE)):
            posts = [PostPlan(K.OFFICER, OFFICER_TITLES[i], service=where)]
            if name == HR_SERVICE and i < 2:  # HR sits on the Leader's panel (001 §11.2)
                posts.append(PostPlan(K.HR, "HR Business Partner"))
            self.person(*posts, username=named.get((name, i)))
        if name == WASTE:
            self.roles["head_of_service"] = f"Head of {name} ({directorate})"
            self.roles["officer"] = f"Officer, {name} ({directorate})"
        if name == HR_SERVICE:
            self.roles["hr"] = "HR Business Partner (Human Resources)"


def ward_of(person: PersonPlan) -> str:
    return next(p.ward for p in person.posts if p.kind == K.COUNCILLOR and p.ward)


def _backbench(group: str, members: list[PersonPlan]) -> list[PersonPlan]:
    """Committee material: not the executive or Mayor, a group leader or a named sign-in."""
    frontbench = {LABOUR: 8, IND: 0}.get(group, 1)
    return [p for p in members[frontbench:] if p.username not in SIGN_IN_NAMES]


def build_plan() -> tuple[list[PersonPlan], dict[str, str]]:
    """Everyone in the demo council and their posts, plus each sign-in's role."""
    planner = _Planner()
    by_group = planner.councillors()
    planner.executive(by_group)
    planner.committees(by_group)
    planner.officers()
    planner.person(username="admin").is_admin = True
    planner.roles["admin"] = "Administrator (Django admin), no post"
    return planner.people, planner.roles
