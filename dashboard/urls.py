from django.urls import path

from dashboard import views

# Named without a namespace: other pages link to ``{% url 'dashboard' %}?plan=...``.
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("xuat-excel/", views.dashboard_export, name="dashboard_export"),
]
