from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Søgning")

    def ready(self):
        from . import index

        connection_created.connect(index.register_sqlite_functions)
        index.connect_signals()
