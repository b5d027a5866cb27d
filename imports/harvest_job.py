"""The job an RQ worker runs for one site (`harvest --all` queues it; `rq worker harvest` runs it).

A plain RQ worker has no Django: this module sets it up before touching the ORM, so it must not
import anything of the project at module level.
"""

import os


def harvest_site_job(site_id):
    """Harvest the HarvestSite `site_id` (unless another worker holds it); the run's summary as a dict."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    from dataclasses import asdict

    from imports.harvest import harvest_site
    from imports.models import HarvestSite

    site = HarvestSite.objects.filter(pk=site_id, enabled=True).first()
    if site is None:
        return {"skipped": f"site {site_id} is gone or disabled"}
    return asdict(harvest_site(site))
