"""Playwright against live_server, driving Debian's Chromium (never a downloaded browser)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
CHROMIUM = Path("/usr/bin/chromium")
SCREENS = Path("/tmp/screens")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    """Browser tests run last (see ``pytest_runtest_setup``); skipped without Chromium."""
    browser_items = [item for item in items if "browser" in item.keywords]
    items[:] = [item for item in items if "browser" not in item.keywords] + browser_items
    if not CHROMIUM.exists():
        skip = pytest.mark.skip(reason=f"cần Chromium tại {CHROMIUM} (.ci/run cài gói chromium)")
        for item in browser_items:
            item.add_marker(skip)


# Playwright's sync API keeps an event loop running in the test thread from its first use to
# the end of the session, and Django then refuses ORM calls (database set-up and flush
# included) unless DJANGO_ALLOW_ASYNC_UNSAFE is set. It is set only around browser tests, which
# run last: set process-wide it would leak into subprocesses (``check --deploy`` rejects it).
@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    os.environ[ASYNC_UNSAFE] = "true"
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    if nextitem is not None:
        os.environ.pop(ASYNC_UNSAFE, None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def screens() -> Path:
    SCREENS.mkdir(parents=True, exist_ok=True)
    return SCREENS
