from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Nhật ký truy cập"

    def ready(self) -> None:
        # Authentication happens inside Django's login views (site and admin): its
        # signals are the one place every login attempt passes through.
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from audit import auth_events

        user_logged_in.connect(auth_events.record_login, dispatch_uid="audit_login")
        user_login_failed.connect(auth_events.record_login_failure, dispatch_uid="audit_failure")
        user_locked_out.connect(auth_events.record_lockout, dispatch_uid="audit_lockout")
