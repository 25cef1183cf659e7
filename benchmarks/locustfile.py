"""The load test scenario (``make loadtest``): unit staff reporting, coordinators reading, logins.

Run through ``benchmarks/loadtest.py``, which prepares the database and gunicorn; by hand:
``locust -f benchmarks/locustfile.py --headless --host http://127.0.0.1:8765 -u 50 -t 2m``.
Any host other than this machine is refused (``loadtest_guard``). ``LOADTEST_MAX_REQUESTS``
stops the run after that many requests, whatever the time left.

Request names are the kinds the summary reports (p50/p95/p99 per kind).
"""

from __future__ import annotations

import itertools
import os
import random
import re
import sys
from pathlib import Path

import gevent
from locust import HttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loadtest_guard import ensure_loopback

PASSWORD = os.environ.get("DEMO_PASSWORD", "cchc-demo-2026")
STAFF = ("canbo.xdkt", "canbo.vp", "canbo.bttp", "truongphong.xdkt")
COORDINATORS = ("vanphong", "lanhdao")
MAX_REQUESTS = int(os.environ.get("LOADTEST_MAX_REQUESTS", "0"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TASK_LINK = re.compile(r'href="/nhiem-vu/(\d+)/"')
PLAN_LINK = re.compile(r'href="/ke-hoach/(\d+)/"')
PERIOD_LINK = re.compile(r'href="/ky-bao-cao/(\d+)/"')
REPORT_LINK = re.compile(r'href="(/bao-cao/\d+/tai-ve/word/)"')
SELECTED_PERIOD = re.compile(r'<select name="period"[^>]*>\s*<option value="(\d+)"', re.S)
SEARCH_WORDS = ("tuyên truyền", "thủ tục", "kiểm tra", "báo cáo", "chuyển đổi số", "văn bản")
FILTERS = (
    {"timeliness": "overdue"},
    {"status": "in_progress"},
    {"bucket": "done_on_time"},
    {"role": "lead"},
    {"ordering": "due_date"},
)
# The smallest file the evidence check accepts as a PDF (it reads the signature).
EVIDENCE_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
_requests = itertools.count(1)


_environments: list = []


@events.init.add_listener
def refuse_other_hosts(environment, **kwargs) -> None:
    ensure_loopback(environment.host or "")
    _environments.append(environment)


@events.request.add_listener
def stop_at_request_cap(**kwargs) -> None:
    if MAX_REQUESTS and next(_requests) == MAX_REQUESTS:
        for environment in _environments:
            if environment.runner is not None:
                gevent.spawn(environment.runner.quit)  # not from inside the request's greenlet


class SignedInUser(HttpUser):
    abstract = True
    usernames: tuple[str, ...] = ()
    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        self.username = random.choice(self.usernames)
        self.log_in()
        self.task_ids: list[int] = []
        self.plan_ids: list[int] = []

    def log_in(self) -> None:
        page = self.client.get("/dang-nhap/", name="login page")
        data = {"username": self.username, "password": PASSWORD, **_csrf(page.text)}
        with self.client.post(
            "/dang-nhap/", data=data, name="login POST", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"login refused: {response.status_code}")

    def task_list(self, params: dict, name: str) -> None:
        page = self.client.get("/nhiem-vu/", params=params, name=name)
        found = [int(pk) for pk in TASK_LINK.findall(page.text)]
        if found:
            self.task_ids = found

    def some_task(self) -> int | None:
        if not self.task_ids:
            self.task_list({"role": "lead"}, "task list (filters)")
        return random.choice(self.task_ids) if self.task_ids else None


class UnitStaff(SignedInUser):
    """A phòng's staff member: their tasks, one task, a progress update (sometimes a file)."""

    weight = 3
    usernames = STAFF

    @task(4)
    def my_tasks(self) -> None:
        self.task_list({}, "task list")

    @task(3)
    def filtered_tasks(self) -> None:
        self.task_list(random.choice(FILTERS), "task list (filters)")

    @task(2)
    def search(self) -> None:
        self.client.get("/nhiem-vu/", params={"q": random.choice(SEARCH_WORDS)}, name="task search")

    @task(4)
    def task_detail(self) -> None:
        pk = self.some_task()
        if pk:
            self.client.get(f"/nhiem-vu/{pk}/", name="task detail")

    @task(2)
    def update_progress(self) -> None:
        self.task_list({"role": "lead"}, "task list (filters)")
        pk = self.some_task()
        if pk is None:
            return
        form = self.client.get(f"/nhiem-vu/{pk}/cap-nhat/", name="update form")
        period = SELECTED_PERIOD.search(form.text)
        if form.status_code != 200 or period is None:
            return  # no open period for this task: nothing to report
        data = {
            "period": period.group(1),
            "status": "in_progress",
            "progress": str(random.randint(5, 95)),
            "result": "Đã triển khai, đang tổng hợp kết quả (thử tải).",
            **_csrf(form.text),
        }
        with_file = random.random() < 0.3
        files = {"evidence": ("minh-chung.pdf", EVIDENCE_PDF, "application/pdf")}
        with self.client.post(
            f"/nhiem-vu/{pk}/cap-nhat/",
            data=data,
            files=files if with_file else None,
            name="progress update + evidence" if with_file else "progress update",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"update not saved: {response.status_code}")


class Coordinator(SignedInUser):
    """Văn phòng and leadership: dashboard, filtered lists, plans, periods, extensions, budget."""

    weight = 2
    usernames = COORDINATORS

    @task(3)
    def filtered_tasks(self) -> None:
        self.task_list(random.choice(FILTERS), "task list (filters)")

    @task(1)
    def search(self) -> None:
        self.client.get("/nhiem-vu/", params={"q": random.choice(SEARCH_WORDS)}, name="task search")

    @task(2)
    def task_detail(self) -> None:
        pk = self.some_task()
        if pk:
            self.client.get(f"/nhiem-vu/{pk}/", name="task detail")

    @task(2)
    def plans(self) -> None:
        page = self.client.get("/ke-hoach/", name="plan list")
        self.plan_ids = [int(pk) for pk in PLAN_LINK.findall(page.text)] or self.plan_ids
        if self.plan_ids:
            self.client.get(f"/ke-hoach/{random.choice(self.plan_ids)}/", name="plan detail")

    @task(2)
    def periods(self) -> None:
        page = self.client.get("/ky-bao-cao/", name="period list")
        found = PERIOD_LINK.findall(page.text)
        if found:
            self.client.get(f"/ky-bao-cao/{random.choice(found)}/", name="period detail")

    @task(2)
    def dashboard(self) -> None:
        self.client.get("/tong-quan/", name="dashboard")

    @task(1)
    def reports(self) -> None:
        page = self.client.get("/bao-cao/", name="report list")
        found = REPORT_LINK.findall(page.text)
        if found:
            self.client.get(random.choice(found), name="report download")

    @task(1)
    def coordinator_pages(self) -> None:
        self.client.get("/nhiem-vu/gia-han/", name="extension list")
        self.client.get("/kinh-phi/", name="budget")


class Returning(SignedInUser):
    """Someone signing in again and again: what the password hash costs under load."""

    weight = 1
    usernames = STAFF + COORDINATORS

    @task
    def sign_in_again(self) -> None:
        self.client.cookies.clear()
        self.log_in()


def _csrf(html: str) -> dict[str, str]:
    match = CSRF.search(html)
    return {"csrfmiddlewaretoken": match.group(1)} if match else {}
