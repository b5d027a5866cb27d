"""Municipalities, their committees, meetings and the people who attend them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import parties
from .storage import UnguessableName

# The group (meetings/migrations/0002) whose staff may import minutes.
CLERK_GROUP = "Clerk"


def choice_label(choices, value):
    """The label of `value` among `choices` (a TextChoices class) in the active language, or the
    value itself when it is none of them: what Django's get_FOO_display() answers. That builds and
    hashes every label of the field at each call (about 140 µs); the pages call it for each item,
    position and meeting row they show, so the models with choices define their own (about 4 µs)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def is_clerk(user):
    """Users who may import minutes: superusers and staff in the Clerk group."""
    return (
        user.is_active
        and user.is_staff
        and (user.is_superuser or user.groups.filter(name=CLERK_GROUP).exists())
    )


class MunicipalityQuerySet(models.QuerySet):
    def editable_by(self, user):
        """The municipalities whose meetings `user` may import and change: all for a superuser,
        for a clerk the ones they are a clerk of (MunicipalityClerk), none for anyone else."""
        if not (user.is_active and user.is_staff):
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(clerks__user=user)


class Municipality(models.Model):
    """A Danish municipality (kommune) whose minutes the archive holds."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    # Slugs it had before (meetings/slugs.py): their addresses redirect to the current one.
    old_slugs = models.JSONField(_("tidligere slugs"), default=list, blank=True, editable=False)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:municipality", kwargs={"slug": self.slug})


class MunicipalityClerk(models.Model):
    """A user who may import and correct one municipality's minutes in the admin: a clerk of it.

    Superusers give these out on the user's admin page. A clerk sees and changes only the meetings,
    committees, items, cases, people and Bilag of their municipalities.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clerk_of", verbose_name=_("bruger")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="clerks", verbose_name=_("kommune")
    )

    class Meta:
        ordering = ["municipality__name"]
        verbose_name = _("sekretær for kommune")
        verbose_name_plural = _("sekretær for kommuner")
        constraints = [
            models.UniqueConstraint(fields=["user", "municipality"], name="municipality_clerk_unique"),
        ]

    def __str__(self):
        return f"{self.user} ({self.municipality})"


class Committee(models.Model):
    """A committee (udvalg), council (byråd) or alderman's meeting series of one municipality."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="committees", verbose_name=_("kommune")
    )
    name = models.CharField(_("navn"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    old_slugs = models.JSONField(_("tidligere slugs"), default=list, blank=True, editable=False)

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("udvalg")
        verbose_name_plural = _("udvalg")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="committee_unique_slug"),
            models.UniqueConstraint(fields=["municipality", "name"], name="committee_unique_name"),
        ]

    def __str__(self):
        return f"{self.name} ({self.municipality})"

    def get_absolute_url(self):
        return reverse(
            "meetings:committee", kwargs={"municipality": self.municipality.slug, "slug": self.slug}
        )


class PersonQuerySet(models.QuerySet):
    def public(self):
        """The people the public minutes name: participants of a meeting with minutes (an agenda says
        who is invited, not who came), people absent from an open item, people a position on an open
        item names: the people with a page (meetings.people.PersonView). Someone known only from
        closed items (lukket punkt) is not among them. The people page and /api/people/ list these.

        Read through Person's own reverse relations (Meeting.participants, AgendaItem.absences,
        Position.person), so this module imports nothing of the apps above it. Each test is an
        EXISTS on the person's id, answered from the person_id index of its table."""
        person = models.OuterRef("pk")
        participants = self.model._meta.get_field("meetings").through
        absences = self.model._meta.get_field("absent_from").through
        positions = self.model._meta.get_field("positions").related_model
        return self.filter(
            models.Exists(participants.objects.filter(person=person, meeting__kind="minutes"))
            | models.Exists(absences.objects.filter(person=person, agendaitem__closed=False))
            | models.Exists(positions.objects.filter(person=person, item__closed=False))
        )


class Person(models.Model):
    """A member as the minutes name them, one per municipality and name: "Jens Møller Bach" and
    "Jens Møller Bach (A)" are one person, whose party letter is the one last printed with the name.
    Names written differently ("Mehmet Dogru", "Mehmet Zeki Dogru") stay apart: nothing is guessed."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="people", verbose_name=_("kommune")
    )
    name = models.CharField(_("navn"), max_length=200)
    party = models.CharField(_("parti"), max_length=10, blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="person_unique_name"),
        ]

    def __str__(self):
        return f"{self.name} ({self.party})" if self.party else self.name

    def get_absolute_url(self):
        return reverse("meetings:person", kwargs={"municipality": self.municipality.slug, "pk": self.pk})

    @property
    def party_name(self):
        """The party the ballot letter stands for ("A" -> "Socialdemokratiet"), else ""."""
        return parties.PARTY_LETTERS.get(self.party, "")


class MeetingQuerySet(models.QuerySet):
    def with_committee(self):
        """Meetings with their committee and municipality in the same query."""
        return self.select_related("committee__municipality")

    def for_municipality(self, municipality):
        return self.filter(committee__municipality=municipality)

    def for_committee(self, committee):
        return self.filter(committee=committee)

    def newest_first(self):
        return self.order_by(models.F("date").desc(nulls_last=True), "-id")


class Meeting(models.Model):
    """One meeting of a committee as one document describes it: its agenda or its minutes."""

    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Dagsorden")
        MINUTES = "minutes", _("Referat")

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("udvalg")
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.MINUTES)
    date = models.DateField(
        _("dato"), null=True, blank=True, help_text=_("Tom hvis referatet ikke angiver den.")
    )
    start_time = models.TimeField(_("starttid"), null=True, blank=True)
    end_time = models.TimeField(_("sluttid"), null=True, blank=True)
    location = models.CharField(_("mødested"), max_length=300, blank=True)
    participants = models.ManyToManyField(
        Person, related_name="meetings", blank=True, verbose_name=_("deltagere")
    )
    # Meetings whose date is not stated are told apart by a fingerprint of their items,
    # so that a re-import finds them again (see importers/load.py).
    fingerprint = models.CharField(_("fingeraftryk"), max_length=64, blank=True, editable=False)
    warnings = models.JSONField(_("advarsler fra importen"), default=list, blank=True)
    source_name = models.CharField(_("kildedokument"), max_length=300, blank=True)
    # Stored under a random name (source_name keeps the uploaded one): see attachments/files.py.
    source_file = models.FileField(_("kildefil"), upload_to=UnguessableName("minutes"), blank=True)
    source_hash = models.CharField(_("kildens SHA-256"), max_length=64, blank=True)
    # The publisher's own id of the meeting and where its document was read (a FirstAgenda
    # Publication site's API answer): what a harvest finds the meeting again by, also when its
    # agenda has become minutes.
    # A default in the database too, so that code of the release before (rolling deploys, an older
    # migration's state) can still insert meetings.
    external_id = models.CharField(
        _("id hos udgiveren"), max_length=100, blank=True, default="", db_default="", db_index=True
    )
    source_url = models.URLField(_("kildens adresse"), max_length=500, blank=True, default="", db_default="")
    created = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated = models.DateTimeField(_("opdateret"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = [models.F("date").desc(nulls_last=True), "-id"]
        verbose_name = _("møde")
        verbose_name_plural = _("møder")
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "kind", "date"],
                condition=models.Q(date__isnull=False),
                name="meeting_unique_dated",
            ),
            models.UniqueConstraint(
                fields=["committee", "kind", "fingerprint"],
                condition=models.Q(date__isnull=True),
                name="meeting_unique_undated",
            ),
        ]
        indexes = [
            models.Index(fields=["committee", "-date"], name="meeting_committee_date"),
            models.Index(fields=["-date", "-id"], name="meeting_date_id"),
        ]

    def __str__(self):
        when = self.date.isoformat() if self.date else _("dato ukendt")
        return f"{self.committee.name} {when} ({self.get_kind_display()})"

    def get_absolute_url(self):
        return reverse("meetings:meeting", kwargs={"pk": self.pk})

    def get_kind_display(self):
        return choice_label(self.Kind, self.kind)
