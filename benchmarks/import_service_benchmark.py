"""Time the whole import of a generated 1,000-row appendix into a fresh SQLite database.

    .venv/bin/python benchmarks/import_service_benchmark.py [--rows 1000]

Uses the appendix of ``import_benchmark.py`` (split tables, repeated headers, bold sections,
heading rows with units, continuation rows, merged notes). Prints, against python-docx opening
the file and walking every cell: (1) build_preview: safety checks, reading, unit matching,
deadline parsing; (2) apply_import: the plan, tasks, assignments and their history written in
one transaction; (3) an unchanged re-import (update by path, no writes); and, in a separate
pass (tracemalloc slows Python down), the peak memory of preview + import.
Targets: preview + import <= 3 s and <= 5x python-docx.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        # A throw-away database: the benchmark never touches var/.
        os.environ["VAR_DIR"] = tmp
        os.environ.setdefault("DEBUG", "true")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        os.environ["DJANGO_SETTINGS_MODULE"] = "cchc.settings"
        import django

        django.setup()
        from django.core.management import call_command

        from benchmarks.import_benchmark import best_of, build_appendix, walk_with_python_docx
        from cchc.demo import THAI_NGUYEN
        from cchc.demo_loading import load_demo_agency
        from importer.apply import apply_import
        from importer.preview import build_preview
        from tasks.models import Task, TaskAssignment

        def _counts(plan) -> str:
            tasks = Task.objects.filter(plan=plan)
            return (
                f"{tasks.filter(is_section=False).count()} tasks, "
                f"{tasks.filter(is_section=True).count()} sections, "
                f"{TaskAssignment.objects.filter(task__plan=plan).count()} assignments"
            )

        call_command("migrate", verbosity=0)
        agency = load_demo_agency(THAI_NGUYEN)
        data, generated = build_appendix(args.rows)

        baseline = best_of(3, walk_with_python_docx, data)
        preview_time = best_of(
            3, lambda: build_preview(agency=agency, data=data, filename="a.docx")
        )
        preview = build_preview(agency=agency, data=data, filename="appendix.docx")
        started = time.perf_counter()
        result = apply_import(preview=preview)
        import_time = time.perf_counter() - started
        counts = _counts(result.plan)

        # Memory in a second pass (tracemalloc slows Python down several times).
        result.plan.delete()
        tracemalloc.start()
        result = apply_import(
            preview=build_preview(agency=agency, data=data, filename="appendix.docx")
        )
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        started = time.perf_counter()
        again = apply_import(
            preview=build_preview(agency=agency, data=data, filename="appendix.docx")
        )
        reimport_time = time.perf_counter() - started

        print(
            f"file: {len(data) / 1024:.0f} KiB, {generated} task rows generated; imported "
            f"{counts}; units unmatched: {len(preview.units_unmatched)}"
        )
        total = preview_time + import_time
        print(f"(a) python-docx open + every cell's text:   {baseline:.3f} s (best of 3)")
        print(f"(b) build_preview (check, read, match):     {preview_time:.3f} s (best of 3)")
        print(f"(c) apply_import (one transaction, SQLite): {import_time:.3f} s")
        print(f"(b)+(c) full import:                        {total:.3f} s")
        print(f"ratio ((b)+(c))/(a): {total / baseline:.2f}x")
        print(f"peak memory of (b)+(c): {peak / (1024 * 1024):.1f} MiB (tracemalloc)")
        print(
            f"unchanged re-import (preview + update by path): {reimport_time:.3f} s, "
            f"changed anything: {again.changed_anything}"
        )
        ok = total <= 3.0 and total <= 5 * baseline
        print("targets (<= 3 s, <= 5x python-docx):", "met" if ok else "NOT met")
        return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
