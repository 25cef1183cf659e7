import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("who", "offered"), [("coordinator", True), ("leader", False), ("staff_a", False)]
)
def test_export_links_only_for_those_who_may_export(client, world, who, offered):
    client.force_login(world.users[who])
    page = client.get(reverse("plans:detail", args=[world.task_a.plan_id])).content.decode()
    export_url = reverse("importer:export", kwargs={"pk": world.task_a.plan_id, "fmt": "xlsx"})
    assert (export_url in page) is offered


def test_plan_list_query_count_does_not_grow_with_plans(
    client, world, django_assert_max_num_queries
):
    from tests.factories import PlanFactory

    client.force_login(world.users["leader"])
    PlanFactory.create_batch(15, agency=world.agency)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("plans:list")).status_code == 200


def test_plan_detail_query_count_does_not_grow_with_rows(
    client, world, django_assert_max_num_queries
):
    from tests.factories import TaskFactory, assign

    for _ in range(20):
        assign(TaskFactory(plan=world.task_a.plan), world.unit_a)
    client.force_login(world.users["leader"])
    with django_assert_max_num_queries(10):
        assert client.get(reverse("plans:detail", args=[world.task_a.plan_id])).status_code == 200
