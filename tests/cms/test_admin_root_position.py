"""Wagtail's "set position" on the root page (which has no parent) is refused, not a 500."""

from wagtail.models import Page

from tests.conftest import in_schema, staff_client


def test_moving_the_root_page_is_refused(alpha):
    admin = staff_client(alpha, "admin.root@alpha.test", group="Admin MPP")
    with in_schema(alpha):
        root = Page.get_first_root_node()

    response = admin.post(f"/admin/pages/{root.pk}/set_position/?position=0")

    assert (response.status_code, response["Location"]) == (302, "/admin/")
    with in_schema(alpha):
        assert Page.get_first_root_node().pk == root.pk
