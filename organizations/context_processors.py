from organizations.access import access_for
from organizations.navigation import menu_for, nav_items_for


def navigation(request):
    access = access_for(getattr(request, "user", None))
    items = nav_items_for(access)
    return {"nav_items": items, "menu": menu_for(items), "access": access}
