"""Demo accounts look like demo accounts and are not created on a production set-up."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_refused_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG đang tắt"):
        call_command("load_demo", stdout=io.StringIO())
    assert not get_user_model().objects.exists()


def test_forced_with_debug_off_names_every_account_demo_and_warns(settings):
    settings.DEBUG = False
    out, err = io.StringIO(), io.StringIO()
    call_command("load_demo", "--force", stdout=out, stderr=err)
    users = get_user_model().objects.all()
    assert users.count() == 11
    assert all(user.get_full_name().startswith("[DEMO] ") for user in users)
    assert "CẢNH BÁO" in err.getvalue() and "[DEMO]" in err.getvalue()
