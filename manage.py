#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    # manage.py is the developer's entry point, so it defaults to development mode;
    # gunicorn (wsgi.py) and Celery (cchc/celery.py) do not, and production sets
    # DEBUG=false explicitly (docker-compose.yml, .env.example).
    os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    from cchc.frame_stack import call_with_room

    # Commands (imports, the reminder sweep, scale data) run with room on the frame stack.
    call_with_room(execute_from_command_line, sys.argv)


if __name__ == "__main__":
    main()
