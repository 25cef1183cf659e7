from django.urls import path, re_path

from importer import views

app_name = "importer"
urlpatterns = [
    path("", views.upload, name="upload"),
    re_path(r"^xuat/(?P<pk>\d+)\.(?P<fmt>xlsx|csv)$", views.export_plan, name="export"),
    path("<str:token>/", views.preview, name="preview"),
    path("<str:token>/co-quan/", views.reassign, name="reassign"),
]
