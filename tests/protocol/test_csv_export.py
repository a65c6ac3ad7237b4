"""CSV cells a spreadsheet would run as formulas are written as text."""
import pytest

from protocol.machinery.csv_export import safe_cell


@pytest.mark.parametrize(("value", "written"), [
    ("=1+1", "'=1+1"), ("+44 20 7946 0000", "'+44 20 7946 0000"), ("-3", "'-3"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("Bins not collected", "Bins not collected"), ("a=b", "a=b"), ("", ""), (None, ""),
    (42, "42"),
])
def test_formula_cells_are_neutralised_and_others_left_alone(value, written):
    assert safe_cell(value) == written
