from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

# What the Clerk group may do (meetings/migrations/0002 made the group with the same rights).
CLERK_PERMISSIONS = {
    "meetings": ["meeting", "committee", "person"],
    "agenda_items": ["agendaitem", "case"],
    "attachments": ["attachment"],
}


def ensure_clerk_group(sender, using="default", **kwargs):
    """The Clerk group with at least its rights, after every migrate and every flush.

    A data migration made it once; a flush (as tests between transactions do) empties the tables
    and sends post_migrate again, so the group is kept here too. Sent once per app, this adds the
    permissions that exist by then; the last call finds them all.
    """
    from django.contrib.auth.models import Group, Permission

    from .models import CLERK_GROUP

    group, _ = Group.objects.using(using).get_or_create(name=CLERK_GROUP)
    codenames = [
        f"{action}_{model}"
        for models in CLERK_PERMISSIONS.values()
        for model in models
        for action in ("add", "change", "view")
    ]
    group.permissions.add(
        *Permission.objects.using(using).filter(
            content_type__app_label__in=CLERK_PERMISSIONS.keys(), codename__in=codenames
        )
    )


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Møder")

    def ready(self):
        post_migrate.connect(ensure_clerk_group, dispatch_uid="meetings-clerk-group")
