# Production image: gunicorn serves the app and its static files (whitenoise); the same
# image runs the Celery worker and the single beat process.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    VAR_DIR=/srv/cchc/var \
    STATIC_ROOT=/srv/cchc/staticfiles

WORKDIR /srv/cchc/app
COPY pyproject.toml ./
COPY . .
RUN pip install --no-cache-dir ".[production]" \
    && DEBUG=false SECRET_KEY=build-only ALLOWED_HOSTS=build python manage.py collectstatic --no-input \
    && DEBUG=false SECRET_KEY=build-only ALLOWED_HOSTS=build python manage.py compile_catalogs \
    && useradd --system --home /srv/cchc cchc \
    && mkdir -p /srv/cchc/var && chown -R cchc /srv/cchc/var

USER cchc
EXPOSE 8000
CMD ["gunicorn", "cchc.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "120", "--access-logfile", "-"]
