"""Seed the national list of CCHC reform areas (lĩnh vực)."""

from django.db import migrations

AREAS = [
    ("chi-dao-dieu-hanh", "Công tác chỉ đạo, điều hành"),
    ("the-che", "Cải cách thể chế"),
    ("tthc", "Cải cách thủ tục hành chính"),
    ("to-chuc-bo-may", "Cải cách tổ chức bộ máy hành chính nhà nước"),
    ("cong-vu", "Cải cách chế độ công vụ"),
    ("tai-chinh-cong", "Cải cách tài chính công"),
    ("chinh-quyen-so", "Xây dựng và phát triển chính quyền điện tử, chính quyền số"),
    ("tuyen-truyen", "Công tác tuyên truyền CCHC"),
    ("tac-dong", "Tác động của CCHC đến người dân, tổ chức và phát triển kinh tế - xã hội"),
]


def seed_areas(apps, schema_editor):
    Area = apps.get_model("tasks", "Area")
    for order, (code, name) in enumerate(AREAS, start=1):
        Area.objects.update_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("tasks", "0001_initial")]
    operations = [migrations.RunPython(seed_areas, migrations.RunPython.noop)]
