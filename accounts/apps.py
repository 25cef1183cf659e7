from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Signing in: lockout after repeated failures, password change and reset."""

    name = "accounts"
    verbose_name = "Tài khoản và đăng nhập"

    def ready(self) -> None:
        from axes.signals import user_locked_out

        from accounts.lockout import log_lockout

        user_locked_out.connect(log_lockout, dispatch_uid="accounts.log_lockout")
