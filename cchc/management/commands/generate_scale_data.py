"""Fill the database with synthetic agencies, plans and tasks at a province's scale."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cchc.scale_data import ScaleDataError, ScaleSpec, generate


class Command(BaseCommand):
    help = (
        "Sinh dữ liệu quy mô lớn (cơ quan, đơn vị, kế hoạch, nhiệm vụ, tiến độ, minh chứng, "
        "gia hạn, chỉ tiêu, kinh phí) để đo hiệu năng; cùng --seed cho cùng dữ liệu."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--agencies", type=int, required=True, help="Số cơ quan sinh mới")
        parser.add_argument("--plans-per-agency", type=int, required=True)
        parser.add_argument("--tasks-per-plan", type=int, required=True)
        parser.add_argument("--agency", default="", help="Mã cơ quan có sẵn nhận thêm nhiệm vụ")
        parser.add_argument("--agency-tasks", type=int, default=0)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--year", type=int, default=2026)

    def handle(self, *args, **options) -> None:
        spec = ScaleSpec(
            agencies=options["agencies"],
            plans_per_agency=options["plans_per_agency"],
            tasks_per_plan=options["tasks_per_plan"],
            agency_code=options["agency"],
            agency_tasks=options["agency_tasks"],
            seed=options["seed"],
            year=options["year"],
        )
        errors = spec.errors()
        if errors:
            raise CommandError(" ".join(errors))
        started = time.perf_counter()
        try:
            counts = generate(spec=spec)
        except ScaleDataError as error:
            raise CommandError(str(error)) from error
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Đã sinh %(tasks)d nhiệm vụ (%(sections)d đề mục) trong %(plans)d kế hoạch "
                    "của %(agencies)d cơ quan, %(seconds).1f giây."
                )
                % {
                    "tasks": counts.tasks,
                    "sections": counts.sections,
                    "plans": counts.plans,
                    "agencies": counts.agencies,
                    "seconds": seconds,
                }
            )
        )
        self.stdout.write(
            _(
                "Phân công: %(assignments)d; tiến độ: %(progress)d; minh chứng: %(evidence)d; "
                "gia hạn: %(extensions)d; báo cáo kỳ: %(submissions)d; chỉ tiêu: "
                "%(indicators)d; dòng kinh phí: %(budget)d."
            )
            % {
                "assignments": counts.assignments,
                "progress": counts.progress_entries,
                "evidence": counts.evidence,
                "extensions": counts.extensions,
                "submissions": counts.submissions,
                "indicators": counts.indicators,
                "budget": counts.budget_lines,
            }
        )
