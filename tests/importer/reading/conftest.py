"""Locate the shared sample plans (shared/ sits beside the repository checkout)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[3]
_CANDIDATES = [
    Path(os.environ["CCHC_SHARED_DIR"]) if os.environ.get("CCHC_SHARED_DIR") else None,
    _ROOT.parent / "shared",
    _ROOT / "shared",
    Path("/work/shared"),
]


def shared_dir() -> Path | None:
    for candidate in _CANDIDATES:
        if candidate is not None and (candidate / "samples").is_dir():
            return candidate
    return None


@pytest.fixture
def sample_bytes():
    def load(name: str) -> bytes:
        base = shared_dir()
        if base is None:
            pytest.skip("shared/samples not found (set CCHC_SHARED_DIR)")
        return (base / "samples" / name).read_bytes()

    return load
