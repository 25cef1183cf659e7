from django.urls import path

from tasks import views

app_name = "tasks"
urlpatterns = [
    path("", views.my_tasks, name="mine"),
    path("<int:pk>/", views.task_detail, name="detail"),
]
