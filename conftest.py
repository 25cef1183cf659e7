"""Project-wide pytest settings that every test directory shares."""

from pathlib import Path

import pytest

from cchc.catalogs import compile_catalogs


def pytest_configure(config):
    # Tests see the translations production serves, even in a targeted run before any
    # `make test`; the .mo files are build output, not committed.
    compile_catalogs(locale_dirs=[Path(__file__).resolve().parent / "locale"])


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2 costs ~0.3 s per user on a 2-core machine; tests create dozens of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
