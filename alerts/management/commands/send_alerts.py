"""manage.py send_alerts: mail every address what is new in what it follows (alerts/sending.py).

Run it from cron or a systemd timer (docs/OPERATIONS.md). Exits non-zero if mail cannot be sent;
whatever was not sent is sent by the next run.
"""

import smtplib

from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError

from alerts.sending import send_alerts


class Command(BaseCommand):
    help = "Send one e-mail per address with the new items in the cases, committees and searches it follows."

    def handle(self, *args, **options):
        try:
            send_alerts(log=lambda message: self.stdout.write(message))
        except (smtplib.SMTPException, OSError) as error:
            raise CommandError(
                f"Could not send mail ({error.__class__.__name__}: {error}); "
                "nothing unsent is marked as sent, the next run sends it."
            ) from error
        except OperationalError as error:
            # SQLite: another run holds the database (PostgreSQL skips locked rows instead).
            raise CommandError(f"Database busy, probably another send_alerts run: {error}") from error
