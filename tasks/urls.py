from django.urls import path

from tasks import views

app_name = "tasks"
urlpatterns = [
    path("", views.task_list, name="mine"),
    path("<int:pk>/", views.task_detail, name="detail"),
    path("<int:pk>/cap-nhat/", views.task_update, name="update"),
    path("<int:pk>/y-kien/", views.task_comment, name="comment"),
    path("<int:pk>/gia-han/", views.extension_request, name="extension_request"),
    path("gia-han/", views.extension_list, name="extensions"),
    path("gia-han/<int:pk>/quyet-dinh/", views.extension_decide, name="extension_decide"),
    path("tien-do/<int:pk>/tra-lai/", views.progress_send_back, name="send_back"),
    path("minh-chung/<int:pk>/", views.evidence_download, name="evidence"),
]
