"""assign_parents: STT codes to parent/path keys (table-driven)."""

from __future__ import annotations

import pytest

from importer.parsing.document import RawRow
from importer.parsing.structure import assign_parents, parse_code


def _rows(spec):
    rows = []
    for item in spec:
        code, section = (item, False) if isinstance(item, str) else item
        rows.append(
            RawRow(code=code, content=f"row {code}", is_section=section, is_heading=section)
        )
    return rows


@pytest.mark.parametrize(
    ("code", "kind", "key"),
    [
        ("I", "roman", "I"),
        ("II.", "roman", "II"),
        ("IV)", "roman", "IV"),
        ("1", "number", "1"),
        ("1.", "number", "1"),
        ("1.1", "number", "1.1"),
        ("2.1.1.", "number", "2.1.1"),
        ("01.02", "number", "1.2"),
        ("a)", "letter", "a"),
        ("đ)", "letter", "đ"),
        ("-", "bullet", "-"),
        ("+", "bullet", "+"),
        ("", "none", ""),
        ("Ghi chú", "other", "Ghichú"),
    ],
)
def test_parse_code(code, kind, key):
    info = parse_code(code)
    assert (info.kind, info.key) == (kind, key)


CASES = [
    pytest.param(
        ["1", "1.1", "1.2", "2", "2.1", "2.1.1", "2.1.2", "2.2"],
        [
            ("1", None),
            ("1.1", "1"),
            ("1.2", "1"),
            ("2", None),
            ("2.1", "2"),
            ("2.1.1", "2.1"),
            ("2.1.2", "2.1"),
            ("2.2", "2"),
        ],
        id="arabic-nesting",
    ),
    pytest.param(
        [("I", True), "1", "2", "2.1", ("II.", True), "1", "1.1"],
        [
            ("I", None),
            ("I/1", "I"),
            ("I/2", "I"),
            ("I/2.1", "I/2"),
            ("II", None),
            ("II/1", "II"),
            ("II/1.1", "II/1"),
        ],
        id="numbering-restarts-under-roman",
    ),
    pytest.param(
        ["1", "a)", "b)", "-", "-", "2", "-"],
        [
            ("1", None),
            ("1/a", "1"),
            ("1/b", "1"),
            ("1/b/-1", "1/b"),
            ("1/b/-2", "1/b"),
            ("2", None),
            ("2/-1", "2"),
        ],
        id="letters-and-bullets",
    ),
    pytest.param(
        ["1", "1.1", "", "2"],
        [("1", None), ("1.1", "1"), ("1/#1", "1"), ("2", None)],
        id="empty-code-is-sibling",
    ),
    pytest.param(
        [("I", True), "", ""],
        [("I", None), ("I/#1", "I"), ("I/#2", "I")],
        id="empty-code-under-section",
    ),
    pytest.param(
        [("I", True), ("", True), "1", ("", True), "1"],
        [("I", None), ("I/#1", "I"), ("I/#1/1", "I/#1"), ("I/#2", "I"), ("I/#2/1", "I/#2")],
        id="unnumbered-sections-scope-numbering",
    ),
    pytest.param(
        ["2.1.1", "3.2"],
        [("2.1.1", None), ("3.2", None)],
        id="missing-parents",
    ),
    pytest.param(
        ["1", "1.1", "1.1", "1"],
        [("1", None), ("1.1", "1"), ("1.1~2", "1"), ("1~2", None)],
        id="duplicates-made-unique",
    ),
    pytest.param(
        ["1", "1.2", "1.2.1.3"],
        [("1", None), ("1.2", "1"), ("1.2.1.3", "1.2")],
        id="falls-back-to-shorter-prefix",
    ),
]


@pytest.mark.parametrize(("codes", "expected"), CASES)
def test_assign_parents(codes, expected):
    rows = _rows(codes)
    assign_parents(rows)
    assert [(row.path, row.parent_path) for row in rows] == expected


def test_parent_code_is_normalised_code_of_parent():
    rows = _rows([("II.", True), "1.", "1.1"])
    assign_parents(rows)
    assert [row.parent_code for row in rows] == [None, "II", "1"]
