"""At most a few confirmation mails a day per address and per client address.

Counted in the database (the Throttle model), not in the cache: the page cache may be a memory
cache per worker, and a limit each worker counts by itself is no limit. A row holds a keyed
hash of the address or the client's IP address, the day and a count; send_alerts deletes rows
from earlier days.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from minutes_site.login_guard import client_address

from .models import Throttle, keyed_hash


def _take(key, limit):
    """Count one more for `key` today; False (and nothing counted) if the limit is reached."""
    today = timezone.localdate()
    with transaction.atomic():
        row, _created = Throttle.objects.select_for_update().get_or_create(key=key, day=today)
        if row.count >= limit:
            return False
        Throttle.objects.filter(pk=row.pk).update(count=F("count") + 1)
    return True


def allow_client(request):
    """Whether this client may ask for one more confirmation mail today (and count it)."""
    address = client_address(request) or "unknown"
    return _take(keyed_hash(f"client:{address}"), settings.ALERTS_CONFIRMATIONS_PER_CLIENT)


def allow_address(email):
    """Whether `email` may get one more confirmation mail today (and count it)."""
    return _take(keyed_hash(f"address:{email}"), settings.ALERTS_CONFIRMATIONS_PER_ADDRESS)


def forget_address(email):
    """Delete the count kept for `email` ("delete everything about me")."""
    Throttle.objects.filter(key=keyed_hash(f"address:{email}")).delete()


def delete_old():
    """Delete the counts of earlier days."""
    Throttle.objects.filter(day__lt=timezone.localdate()).delete()
