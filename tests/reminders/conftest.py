"""The shared world with e-mail addresses, and a day on which its tasks are due soon."""

from __future__ import annotations

import datetime as dt

import pytest

# Every world task is due 30/06/2026: on this day they are all "Sắp đến hạn".
DAY = dt.date(2026, 6, 25)


@pytest.fixture
def mail_world(world, settings):
    settings.DUE_SOON_DAYS = 7
    settings.SITE_URL = "https://cchc.example.gov.vn/"
    for key, user in world.users.items():
        user.email = f"{key}@stp.example.vn"
        user.save()
    world.office.reminder_emails = "vanphong@stp.example.vn"
    world.office.save()
    world.other_unit.reminder_emails = "vp@stp-cb.example.vn"
    world.other_unit.save()
    return world
