# syntax=docker/dockerfile:1
# One image for every role in docker-compose.yml: web (gunicorn), worker and beat (celery)
# and the one-shot migrate. Run as a non-root user; secrets come only from the environment.
FROM python:3.11-slim

# PYTHONPATH=/app: `pip install .` also puts copies of the packages in site-packages, but
# settings find templates/, static/ and var/ relative to their own file, so the source tree
# in /app must be the copy that gets imported, whatever the working directory.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    CASEWORK_MEDIA_ROOT=/srv/casework/media

RUN groupadd --system --gid 10001 casework \
    && useradd --system --uid 10001 --gid casework --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin casework

WORKDIR /app

# Copy by name rather than `COPY . .`: there is no .dockerignore, and the working tree
# holds .venv, .git and var/ (a local database that may contain personal data).
# The packages come first so that editing templates or CSS does not reinstall everything.
COPY pyproject.toml ./
COPY config ./config
COPY protocol ./protocol
COPY casework ./casework
COPY complaints ./complaints
COPY registers ./registers
# The demo council's package: installed with the rest, never in production's INSTALLED_APPS.
COPY demo ./demo
# Dependencies are pinned in pyproject.toml; the build leftovers are not needed at run time.
RUN pip install . && rm -rf build ./*.egg-info

COPY manage.py ./
COPY templates ./templates
COPY static ./static

# Production settings refuse to load without a long secret and a REDIS_URL. These values
# exist only for this one command (they are not ENV, so the running image does not have
# them): collectstatic needs neither a real secret nor a reachable Redis or database.
RUN DJANGO_SECRET_KEY=build-only-not-a-secret-collectstatic-never-signs-anything-0000 \
    CASEWORK_HISTORY_KEY=build-only-not-a-key-collectstatic-never-seals-anything \
    REDIS_URL=redis://build-only.invalid:6379/0 \
    python manage.py collectstatic --noinput

# PYTHONDONTWRITEBYTECODE and a read-only /app mean nothing is compiled at run time, so
# compile once here rather than in every gunicorn and celery process at every start.
RUN python -m compileall -q config protocol casework complaints registers demo

# Volumes mounted here start with this ownership. /app itself stays root-owned, so the
# application cannot rewrite its own code or collected static files.
RUN mkdir -p /srv/casework/media /var/lib/casework \
    && chown casework:casework /srv/casework/media /var/lib/casework

USER casework:casework
EXPOSE 8000

CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
