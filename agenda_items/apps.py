from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _forget_rendered_items(sender, file_path, **kwargs):
    """runserver saw a file change: a template or translation it reloads without restarting may
    render items differently, so the items rendered before (keyed by their content) go."""
    from django.core.cache import caches

    caches["template_fragments"].clear()


class AgendaItemsConfig(AppConfig):
    name = "agenda_items"
    verbose_name = _("Punkter og sager")

    def ready(self):
        from django.utils.autoreload import file_changed

        file_changed.connect(_forget_rendered_items, dispatch_uid="agenda_items_forget_rendered_items")
