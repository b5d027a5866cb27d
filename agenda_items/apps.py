from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaItemsConfig(AppConfig):
    name = "agenda_items"
    verbose_name = _("Punkter og sager")
