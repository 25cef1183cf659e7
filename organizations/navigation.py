"""Where each role lands after login, and which menu entries it sees."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organizations.access import Access
from organizations.roles import (
    AGENCY_WIDE_ROLES,
    ALL_ROLES,
    REPORT_READER_ROLES,
    TASK_READER_ROLES,
    UNIT_ROLES,
    Role,
)

if TYPE_CHECKING:  # django-stubs-ext is a development tool: the type checker alone reads it
    from django_stubs_ext import StrOrPromise


TOOLS = "tools"  # the Văn phòng's own entries, folded under "Công cụ" in the menu bar


@dataclass(frozen=True)
class NavItem:
    label: StrOrPromise
    url_name: str
    roles: frozenset[str]  # empty: everyone signed in
    group: str = ""  # "": in the bar itself; TOOLS: in the "Công cụ" drop-down

    def url(self) -> str:
        return reverse(self.url_name)


NAV_ITEMS = (
    NavItem(_("Tổng quan"), "dashboard", AGENCY_WIDE_ROLES),
    NavItem(_("Nhiệm vụ của đơn vị"), "tasks:mine", UNIT_ROLES),
    NavItem(_("Nhiệm vụ"), "tasks:mine", TASK_READER_ROLES - UNIT_ROLES),
    NavItem(_("Kỳ báo cáo"), "periods:list", TASK_READER_ROLES | {Role.UNIT_HEAD}),
    NavItem(
        _("Gia hạn"), "tasks:extensions", frozenset({Role.COORDINATOR, Role.ADMIN, Role.UNIT_HEAD})
    ),
    NavItem(_("Kế hoạch"), "plans:list", ALL_ROLES),
    NavItem(_("Kinh phí"), "budget:list", ALL_ROLES - UNIT_ROLES),
    NavItem(_("Chỉ số CCHC"), "par:list", TASK_READER_ROLES | UNIT_ROLES),
    NavItem(_("Báo cáo"), "reports:list", REPORT_READER_ROLES),
    NavItem(
        _("Nhập kế hoạch"), "importer:upload", frozenset({Role.COORDINATOR, Role.ADMIN}), TOOLS
    ),
    NavItem(_("Thùng rác"), "plans:trash", frozenset({Role.COORDINATOR, Role.ADMIN}), TOOLS),
    NavItem(_("Nhắc hạn"), "reminders:home", frozenset({Role.COORDINATOR, Role.ADMIN}), TOOLS),
)

# First matching role wins, so an admin who is also a coordinator lands on the admin.
LANDING_BY_ROLE = (
    (Role.ADMIN, "admin:index"),
    (Role.COORDINATOR, "dashboard"),
    (Role.LEADER, "dashboard"),
    (Role.PROVINCE_VIEWER, "plans:list"),
    (Role.ACCOUNTANT, "budget:list"),
    (Role.UNIT_HEAD, "tasks:mine"),
    (Role.STAFF, "tasks:mine"),
)


def landing_url_name(access: Access) -> str | None:
    if access.is_superuser:
        return "admin:index"
    for role, url_name in LANDING_BY_ROLE:
        if role in access.roles:
            return url_name
    return None


def nav_items_for(access: Access) -> list[NavItem]:
    return [
        item
        for item in NAV_ITEMS
        if access.is_superuser or not item.roles or access.roles & item.roles
    ]


@dataclass(frozen=True)
class Menu:
    """The menu bar: its own entries, then the drop-down of tools (may be empty)."""

    bar: list[NavItem]
    tools: list[NavItem]


def menu_for(items: list[NavItem]) -> Menu:
    return Menu(
        bar=[item for item in items if item.group != TOOLS],
        tools=[item for item in items if item.group == TOOLS],
    )
