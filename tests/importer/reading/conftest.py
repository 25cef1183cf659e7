"""The shared sample plans, read through tests.sample_files (shared/ or fixtures/)."""

from __future__ import annotations

import pytest

from tests.sample_files import sample_path


@pytest.fixture
def sample_bytes():
    def load(name: str) -> bytes:
        return sample_path(name).read_bytes()

    return load
