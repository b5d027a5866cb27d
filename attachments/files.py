"""Stored files (Bilag, the meetings' source documents, pending uploads): names, addresses, rows.

Files are stored under names nobody can guess (meetings/storage.py: attachments/2026/<32 hex>.pdf)
and are never served from MEDIA_ROOT directly: the storage's `url()` points at
`attachments.views.stored_file`, which decides per request who may read the file (see there).
So every `.file.url` in a template, the API and the admin goes through that check, including
rows stored before the names were random (their old names keep working).
"""

import os

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage


class ProtectedStorage(FileSystemStorage):
    """The file system storage, with addresses that lead through the access check.

    `url(name)` is `/files/<name>` (MINUTES_FILES_URL), answered by attachments.views.stored_file;
    nothing serves MEDIA_ROOT itself.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("base_url", settings.MINUTES_FILES_URL)
        super().__init__(**kwargs)


# Which rows hold a stored file ---------------------------------------------------------------


def import_record_model():
    """The clerks' upload log (imports.ImportRecord), by name: the imports app sits above this one."""
    return apps.get_model("imports", "ImportRecord")


def file_fields():
    """(model, field name) of every FileField whose files live in the shared storage.

    Models by name: attachments.models imports this module for its upload_to."""
    return [
        (apps.get_model("attachments", "Attachment"), "file"),
        (apps.get_model("meetings", "Meeting"), "source_file"),
        (import_record_model(), "file"),
    ]


def is_referenced(name):
    """True if any row still refers to the stored file `name`."""
    return any(model._default_manager.filter(**{field: name}).exists() for model, field in file_fields())


def referenced_names():
    """Every stored name some row refers to, with the text kept beside a pending upload."""
    names = set()
    for model, field in file_fields():
        names.update(model._default_manager.exclude(**{field: ""}).values_list(field, flat=True).iterator())
    # A pending upload keeps the text read from it in <name>.txt until it is confirmed or cancelled.
    names.update(f"{name}.txt" for name in list(names) if name.startswith("imports/pending/"))
    return names


def delete_unreferenced(name, storage=None):
    """Delete the stored file `name` unless a row still refers to it; True if it was deleted."""
    from django.core.files.storage import default_storage

    storage = storage or default_storage
    if not name or is_referenced(name):
        return False
    storage.delete(name)
    return True


def path_inside_media(name):
    """The absolute path of stored name `name`, or None if it would lead outside MEDIA_ROOT."""
    root = os.path.realpath(settings.MEDIA_ROOT)
    path = os.path.realpath(os.path.join(root, name))
    return path if path.startswith(root + os.sep) else None
