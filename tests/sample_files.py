"""Where the real sample plans live for tests.

``shared/`` beside the checkout is the source of truth; ``fixtures/`` keeps copies so
the suite (and ``load_demo``) works on a clone without it. Never hard-code their contents.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _folders(kind: str) -> list[Path]:
    override = os.environ.get("CCHC_SHARED_DIR")
    candidates = [Path(override)] if override else []
    candidates += [ROOT.parent / "shared", ROOT / "fixtures"]
    return [folder / kind for folder in candidates if (folder / kind).is_dir()]


def sample_path(name: str) -> Path:
    """A .docx/.xlsx sample plan by file name."""
    for folder in _folders("samples"):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"sample plan {name} not found in shared/samples or fixtures/samples")


def seed_path(name: str) -> Path:
    """A text seed plan by file name."""
    for folder in _folders("seeds"):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"seed plan {name} not found in shared/seeds or fixtures/seeds")


def seed_paths() -> list[Path]:
    """Every text seed plan (never empty: a missing folder is an error, not a pass)."""
    for folder in _folders("seeds"):
        paths = sorted(folder.glob("*.txt"))
        if paths:
            return paths
    raise FileNotFoundError("no seed plans in shared/seeds or fixtures/seeds")
