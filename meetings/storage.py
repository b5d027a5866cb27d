"""Names of stored files (Bilag, the meetings' source documents, uploads) that nobody can guess.

At the bottom of the apps so that every model with a file can use it; the storage and the view
that serve the files, with their access rule, are in attachments/ (files.py, views.py).
"""

import secrets
from pathlib import PurePosixPath

from django.utils import timezone
from django.utils.deconstruct import deconstructible


@deconstructible
class UnguessableName:
    """An `upload_to` that stores a file as <prefix>/<year>/<32 random hex><suffix of the original>.

    The original name is for people (Attachment.original_name, Content-Disposition), never for
    the path: a name like "Bilag 3 - lukket punkt.pdf" must not be reachable by guessing.
    """

    def __init__(self, prefix):
        self.prefix = prefix

    def __call__(self, instance, filename):
        suffix = PurePosixPath(filename or "").suffix.lower()
        if not suffix.isascii() or len(suffix) > 10 or not suffix[1:].isalnum():
            suffix = ""
        return f"{self.prefix}/{timezone.now():%Y}/{secrets.token_hex(16)}{suffix}"

    def __eq__(self, other):
        return isinstance(other, UnguessableName) and other.prefix == self.prefix
