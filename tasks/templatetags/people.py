"""``{{ user|person }}``: a user's full name, else the username, else a dash (deleted users)."""

from django import template

register = template.Library()


@register.filter
def person(user) -> str:
    if user is None:
        return "—"
    return user.get_full_name() or user.username
