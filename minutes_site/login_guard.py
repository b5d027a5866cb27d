"""Admin login protection that works behind a reverse proxy (django-axes, settings AXES_*).

Behind a proxy every request comes from the proxy's address, so a lockout keyed on user name +
address let five bad passwords from anyone lock a clerk out, and let one client try four
passwords on every user name (PITFALLS.md). Here:

- `client_address()` is the client's own address: X-Forwarded-For is read from the right, one
  hop per proxy listed in settings.TRUSTED_PROXIES, and the first address no trusted proxy stands
  behind is the client. A header sent by the client itself is never believed, because its
  connection does not come from a trusted proxy.
- `AddressAndUserHandler` applies two limits: AXES_FAILURE_LIMIT failures for one user name
  from one address lock that pair (a stranger elsewhere cannot lock the clerk out), and
  MINUTES_LOGIN_ADDRESS_LIMIT failures from one address, across user names, lock the address.
  Both end after AXES_COOLOFF_TIME. Each lockout is logged as a warning.
"""

import ipaddress
import logging

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_lockout_parameters
from django.conf import settings
from django.db.models import Sum

logger = logging.getLogger(__name__)


def _networks():
    networks = []
    for entry in settings.TRUSTED_PROXIES:
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            logger.error("DJANGO_TRUSTED_PROXIES: %r is not an address or network; ignored", entry)
    return networks


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_address(request):
    """The client's address: REMOTE_ADDR, or X-Forwarded-For as far as trusted proxies vouch for it."""
    remote = request.META.get("REMOTE_ADDR", "")
    current = _address(remote)
    if current is None:
        return remote or None
    networks = _networks()
    forwarded = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    # Each trusted proxy appended the address it was connected from; walk back until an address
    # is not one of ours. A malformed entry stops the walk at the last proxy that vouched for it.
    while forwarded and any(current in network for network in networks):
        previous = _address(forwarded.pop())
        if previous is None:
            break
        current = previous
    return str(current)


def _is_address_only(parameter):
    return parameter == "ip_address" or list(parameter) == ["ip_address"]


class AddressAndUserHandler(AxesDatabaseHandler):
    """django-axes' database handler with a separate, higher limit for an address across user names.

    axes compares one number with AXES_FAILURE_LIMIT: the largest failure count of the lockout
    parameter sets. Address-only counts are scaled so that MINUTES_LOGIN_ADDRESS_LIMIT of them
    reach that limit; the user name + address count is taken as it is.
    """

    def get_failures(self, request, credentials=None):
        user_limit = settings.AXES_FAILURE_LIMIT
        address_limit = max(settings.MINUTES_LOGIN_ADDRESS_LIMIT, 1)
        parameters = get_lockout_parameters(request, credentials)
        worst = 0
        for parameter, attempts in zip(parameters, self.get_user_attempts(request, credentials), strict=True):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            if _is_address_only(parameter):
                failures = failures * user_limit // address_limit
            worst = max(worst, failures)
        return worst

    def reset_user_attempts(self, request, credentials=None):
        """On a successful login, forget that user's failures from this address only.

        axes would also clear the address-wide count, so a client with one account of its own
        could reset its guessing budget by logging in between rounds.
        """
        parameters = get_lockout_parameters(request, credentials)
        count = 0
        for parameter, attempts in zip(
            parameters, self.filter_user_attempts(request, credentials), strict=True
        ):
            if not _is_address_only(parameter):
                count += attempts.delete()[0]
        return count

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        already = getattr(request, "axes_locked_out", False)
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and getattr(request, "axes_locked_out", False) and not already:
            logger.warning(
                "Admin login locked out for %s hours: user name %r from address %s",
                settings.AXES_COOLOFF_TIME,
                get_client_username(request, credentials),
                request.axes_ip_address,
            )
