from django.urls import path

from budget import views

app_name = "budget"
urlpatterns = [
    path("", views.budget_list, name="list"),
    path("ke-hoach/<int:pk>/", views.plan_budget, name="plan"),
    path("ke-hoach/<int:pk>/nhap/", views.record_entry, name="entry"),
    path("ke-hoach/<int:pk>/xlsx/", views.export, name="export"),
    path("ke-hoach/<int:pk>/dong/", views.describe_line, name="line"),
]
