"""Passwords are hashed with Argon2 (measured cost); older PBKDF2 hashes upgrade at login."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher, identify_hasher
from django.urls import reverse

from cchc import settings as project_settings
from cchc.hashers import MeasuredArgon2PasswordHasher
from tests.factories import UserFactory

PASSWORD = "Mật-khẩu-đủ-dài-2026"


@pytest.fixture
def project_hashers(settings):
    # The suite hashes with MD5 for speed (conftest.py); these tests need the real list.
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS


def test_argon2_with_the_measured_cost_comes_first():
    assert project_settings.PASSWORD_HASHERS[0] == "cchc.hashers.MeasuredArgon2PasswordHasher"
    hasher = MeasuredArgon2PasswordHasher()
    assert (hasher.time_cost, hasher.memory_cost, hasher.parallelism) == (3, 19456, 1)


def test_a_new_password_is_argon2id(project_hashers, db):
    user = UserFactory()
    user.set_password(PASSWORD)
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=3,p=1$")
    assert user.check_password(PASSWORD)


def test_a_pbkdf2_hash_is_rewritten_as_argon2_at_login(project_hashers, client, db):
    user = UserFactory(username="cu.pbkdf2")
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "salt1234salt", iterations=1000)
    user.save()
    response = client.post(reverse("login"), {"username": "cu.pbkdf2", "password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=3,p=1$")
