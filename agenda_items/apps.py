from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def register_sqlite_functions(sender, connection, **kwargs):
    """SQLite folds only ASCII case; search needs æ/ø/å folded too (see agenda_items/search.py)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "minutes_casefold", 1, lambda s: s.casefold() if isinstance(s, str) else s, deterministic=True
        )


class AgendaItemsConfig(AppConfig):
    name = "agenda_items"
    verbose_name = _("Punkter og sager")

    def ready(self):
        connection_created.connect(register_sqlite_functions)
