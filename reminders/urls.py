from django.urls import path

from reminders import views

app_name = "reminders"
urlpatterns = [
    path("", views.notices, name="notices"),
    path("chuong/", views.bell, name="bell"),
    path("da-doc/", views.mark_read, name="mark_all_read"),
    path("<int:pk>/da-doc/", views.mark_read, name="mark_read"),
    path("ca-nhan/", views.profile, name="profile"),
    path("nhac-han/", views.home, name="home"),
    path("nhac-han/co-quan/<int:agency_id>/cai-dat/", views.agency_settings, name="settings"),
    path("nhac-han/co-quan/<int:agency_id>/nhat-ky/", views.send_log, name="log"),
]
