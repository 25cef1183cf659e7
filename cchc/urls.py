from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from organizations.views import home

admin.site.site_header = _("Theo dõi thực hiện kế hoạch CCHC")
admin.site.site_title = _("Quản trị CCHC")
admin.site.index_title = _("Quản trị hệ thống")

urlpatterns = [
    path("", home, name="home"),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/", include("accounts.urls")),
    path("ke-hoach/", include("plans.urls")),
    path("nhiem-vu/", include("tasks.urls")),
    path("kinh-phi/", include("budget.urls")),
    path("chi-tieu/", include("indicators.urls")),
    path("chi-so-cchc/", include("par.urls")),
    path("ky-bao-cao/", include("periods.urls")),
    path("nhap-ke-hoach/", include("importer.urls")),
    path("tong-quan/", include("dashboard.urls")),
    path("bao-cao/", include("reports.urls")),
    path("thong-bao/", include("reminders.urls")),
    path("quan-tri/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
