"""The Clerk group: the people who publish minutes (add/change/view meetings, items, attachments)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CLERK_PERMISSIONS = {
    "meetings": ["meeting", "committee", "person"],
    "agenda_items": ["agendaitem", "case"],
    "attachments": ["attachment"],
}


def create_clerk_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Clerk")
    codenames = [
        f"{action}_{model}"
        for models in CLERK_PERMISSIONS.values()
        for model in models
        for action in ("add", "change", "view")
    ]
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=CLERK_PERMISSIONS.keys(), codename__in=codenames
        )
    )


def remove_clerk_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Clerk").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("agenda_items", "0001_initial"),
        ("attachments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_clerk_group, remove_clerk_group)]
