"""``{% matrix_cells %}`` draws the very HTML of the template loop it replaced."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from dashboard.selectors import Cell

# The loop of templates/dashboard/_matrix.html before the tag.
LOOP = Template(
    '{% load i18n %}{% translate "Chưa hoàn thành, quá hạn" as l_0 %}'
    '{% for cell in cells %}<td class="text-center">{% if cell.count %}'
    '<a href="{{ cell.url }}">{{ cell.count }}</a>{% if cell.overdue %} '
    '<a class="dash-overdue" href="{{ cell.overdue_url }}" title="{{ l_0 }}">'
    "{{ cell.overdue }}</a>{% endif %}{% else %}"
    '<span class="text-muted">·</span>{% endif %}</td>{% endfor %}'
)
TAG = Template("{% load matrix %}{% matrix_cells cells %}")


@pytest.mark.parametrize(
    "cells",
    [
        [],
        [Cell()],
        [Cell(3, 0, "/nhiem-vu/?area=1&unit=2")],
        [Cell(5, 2, "/nhiem-vu/?agency=7&area=1", "/nhiem-vu/?agency=7&bucket=overdue")],
        [Cell(1, 1, '/x/?q="<b>"&a=1', "/x/?q='&b=2"), Cell(), Cell(2, 0, "/y/")],
    ],
)
def test_same_html_as_the_template_loop(cells):
    context = Context({"cells": cells})
    assert TAG.render(context) == LOOP.render(context)


def test_links_are_escaped():
    html = TAG.render(Context({"cells": [Cell(1, 1, '/x/?a=1&b="2"', "/x/?c=<3>")]}))
    assert 'href="/x/?a=1&amp;b=&quot;2&quot;"' in html and "&lt;3&gt;" in html
