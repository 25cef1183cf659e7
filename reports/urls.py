from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("tao/", views.start_report, name="start"),
    path("<int:pk>/trang-thai/", views.job_status, name="status"),
    path("<int:pk>/tao-lai/", views.retry_report, name="retry"),
    path("<int:pk>/tai-ve/word/", views.download, {"fmt": "docx"}, name="download"),
    path("<int:pk>/tai-ve/excel/", views.download, {"fmt": "xlsx"}, name="download_xlsx"),
    path("co-quan/<int:agency_pk>/thiet-lap/", views.report_settings, name="settings"),
]
