"""The Văn phòng dashboard (Tổng quan) and its .xlsx export; the reads are in board.py."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from audit.models import AuditAction
from audit.services import record_event
from common.downloads import private_download
from dashboard.board import build_board, dashboard_url
from dashboard.export import XLSX_CONTENT_TYPE, workbook_bytes
from dashboard.selectors import ROLLUP_SORTS


@login_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    board = build_board(request)
    sorts = {key: dashboard_url(request, sort=key) for key in ROLLUP_SORTS}
    return render(
        request,
        "dashboard/dashboard.html",
        {
            "board": board,
            "filter": board.filter,
            "chart_data": board.chart_data(),
            "sort_urls": sorts,
            "export_url": _with_query(reverse("dashboard_export"), request),
        },
    )


@login_required
@require_safe
@private_download
def dashboard_export(request: HttpRequest) -> HttpResponse:
    """The dashboard's tables as one .xlsx, with the same filters and numbers as the page."""
    board = build_board(request)
    response = HttpResponse(workbook_bytes(board), content_type=XLSX_CONTENT_TYPE)
    filename = f"tong-quan-{board.as_of:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    record_event(
        action=AuditAction.DASHBOARD_EXPORT,
        request=request,
        object_type="dashboard",
        object_label=filename,
        detail={"query": request.GET.urlencode()},
    )
    return response


def _with_query(url: str, request: HttpRequest) -> str:
    query = request.GET.urlencode()
    return f"{url}?{query}" if query else url
