"""The demo council lives in its own app, `demo`, that production never imports, and
`seed_demo` seeds it in an order written down (demo.steps), not in the order signal
receivers happened to be connected."""
from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from demo import steps
from demo.steps import Step

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = ("config", "protocol", "casework", "complaints", "registers")
IMPORTS_DEMO = re.compile(r"^\s*(from\s+demo\b|import\s+demo\b)", re.M)


def imports_demo(root: Path) -> list[str]:
    return [str(path.relative_to(root)) for path in sorted(root.rglob("*.py"))
            if IMPORTS_DEMO.search(path.read_text())]


def test_production_packages_never_import_demo():
    for package in PRODUCTION:
        assert imports_demo(ROOT / package) == [], package


def test_the_scan_finds_an_import_of_demo(tmp_path):
    (tmp_path / "a.py").write_text("import os\n")
    (tmp_path / "b.py").write_text("def f():\n    from demo.council import seed_demo_council\n")
    (tmp_path / "c.py").write_text("import demography\nfrom demos import x\n")
    assert imports_demo(tmp_path) == ["b.py"]


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
