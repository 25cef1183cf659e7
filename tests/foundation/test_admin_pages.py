"""Every admin changelist and add page loads for the IT administrator."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import UserFactory

REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name) for model in admin.site._registry
)


@pytest.fixture
def superuser_client(client, db):
    user = UserFactory(username="it-admin")
    user.is_staff = user.is_superuser = True
    user.save()
    client.force_login(user)
    return client


@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_changelist_loads(superuser_client, world, app_label, model_name):
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    assert superuser_client.get(url).status_code == 200


# Written by the application only, never by hand: django-axes' sign-in records (its admin
# lists and deletes them; deleting unlocks) and the audit log (tests/audit/test_admin.py).
READ_ONLY_APPS = {"axes", "audit"}
# Report jobs and period snapshots are written by the reports app only (docs/reports.md).
READ_ONLY_MODELS = {("reports", "periodsnapshot"), ("reports", "reportjob")}


@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_add_page_loads(superuser_client, app_label, model_name):
    url = reverse(f"admin:{app_label}_{model_name}_add")
    read_only = app_label in READ_ONLY_APPS or (app_label, model_name) in READ_ONLY_MODELS
    expected = 403 if read_only else 200
    assert superuser_client.get(url).status_code == expected


def test_admin_speaks_vietnamese(superuser_client):
    page = superuser_client.get(reverse("admin:index")).content.decode()
    assert "Quản trị hệ thống" in page
    assert "Kế hoạch" in page


@pytest.mark.parametrize("model_name", ["unit", "task", "indicator", "budgetline"])
def test_import_export_is_offered(superuser_client, model_name):
    app_label = next(
        m._meta.app_label for m in admin.site._registry if m._meta.model_name == model_name
    )
    for action in ("import", "export"):
        url = reverse(f"admin:{app_label}_{model_name}_{action}")
        assert superuser_client.get(url).status_code == 200
