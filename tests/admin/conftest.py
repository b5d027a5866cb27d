"""Users and sample minutes for the admin's import pages."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User

from meetings.models import Municipality, MunicipalityClerk

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "minutes"
AABENRAA_SEED = next(SEEDS.glob("aabenraa-*.txt"))
AARHUS_SEED = next(SEEDS.glob("aarhus-*.txt"))

# Aabenraa's format without the meeting's date (the header names only the committee).
UNDATED = """REFERAT Social- og Seniorudvalget

Mødested Aabenraa Rådhus, mødelokale 2

Mødedeltagere Mette Hansen (A), Ib Mikkelsen (Æ)

Punkt 1: Godkendelse af dagsorden

25/40001

Beslutning Social- og Seniorudvalget

Godkendt.

Punkt 2: Ny organisering af hjemmeplejen

25/38410

Sagsfremstilling

Hjemmeplejen i Rødekro og Tinglev lægges sammen under én ledelse.

Indstilling

at den nye organisering godkendes.

Beslutning Social- og Seniorudvalget

Godkendt.

Bilag

Organisationsdiagram for hjemmeplejen

Høringssvar fra MED-udvalget
"""


def make_clerk_of(user, *names):
    """Make `user` a clerk of the municipalities `names` (created if the archive has none yet)."""
    for name in names:
        municipality, _ = Municipality.objects.get_or_create(name=name, defaults={"slug": name.lower()})
        MunicipalityClerk.objects.create(user=user, municipality=municipality)


@pytest.fixture
def clerk(db):
    """A clerk of the two municipalities whose seed minutes the admin tests import."""
    user = User.objects.create_user("sekretaer", password="hemmelig-kode-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Clerk"))
    make_clerk_of(user, "Aabenraa", "Aarhus")
    return user


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("admin", password="hemmelig-kode-2")
