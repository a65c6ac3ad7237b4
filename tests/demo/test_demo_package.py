"""The demo council lives in its own app, `demo`, that production never imports
(import-linter's contract in pyproject.toml, run by `make lint`) nor installs, and
`seed_demo` seeds it in an order written down (demo.steps), not in the order signal
receivers happened to be connected."""
from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from demo import steps
from demo.steps import Step

ROOT = Path(__file__).resolve().parents[2]
def test_production_settings_do_not_install_demo():
    base = (ROOT / "config" / "settings" / "base.py").read_text()
    production = (ROOT / "config" / "settings" / "production.py").read_text()
    assert '"demo"' not in base and '"demo"' not in production
    assert '"demo"' in (ROOT / "config" / "settings" / "local.py").read_text()  # make run


def test_the_seed_order_is_written_down():
    assert [step.name for step in steps.AFTER_COUNCIL] == ["enquiries", "complaints",
                                                           "registers"]


@pytest.mark.django_db
def test_seed_demo_walks_the_steps_in_their_order(monkeypatch):
    ran: list[str] = []

    def step(name: str) -> Step:
        def seed() -> str:
            ran.append(name)
            return f"{name} line"
        return Step(name, seed)

    monkeypatch.setattr(steps, "AFTER_COUNCIL", (step("second"), step("first"), step("third")))
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert ran == ["second", "first", "third"]
    lines = out.getvalue().splitlines()
    assert [lines.index(f"  {n} line") for n in ran] == sorted(
        lines.index(f"  {n} line") for n in ran)
