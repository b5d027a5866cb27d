"""manage.py cleanup_files: delete stored files no row refers to, and expire forgotten uploads.

Deleting or replacing a row deletes its file after the commit (attachments/signals.py); this
command finds what that misses: files left by a crash between the commit and the delete, by
`QuerySet.update()` of a file column, by older versions of the site, and uploads that a clerk
neither confirmed nor cancelled (ImportRecord pending for more than --pending-days: marked
cancelled as expired, its upload and text deleted).

A file younger than --grace-hours is never touched: an upload in progress is written before its
row is committed. Run it daily (cron, a scheduled container); --dry-run lists without deleting.
"""

import datetime
import os
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from attachments.files import import_record_model, referenced_names


class Command(BaseCommand):
    help = "Delete files under MEDIA_ROOT that no row refers to, and expire pending uploads older than a day."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would go; change nothing.")
        parser.add_argument(
            "--grace-hours",
            type=float,
            default=24,
            help="Leave files younger than this alone (default 24).",
        )
        parser.add_argument(
            "--pending-days",
            type=float,
            default=1,
            help="Expire uploads left pending longer than this (default 1).",
        )

    def handle(self, *args, dry_run=False, grace_hours=24, pending_days=1, **options):
        expired = self.expire_pending(datetime.timedelta(days=pending_days), dry_run)
        removed, kept_bytes = self.remove_orphans(grace_hours * 3600, dry_run)
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            f"{expired} pending upload(s) {verb} expired; {len(removed)} unreferenced file(s) "
            f"({sum(size for _, size in removed)} bytes) {verb} deleted; {kept_bytes} bytes in use."
        )

    def expire_pending(self, age, dry_run):
        count = 0
        for record in import_record_model().objects.stale(age):
            self.stdout.write(
                f"expire pending upload {record.pk} ({record.file_name}, {record.created:%Y-%m-%d})"
            )
            if dry_run or record.expire():
                count += 1
        return count

    def remove_orphans(self, grace_seconds, dry_run):
        """Delete unreferenced files older than the grace period; ([(name, size)], bytes kept)."""
        root = os.path.realpath(settings.MEDIA_ROOT)
        if not os.path.isdir(root):
            return [], 0
        referenced = referenced_names()
        cutoff = time.time() - grace_seconds
        removed, kept_bytes = [], 0
        for folder, _dirs, files in os.walk(root):
            for filename in files:
                if filename.startswith("."):  # .gitkeep and the like are not the archive's
                    continue
                path = os.path.join(folder, filename)
                name = os.path.relpath(path, root).replace(os.sep, "/")
                stat = os.lstat(path)
                if name in referenced or stat.st_mtime > cutoff:
                    kept_bytes += stat.st_size
                    continue
                self.stdout.write(f"{'would delete' if dry_run else 'delete'} {name}")
                removed.append((name, stat.st_size))
                if not dry_run:
                    os.remove(path)
        return removed, kept_bytes
