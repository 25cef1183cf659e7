"""Time the import of a 1,000-row appendix published as PDF into a fresh SQLite database.

    .venv/bin/python benchmarks/pdf_import_benchmark.py [--rows 1000] [--repeat 3]

The appendix is ``import_benchmark.build_appendix`` (split tables, repeated headers, bold
sections, heading rows with units, continuation rows, merged cells) laid out as agencies
print it (A4 landscape, the five columns at their usual widths) and saved as PDF by
LibreOffice once (cached under var/bench/; the conversion is not timed). Prints the reader
alone, build_preview (checks incl. the Flate budget scan, reading, unit matching, deadlines),
apply_import, and how many rows differ from reading the .docx it was made from.
Target (issue #13): preview + import of the PDF <= 5 s.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.harness import BENCH_DIR, configure  # noqa: E402

TARGET_SECONDS = 5.0
# Twentieths of a point per column: STT, content, lead, coordinating, deadline (27 cm wide).
COLUMN_TWIPS = (680, 6240, 3120, 3120, 2150)


def landscape_appendix(rows: int) -> tuple[bytes, int]:
    """The benchmark appendix as .docx on A4 landscape with realistic column widths."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Cm

    from benchmarks.import_benchmark import build_appendix

    data, generated = build_appendix(rows)
    document = Document(io.BytesIO(data))
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    for table in document.tables:
        table.autofit = False
        for index, column in enumerate(table._tbl.tblGrid.findall(qn("w:gridCol"))):
            if index < len(COLUMN_TWIPS):
                column.set(qn("w:w"), str(COLUMN_TWIPS[index]))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), generated


def as_pdf(docx: bytes) -> bytes:
    cached = BENCH_DIR / f"appendix-{hashlib.sha256(docx).hexdigest()[:16]}.pdf"
    if cached.is_file():
        return cached.read_bytes()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "appendix.docx"
        source.write_bytes(docx)
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={(Path(work) / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                work,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
        (Path(work) / "appendix.pdf").replace(cached)
    return cached.read_bytes()


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        configure(database_url=f"sqlite:///{tmp}/bench.sqlite3", var_dir=Path(tmp))
        from django.core.management import call_command

        from cchc.demo import THAI_NGUYEN
        from cchc.demo_loading import load_demo_agency
        from importer.apply import apply_import
        from importer.parsing.docx_reader import read_docx
        from importer.parsing.pdf_reader import read_pdf
        from importer.preview import build_preview

        call_command("migrate", verbosity=0)
        agency = load_demo_agency(THAI_NGUYEN)
        docx, generated = landscape_appendix(args.rows)
        pdf = as_pdf(docx)
        pages = len(__import__("pypdfium2").PdfDocument(pdf))

        read_time = best_of(args.repeat, lambda: read_pdf(pdf))
        preview_time = best_of(
            args.repeat, lambda: build_preview(agency=agency, data=pdf, filename="a.pdf")
        )
        preview = build_preview(agency=agency, data=pdf, filename="phu-luc.pdf")
        started = time.perf_counter()
        result = apply_import(preview=preview)
        import_time = time.perf_counter() - started

        def key(row):
            return (row.path, row.code, row.content, row.lead_text, row.coordinating_text)

        from_docx = [key(row) for row in read_docx(docx).rows]
        from_pdf = [key(row) for row in read_pdf(pdf).rows]
        differing = len(set(from_docx) ^ set(from_pdf)) // 2
        total = preview_time + import_time
        print(
            f"\nPDF import of a {generated}-row appendix: {pages} pages, "
            f"{len(pdf) / 1024:.0f} KiB; "
            f"{len(preview.tasks)} tasks, {len(preview.sections)} sections read; "
            f"rows differing from the .docx: {differing} (of {len(from_docx)})\n"
        )
        print("| step | seconds |")
        print("|---|---:|")
        print(f"| read_pdf alone (best of {args.repeat}) | {read_time:.2f} |")
        print(f"| (a) build_preview: checks, read, units, deadlines | {preview_time:.2f} |")
        rows = result.plan.tasks.count()
        print(f"| (b) apply_import: {rows} rows, one transaction | {import_time:.2f} |")
        print(f"| (a)+(b) | {total:.2f} |")
        ok = total <= TARGET_SECONDS
        print(f"\ntarget (a)+(b) <= {TARGET_SECONDS:.0f} s:", "met" if ok else "NOT met")
        return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
