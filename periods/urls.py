from django.urls import path

from periods import views

app_name = "periods"
urlpatterns = [
    path("", views.period_list, name="list"),
    path("<int:pk>/", views.period_detail, name="detail"),
    path("<int:pk>/gui-bao-cao/", views.submit_report, name="submit"),
    path("<int:pk>/gui-bao-cao/xac-nhan/", views.submit_confirm, name="submit_confirm"),
    path("<int:pk>/mo-lai/", views.reopen, name="reopen"),
    path("bao-cao-don-vi/<int:pk>/tra-lai/", views.return_report, name="return"),
]
