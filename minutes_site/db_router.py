"""Reads of the public pages may go to a read replica; everything else uses the default database.

With `DATABASE_REPLICA_URL` set, settings.py adds a "replica" database (a streaming-replication
standby of the primary). The middleware `replica_for_public_pages` marks a request as a public
read: GET or HEAD, outside the admin. Only while such a request runs does `ReplicaRouter` send
reads to the replica. Writes always go to default, and so does every read anywhere else: the
admin (a clerk must see what they just saved), forms that post, imports and management commands
(which read and write in one transaction). A replica lags the primary by a moment, which a
citizen reading minutes never notices. Without a replica, every query uses default.
"""

from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
PUBLIC_READ_METHODS = {"GET", "HEAD"}
PRIVATE_PREFIXES = ("/admin/",)

_public_read = ContextVar("public_read", default=False)


def is_public_read(request):
    """A request whose database reads may be served by the replica."""
    return request.method in PUBLIC_READ_METHODS and not request.path_info.startswith(PRIVATE_PREFIXES)


def replica_for_public_pages(get_response):
    """Middleware: let the router use the replica while a public page is being made."""

    def middleware(request):
        token = _public_read.set(is_public_read(request))
        try:
            return get_response(request)
        finally:
            _public_read.reset(token)

    return middleware


class ReplicaRouter:
    """Public page reads to the replica, if there is one; all writes and other reads to default."""

    def __init__(self):
        self.replica = REPLICA if REPLICA in settings.DATABASES else None

    def db_for_read(self, model, **hints):
        if self.replica and _public_read.get():
            return self.replica
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of default: objects read from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica gets its schema from the primary through replication.
        return db == "default"
