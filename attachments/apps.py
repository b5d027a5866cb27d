from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttachmentsConfig(AppConfig):
    name = "attachments"
    verbose_name = _("Bilag")

    def ready(self):
        # Cached pages withdrawn and orphaned files deleted when rows change (signals.py).
        from . import signals

        signals.connect()
