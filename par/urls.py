from django.urls import path

from par import views

app_name = "par"
urlpatterns = [
    path("", views.set_list, name="list"),
    path("nhap/", views.upload, name="upload"),
    path("nhap/<str:token>/", views.preview, name="preview"),
    path("<int:pk>/", views.set_detail, name="detail"),
    path("<int:pk>/xlsx/", views.export_xlsx, name="export_xlsx"),
    path("<int:pk>/docx/", views.export_docx, name="export_docx"),
    path("tieu-chi/<int:pk>/cham-diem/", views.score, name="score"),
    path("tieu-chi/<int:pk>/tham-dinh/", views.manage, name="manage"),
    path("tai-lieu/<int:pk>/", views.evidence_download, name="evidence"),
]
