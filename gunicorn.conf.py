"""gunicorn settings for the archive: `gunicorn -c gunicorn.conf.py minutes_site.wsgi`.

Every value can be changed through the environment (see docs/OPERATIONS.md); options given on
the command line win over this file.
"""

import os


def env_int(name, default):
    return int(os.environ.get(name) or default)


# Where to listen. The container listens on all its interfaces; a TLS-terminating proxy or load
# balancer in front sets X-Forwarded-Proto (settings.py trusts it, and so does gunicorn from
# the addresses in forwarded_allow_ips).
bind = [os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")]
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Sync workers, 2 x CPUs + 1 (gunicorn's own rule of thumb), capped: each worker holds one
# database connection (CONN_MAX_AGE), so workers x instances must stay below PostgreSQL's
# max_connections (docs/SCALING.md). GUNICORN_WORKERS sets the number outright.
cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
workers = env_int("GUNICORN_WORKERS", min(2 * cpus + 1, env_int("GUNICORN_MAX_WORKERS", 9)))
worker_class = "sync"

# A request that runs longer than this is killed and its worker replaced. Reading an uploaded PDF
# is bounded below it (MINUTES_PDF_TIMEOUT, 45 s); everything else takes well under a second.
timeout = env_int("GUNICORN_TIMEOUT", 60)
# On a restart or deploy, workers get this long to finish the requests they are serving.
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = env_int("GUNICORN_KEEPALIVE", 5)
# Replace each worker after this many requests (plus jitter, so they do not all restart at once):
# a slow leak in a parser or library cannot grow without bound.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
# The workers' heartbeat files on tmpfs, not on a container's overlay disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# No control socket (gunicorn 23+): nothing here uses it, and two instances on one host would
# share its default path.
control_socket_disable = True

# Access log to stdout, errors to stderr; with DJANGO_LOG_FORMAT=json both are JSON lines on stdout,
# like Django's own log (settings.py).
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s"'
if os.environ.get("DJANGO_LOG_FORMAT", "").strip().lower() == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": ["levelname", "name", "message"],
                "rename_fields": {"levelname": "level", "name": "logger"},
                "timestamp": True,
            }
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}
        },
        "loggers": {
            "gunicorn.error": {"handlers": ["console"], "level": loglevel.upper(), "propagate": False},
            "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }
