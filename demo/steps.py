"""The order `manage.py seed_demo` seeds the demo in, written down: each step needs what
the steps before it made. The council comes first (demo.council: it takes the password
and its summary heads the report); then these, each returning a line for the summary."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from demo.complaint_cases import seed_demo_complaints
from demo.enquiries import seed_demo_enquiries
from demo.register_records import seed_demo_registers


@dataclass(frozen=True)
class Step:
    name: str
    seed: Callable[[], str]


AFTER_COUNCIL: tuple[Step, ...] = (
    # The councillors' enquiries to the council's services.
    Step("enquiries", seed_demo_enquiries),
    # After the enquiries: one demo complaint is raised from a councillor's enquiry.
    Step("complaints", seed_demo_complaints),
    # The registers' records, among the council's groups, committees and services.
    Step("registers", seed_demo_registers),
)
