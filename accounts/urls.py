"""Password change for every signed-in user and password reset by e-mail (Django's views).

The URL names are Django's own (``password_change``, ``password_reset_confirm``...), which
its views reverse to find the next step.
"""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

RESET_EMAIL = {
    "subject_template_name": "emails/password-reset-subject.html",
    "email_template_name": "emails/password-reset-body-text.html",
    "html_email_template_name": "emails/password-reset-body-html.html",
}

urlpatterns = [
    path("doi-mat-khau/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "quen-mat-khau/",
        auth_views.PasswordResetView.as_view(
            **RESET_EMAIL, success_url=reverse_lazy("password_reset_done")
        ),
        name="password_reset",
    ),
    path(
        "quen-mat-khau/da-gui/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
