"""What a saved or deleted row means for the cached pages and the stored files (connected in apps.py).

Cached pages: any save or delete of a row the public pages show withdraws every cached page
(meetings.cache.withdraw), after the transaction commits. Saves that only add are withdrawn too:
telling the harmless ones apart is not worth a leak.

Stored files: a file no row refers to any more is deleted once the transaction commits, never
before (a rollback must find its file still there), and only if no other row refers to the same
stored name then (the meetings of one upload share one source file, which its import record
also keeps). This covers replacing a Bilag's PDF, deleting a Bilag, an item (a re-import that
drops it), a meeting, and replacing a meeting's source file. Deletes of whole querysets send
these signals per row too; `QuerySet.update()` of a file column does not, and
`manage.py cleanup_files` finds what such changes leave behind.
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from meetings.cache import withdraw

from .files import delete_unreferenced, file_fields


def withdraw_cached_pages(sender, using=None, **kwargs):
    withdraw(using=using)


def _delete_after_commit(name, storage, using):
    if name:
        transaction.on_commit(partial(delete_unreferenced, name, storage), using=using)


def forget_deleted_file(sender, instance, using=None, field_name="file", **kwargs):
    field = getattr(instance, field_name)
    _delete_after_commit(field.name, field.storage, using)


def note_replaced_file(
    sender, instance, using=None, raw=False, update_fields=None, field_name="file", **kwargs
):
    """Before a save: remember the stored name the row had, if the save changes it."""
    if raw or instance.pk is None or (update_fields is not None and field_name not in update_fields):
        return
    old = (
        sender._default_manager.using(using).filter(pk=instance.pk).values_list(field_name, flat=True).first()
    )
    if old and old != (getattr(instance, field_name).name or ""):
        instance.__dict__.setdefault("_replaced_files", []).append((field_name, old))


def forget_replaced_file(sender, instance, using=None, field_name="file", **kwargs):
    """After the save (so that the row no longer refers to it): delete the old file on commit."""
    replaced = instance.__dict__.get("_replaced_files", [])
    for name in [old for field, old in replaced if field == field_name]:
        _delete_after_commit(name, getattr(instance, field_name).storage, using)
    instance.__dict__["_replaced_files"] = [entry for entry in replaced if entry[0] != field_name]


def connect():
    """Connect the receivers; called from AttachmentsConfig.ready()."""
    from agenda_items.models import AgendaItem, Case
    from meetings.models import Committee, Meeting, Municipality, Person

    from .models import Attachment

    for model in (Municipality, Committee, Person, Meeting, AgendaItem, Case, Attachment):
        uid = f"withdraw-pages-{model._meta.label}"
        post_save.connect(withdraw_cached_pages, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(withdraw_cached_pages, sender=model, dispatch_uid=uid + "-delete")

    for model, field_name in file_fields():
        uid = f"stored-file-{model._meta.label}-{field_name}"
        post_delete.connect(
            partial(forget_deleted_file, field_name=field_name),
            sender=model,
            weak=False,
            dispatch_uid=uid + "-d",
        )
        pre_save.connect(
            partial(note_replaced_file, field_name=field_name),
            sender=model,
            weak=False,
            dispatch_uid=uid + "-s",
        )
        post_save.connect(
            partial(forget_replaced_file, field_name=field_name),
            sender=model,
            weak=False,
            dispatch_uid=uid + "-r",
        )
