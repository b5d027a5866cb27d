# The same install steps as the README's `make` commands; see README.md "Docker".
FROM python:3.11-slim

# A production image: DEBUG off, so DJANGO_SECRET_KEY must be given.
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_DEBUG=0
RUN apt-get update \
    && apt-get install -y --no-install-recommends make \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 app

WORKDIR /app
COPY --chown=app:app . .
USER app
RUN make install EXTRAS= PYTHON=python3.11 \
    && DJANGO_SECRET_KEY=collectstatic-only .venv/bin/python manage.py collectstatic --noinput \
    && mkdir -p var/media

EXPOSE 8000
VOLUME ["/app/var/media"]
# /healthz answers 200 when the database does. Asked as the proxy would ask: over "https" and for a
# host name the site serves, so SECURE_SSL_REDIRECT and ALLOWED_HOSTS let it through.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python3 -c "import os, sys, urllib.request as u; host = os.environ.get('DJANGO_ALLOWED_HOSTS', 'localhost').split(',')[0].strip().lstrip('.*') or 'localhost'; r = u.Request('http://127.0.0.1:8000/healthz', headers={'Host': host, 'X-Forwarded-Proto': 'https'}); sys.exit(u.urlopen(r, timeout=4).status != 200)"
# Workers, timeouts and logging: gunicorn.conf.py. The release step (`make migrate EXTRAS=`) runs
# once per deploy before this starts; see docker-compose.yml.
CMD [".venv/bin/gunicorn", "--config", "gunicorn.conf.py", "minutes_site.wsgi"]
