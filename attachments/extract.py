"""Text of an uploaded Bilag PDF, page by page, so it becomes searchable and pages can be cited."""

from pathlib import PurePath

from django.conf import settings

from imports.detect import local_copy
from imports.pdf import extract_pages

# Page texts are joined with a blank line for `Attachment.text`; `Attachment.pages` keeps them apart.
PAGE_BREAK = "\n\n"


def extract_bilag(upload):
    """The page texts of an uploaded PDF (a Django File); raises PdfError with a readable message.

    Runs in the bounded child process of `imports.pdf` (time, memory, page limits).
    """
    with local_copy(upload) as path:
        return extract_pages(
            path, max_pages=settings.MINUTES_MAX_PDF_PAGES, timeout=settings.MINUTES_PDF_TIMEOUT
        )


def attach_pdf(attachment, upload, pages):
    """Store `upload` as the Bilag's file (through the storage API) with its extracted `pages`.

    The file gets a random name (Attachment.file's upload_to); the uploaded name is kept in
    `original_name` for the list and the download. A file it replaces is deleted once the save
    is committed (signals.py).
    """
    attachment.original_name = PurePath(upload.name or "").name[:255]
    attachment.file.save(upload.name, upload, save=False)
    attachment.pages = pages
    attachment.text = PAGE_BREAK.join(pages)
    attachment.save()
