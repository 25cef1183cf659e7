"""``{% matrix_cells row.cells %}``: the cells of one row of the dashboard's matrix.

A tag rather than a template loop: a province's agency × lĩnh vực matrix has ~500 cells,
and the loop's variable lookups were a twentieth of the roll-up's time.
``tests/dashboard/test_matrix_cells.py`` compares it with the template loop it replaced.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from dashboard.selectors import Cell

register = template.Library()

EMPTY = '<td class="text-center"><span class="text-muted">·</span></td>'


@register.simple_tag
def matrix_cells(cells: Iterable[Cell]) -> SafeString:
    title = conditional_escape(gettext("Chưa hoàn thành, quá hạn"))
    return mark_safe("".join(_cell(cell, title) for cell in cells))


def _cell(cell: Cell, title: str) -> str:
    if not cell.count:
        return EMPTY
    overdue = ""
    if cell.overdue:
        overdue = (
            f' <a class="dash-overdue" href="{conditional_escape(cell.overdue_url)}"'
            f' title="{title}">{cell.overdue}</a>'
        )
    return (
        f'<td class="text-center"><a href="{conditional_escape(cell.url)}">{cell.count}</a>'
        f"{overdue}</td>"
    )
