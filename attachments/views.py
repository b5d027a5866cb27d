"""Serving stored files (/files/<stored name>) by the same rule as the pages.

- A Bilag of an open item: to anyone, cacheable (public, revalidated against ETag/Last-Modified).
- A Bilag of a closed item: 404 to anyone but staff who may see its municipality.
- A meeting's source document and a clerk's upload (Meeting.source_file, ImportRecord.file):
  staff only, of the municipality for a source file; never cached.
- A name no row refers to: 404.

Where several rows share one stored name, the strictest rule wins. The bytes go out through the
web server when MINUTES_FILE_ACCEL says how (nginx X-Accel-Redirect or X-Sendfile), else through
Django's FileResponse. The download is offered under the uploaded name (RFC 6266, filename*= for
æ, ø, å).
"""

import mimetypes
import os
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date
from django.views.decorators.http import require_safe

from meetings.cache import public_cache_control
from meetings.models import Meeting, Municipality

from .files import import_record_model, path_inside_media
from .models import Attachment

# Only these types are shown in the browser; anything else is offered as a download.
INLINE_TYPES = {"application/pdf", "text/plain"}


class Access:
    """Who may read one stored file, and under which name it is offered."""

    def __init__(self, public, municipality_ids, download_name, uploader_ids=()):
        self.public = public
        self.municipality_ids = municipality_ids
        self.download_name = download_name
        # An upload no meeting holds (pending, or its meetings deleted): its uploader's alone.
        self.uploader_ids = set(uploader_ids)

    def allows(self, user):
        if self.public:
            return True
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return False
        if user.is_superuser:
            return True
        if not self.municipality_ids:
            return user.pk in self.uploader_ids
        editable = Municipality.objects.editable_by(user).filter(pk__in=self.municipality_ids)
        return editable.count() == len(self.municipality_ids)


def access_to(name):
    """The Access rule for stored name `name`, or None if no row refers to it."""
    found = False
    public = True
    municipalities = set()
    download_name = ""
    for attachment in Attachment.objects.filter(file=name).select_related("agenda_item__meeting__committee"):
        found = True
        public = public and not attachment.agenda_item.closed
        municipalities.add(attachment.agenda_item.meeting.committee.municipality_id)
        download_name = download_name or attachment.download_name()
    for meeting in Meeting.objects.filter(source_file=name).select_related("committee"):
        found, public = True, False
        municipalities.add(meeting.committee.municipality_id)
        download_name = download_name or meeting.source_name
    uploaders = set()
    for record in import_record_model().objects.filter(file=name).prefetch_related("meetings__committee"):
        found, public = True, False
        municipalities |= {m.committee.municipality_id for m in record.meetings.all()}
        uploaders.add(record.user_id)
        download_name = download_name or record.file_name
    if not found:
        return None
    return Access(public, municipalities, download_name or name.rsplit("/", 1)[-1], uploaders)


@require_safe
def stored_file(request, name):
    """The stored file `name` (its path under MEDIA_ROOT), if the rule above lets this reader see it."""
    # A NUL byte is no file name (the file system and PostgreSQL refuse it); nor are control characters.
    if any(ord(char) < 32 or ord(char) == 127 for char in name):
        raise Http404("No such file")
    access = access_to(name)
    path = path_inside_media(name)
    if access is None or path is None:
        raise Http404("No such file")
    if not access.allows(request.user):
        # 404, not 403: a closed item's Bilag is not even confirmed to exist.
        raise Http404("No such file")
    try:
        stat = os.stat(path)
    except OSError:
        raise Http404("The file is missing from storage") from None
    etag = f'"{stat.st_size:x}-{stat.st_mtime_ns:x}"'
    last_modified = int(stat.st_mtime)
    content_type = mimetypes.guess_type(access.download_name)[0] or mimetypes.guess_type(name)[0]
    content_type = content_type or "application/octet-stream"
    if access.public:
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return _headers(not_modified, access, etag, last_modified)
    response = _send(path, name, content_type, stat.st_size)
    response["Content-Disposition"] = content_disposition_header(
        content_type not in INLINE_TYPES, access.download_name
    )
    return _headers(response, access, etag, last_modified)


def _send(path, name, content_type, size):
    mode = settings.MINUTES_FILE_ACCEL
    if content_type == "text/plain":
        content_type = "text/plain; charset=utf-8"
    if mode == "x-accel":
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.MINUTES_FILE_ACCEL_PREFIX.rstrip("/") + "/" + quote(name)
        return response
    if mode == "x-sendfile":
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = path
        return response
    # FileResponse closes the file when the response is done.
    response = FileResponse(open(path, "rb"), content_type=content_type)  # noqa: SIM115
    response["Content-Length"] = str(size)
    return response


def _headers(response, access, etag, last_modified):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["X-Content-Type-Options"] = "nosniff"
    if access.public:
        public_cache_control(response, settings.PROXY_CACHE_SECONDS)
    else:
        response["Cache-Control"] = "private, no-store"
    return response
