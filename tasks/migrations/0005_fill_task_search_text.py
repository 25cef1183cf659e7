"""Fill Task.search_text of the rows that existed before the column (no-op reverse)."""

from django.db import migrations

from tasks.search import search_key

BATCH = 1000


def fill_search_text(apps, schema_editor):
    Task = apps.get_model("tasks", "Task")
    rows = Task.objects.only("pk", "content", "requirement", "deadline_text", "result")
    batch = []
    for task in rows.order_by("pk").iterator(chunk_size=BATCH):
        # The same columns, in the same order, as tasks.models.search_text_of.
        task.search_text = search_key(
            "\n".join((task.content, task.requirement, task.deadline_text, task.result))
        )
        batch.append(task)
        if len(batch) == BATCH:
            Task.objects.bulk_update(batch, ["search_text"])
            batch = []
    Task.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("tasks", "0004_task_search_text_and_assignment_index")]

    operations = [migrations.RunPython(fill_search_text, migrations.RunPython.noop)]
