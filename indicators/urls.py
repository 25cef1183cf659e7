from django.urls import path

from indicators import views

app_name = "indicators"
urlpatterns = [
    path("ke-hoach/<int:plan_pk>/", views.plan_indicators, name="plan"),
    path("<int:pk>/", views.indicator_detail, name="detail"),
    path("<int:pk>/nhap-so-lieu/", views.record_value, name="record"),
    path("<int:pk>/thiet-lap/", views.configure, name="configure"),
    path("tai-lieu/<int:pk>/", views.evidence_download, name="evidence"),
]
