"""``{% row_badges badges %}``: the one drawing of a task row's badges (rule: tasks/badges.py).

A tag rather than an include: the task list draws it for every row, and an include per row
cost more than the row. ``plain=True`` joins the labels with " · " for e-mails.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import format_html_join

from tasks.badges import RowBadge

register = template.Library()


@register.simple_tag
def row_badges(badges: Iterable[RowBadge], plain: bool = False) -> str:
    if plain:
        return " · ".join(str(badge.label) for badge in badges)
    return format_html_join(
        " ", '<span class="badge {}">{}</span>', ((b.css, b.label) for b in badges)
    )
