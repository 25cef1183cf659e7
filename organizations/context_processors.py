from organizations.access import access_for
from organizations.navigation import nav_items_for


def navigation(request):
    access = access_for(getattr(request, "user", None))
    return {"nav_items": nav_items_for(access), "access": access}
