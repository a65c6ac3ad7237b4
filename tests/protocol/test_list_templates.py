"""The list pages share one heading, one filter panel and one results table (with its
pagination): none writes its own table scaffolding."""
from __future__ import annotations

from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
LISTS = ["casework/my_enquiries.html", "casework/queue.html", "complaints/list.html",
         "registers/group_list.html", "registers/info_list.html",
         "registers/notice_list.html", "registers/relationship_list.html"]
FILTERED = ["casework/my_enquiries.html", "casework/queue.html", "complaints/list.html"]


def text(name: str) -> str:
    return (TEMPLATES / name).read_text()


@pytest.mark.parametrize("name", LISTS)
def test_a_list_page_uses_the_shared_heading_and_table(name):
    page = text(name)
    table = text("casework/_list_table.html") if "casework/_list_table.html" in page else page
    assert '{% include "includes/list_heading.html"' in page
    assert '{% include "includes/results_table.html"' in table
    assert "<table" not in page and "<thead" not in table
    assert '{% include "includes/pagination.html" %}' not in page


@pytest.mark.parametrize("name", FILTERED)
def test_a_filtered_list_uses_the_shared_panel(name):
    page = text(name)
    assert '{% include "includes/filter_panel.html"' in page
    assert '{% include "includes/filter_errors.html" %}' in page
    assert "<select" not in page and "<form" not in page
