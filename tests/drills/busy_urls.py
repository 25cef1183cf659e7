"""A URLconf whose one view writes while another connection holds SQLite's write lock."""

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path

BUSY = OperationalError("database is locked")


def locked_write(request: HttpRequest) -> HttpResponse:
    raise BUSY


def other_error(request: HttpRequest) -> HttpResponse:
    raise OperationalError("no such table: tasks_task")


urlpatterns = [
    path("ghi/", locked_write, name="locked-write"),
    path("loi-khac/", other_error, name="other-error"),
]
