from django.urls import path

from plans import trash_views, views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("thung-rac/", trash_views.plan_trash, name="trash"),
    path("<int:pk>/xoa/", trash_views.plan_delete, name="delete"),
    path("<int:pk>/khoi-phuc/", trash_views.plan_restore, name="restore"),
]
