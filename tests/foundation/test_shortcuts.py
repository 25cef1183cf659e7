"""The two shared helpers: deny_unless (403) and run_with_messages (a service's outcome)."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from organizations.scoping import deny_unless
from organizations.shortcuts import run_with_messages


def test_deny_unless_raises_permission_denied_only_when_not_allowed():
    deny_unless(True)
    with pytest.raises(PermissionDenied):
        deny_unless(False)


@pytest.fixture
def request_with_messages():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_successful_action_says_success(request_with_messages):
    calls = []
    assert run_with_messages(request_with_messages, lambda: calls.append(1), success="Đã lưu.")
    assert calls == [1]
    assert [(m.level_tag, m.message) for m in get_messages(request_with_messages)] == [
        ("success", "Đã lưu.")
    ]


def test_a_refused_action_says_why(request_with_messages):
    def refuse():
        raise ValidationError(["Kỳ báo cáo đã chốt.", "Thiếu kết quả."])

    assert not run_with_messages(request_with_messages, refuse, success="Đã lưu.")
    assert [(m.level_tag, m.message) for m in get_messages(request_with_messages)] == [
        ("error", "Kỳ báo cáo đã chốt. Thiếu kết quả.")
    ]
