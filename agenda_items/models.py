"""Agenda items (punkter) and the cases (sager) that tie them together across meetings."""

import re

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Prefetch
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from meetings import parties
from meetings.models import Meeting, Municipality, Person, choice_label


def normalize_case_number(number):
    """The lookup form of a case number: no spaces, upper case, '-' and '.' read as '/'.

    `25/31181`, ` 25/31181 ` and `25-31181` are the same case; so are `emn-2024-027961`
    and `EMN-2024-027961`.
    """
    return re.sub(r"\s*[-./\\]+\s*|\s+", "/", (number or "").strip()).strip("/").upper()


class CaseQuerySet(models.QuerySet):
    def public(self):
        """Cases with at least one open item: a case seen only on closed items is not public."""
        return self.filter(models.Exists(AgendaItem.objects.public().filter(case=models.OuterRef("pk"))))

    def by_number(self, number):
        """Cases whose number normalises like `number` (one per municipality at most)."""
        return self.filter(normalized=normalize_case_number(number))


class Case(models.Model):
    """A case (sag) by its number within a municipality: the thread from meeting to meeting."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="cases", verbose_name=_("kommune")
    )
    number = models.CharField(_("sagsnummer"), max_length=100)
    normalized = models.CharField(_("normaliseret sagsnummer"), max_length=100, editable=False)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["municipality__name", "number"]
        verbose_name = _("sag")
        verbose_name_plural = _("sager")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "normalized"], name="case_unique_number"),
        ]
        indexes = [models.Index(fields=["normalized"], name="case_normalized")]

    def __str__(self):
        return f"{self.number} ({self.municipality})"

    def save(self, *args, **kwargs):
        # Keeping the lookup column in step with the printed number is part of the field's
        # definition, not business logic.
        self.normalized = normalize_case_number(self.number)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("agenda_items:case", kwargs={"pk": self.pk})


# The stored search columns (kept by search/index.py): 2-7 KB a row
# that no page shows, so page queries leave them out.
SEARCH_COLUMNS = (
    "search_vector",
    "word_pairs",
    "title_vector",
    "decision_vector",
    "recommendation_vector",
    "presentation_vector",
)


def in_item_order(model):
    """The rows of `model` (Position, HistoryEntry) for prefetching onto items, ordered by their
    own columns: the models' ordering ("item", "order") follows the item to its meeting's date,
    which joined two tables into each prefetch, and planning that join took longer than running it.
    (Each item's rows come out in the same order.)"""
    return model.objects.order_by("item_id", "order")


# The related rows a page shows of an item, as plain lists (Prefetch's `to_attr`): for_display() and
# with_decisions() load them. A prefetch into the relation's manager (`item.absences.all`) builds a
# queryset per item and relation, filters and all: loading a real meeting of 51 items took 28 ms
# that way and takes 18 with the lists, which are set as they are. The item partial's cache key
# reads these lists (agenda_items/templatetags/fragments.py).
DISPLAY_LISTS = ("absence_list", "attachment_list", "position_list", "history_list")


class AgendaItemQuerySet(models.QuerySet):
    def public(self):
        """Items a page may show in full (closed items show only number and "Lukket punkt")."""
        return self.filter(closed=False)

    def with_meeting(self):
        """Items with their meeting, committee, municipality and case; without the search columns."""
        return self.select_related("meeting__committee__municipality", "case").defer(*SEARCH_COLUMNS)

    def for_display(self):
        """Items as pages show them: case, absences and Bilag titles (not the Bilag's long text), as
        the lists DISPLAY_LISTS name (`item.absence_list`, `item.attachment_list`, and
        with_decisions()'s)."""
        # The Bilag model through the relation: attachments sits above this module and imports it.
        # In their own order, as in_item_order() says why.
        attachments = (
            self.model._meta.get_field("attachments")
            .related_model.objects.defer("text", "pages")
            .order_by("agenda_item_id", "order")
        )
        return (
            self.select_related("case")
            .defer(*SEARCH_COLUMNS)
            .with_decisions()
            .prefetch_related(
                Prefetch("absences", to_attr="absence_list"),
                Prefetch("attachments", attachments, to_attr="attachment_list"),
            )
        )

    def with_decisions(self):
        """Items with the positions taken on their decisions (person selected) and their Sagsforløb,
        as `item.position_list` and `item.history_list`."""
        return self.prefetch_related(
            Prefetch("positions", in_item_order(Position).select_related("person"), to_attr="position_list"),
            Prefetch("history", in_item_order(HistoryEntry), to_attr="history_list"),
        )

    def timeline(self):
        """Items in meeting date order (undated last), the way a case is followed."""
        return self.with_meeting().order_by(
            models.F("meeting__date").asc(nulls_last=True), "meeting_id", "order"
        )


class AgendaItem(models.Model):
    """One item (punkt) of a meeting with its sections as the minutes print them."""

    class Outcome(models.TextChoices):
        """What a decision decided, read from its text by imports.prose.outcome() (the same codes
        and labels as imports.prose.OUTCOMES; tests/agenda_items/test_outcomes.py keeps them equal).
        "" (no outcome): a closed item or an item without a decision."""

        APPROVED = "approved", _("Godkendt")
        RECOMMENDED = "recommended", _("Anbefalet")
        NOTED = "noted", _("Taget til efterretning")
        POSTPONED = "postponed", _("Udsat")
        SENT_ON = "sent_on", _("Sendt videre")
        SENT_BACK = "sent_back", _("Sendt tilbage")
        REJECTED = "rejected", _("Ikke godkendt")
        OTHER = "other", _("Andet")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("møde")
    )
    number = models.CharField(_("nummer"), max_length=20)
    order = models.PositiveIntegerField(_("rækkefølge"), default=0)
    title = models.TextField(_("titel"))
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="items", verbose_name=_("sag")
    )
    closed = models.BooleanField(_("lukket punkt"), default=False)
    presentation = models.TextField(_("sagsfremstilling"), blank=True)
    recommendation = models.TextField(_("indstilling"), blank=True)
    decision = models.TextField(_("beslutning"), blank=True)
    decided_by = models.JSONField(_("sagen afgøres i"), default=list, blank=True)
    outcome = models.CharField(_("udfald"), max_length=12, choices=Outcome.choices, blank=True)
    # The body a "sent_on" decision names ("Fremsendes til Teknisk Udvalg" -> "Teknisk Udvalg").
    outcome_target = models.CharField(_("sendt videre til"), max_length=200, blank=True)
    absences = models.ManyToManyField(Person, related_name="absent_from", blank=True, verbose_name=_("afbud"))
    duration_minutes = models.PositiveIntegerField(_("varighed (minutter)"), null=True, blank=True)
    responsible = models.CharField(_("ansvarlig"), max_length=200, blank=True)
    # Other headings met inside the item ("Økonomi", "Baggrund/formål", ...), in order:
    # [{"heading": str, "text": str}].
    sections = models.JSONField(_("andre afsnit"), default=list, blank=True)
    # Fields a clerk corrected by hand; a re-import leaves them as the clerk left them.
    edited_fields = models.JSONField(_("rettet i hånden"), default=list, blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    # Every pair of adjacent words of search_vector as one lexeme ("social ydels"): the index that
    # lets a phrase search ("sociale ydelser") find its few candidates instead of rechecking word
    # positions in every item that holds both words.
    word_pairs = SearchVectorField(null=True, editable=False)
    # The words of each section a search can be limited to, with their positions: the search asks a
    # section's own index which items hold the query there, and confirms a phrase from these
    # instead of parsing the section's text again.
    title_vector = SearchVectorField(null=True, editable=False)
    decision_vector = SearchVectorField(null=True, editable=False)
    recommendation_vector = SearchVectorField(null=True, editable=False)
    presentation_vector = SearchVectorField(null=True, editable=False)

    objects = AgendaItemQuerySet.as_manager()

    # Everything of an item an import sets and a clerk may correct (imports/load.py leaves a field
    # named in `edited_fields` as the clerk left it).
    IMPORTED_FIELDS = [
        "title",
        "closed",
        "presentation",
        "recommendation",
        "decision",
        "decided_by",
        "outcome",
        "outcome_target",
        "duration_minutes",
        "responsible",
        "sections",
        "case",
        "absences",
    ]

    class Meta:
        ordering = ["meeting", "order"]
        verbose_name = _("punkt")
        verbose_name_plural = _("punkter")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="item_unique_number"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def save(self, *args, **kwargs):
        adding, stored = self._state.adding, getattr(self, "_stored_closed", None)
        super().save(*args, **kwargs)
        # A clerk closed or opened a stored item: its positions' copy follows. (A re-import saves
        # every item; only a change costs a query.)
        if not adding and self.closed != stored:
            Position.objects.filter(item=self).exclude(item_closed=self.closed).update(
                item_closed=self.closed
            )
        self._stored_closed = self.closed

    def get_absolute_url(self):
        return reverse("agenda_items:item", kwargs={"meeting": self.meeting_id, "number": self.number})

    @classmethod
    def from_db(cls, db, field_names, values):
        item = super().from_db(db, field_names, values)
        item._stored_closed = item.__dict__.get("closed")  # None: not loaded (.only(), .defer())
        return item

    @property
    def outcome_label(self):
        """The outcome as a reader sees it: "Sendt videre til Teknisk Udvalg", "Udsat"; "" for none."""
        if not self.outcome:
            return ""
        if self.outcome == self.Outcome.SENT_ON and self.outcome_target:
            return _("Sendt videre til %(target)s") % {"target": self.outcome_target}
        return self.get_outcome_display()

    def get_outcome_display(self):
        return choice_label(self.Outcome, self.outcome)

    def note_clerk_edits(self, changed_fields):
        """Record which imported fields a clerk changed by hand (form.changed_data), so that
        importing the document again keeps them."""
        self.edited_fields = [
            name for name in self.IMPORTED_FIELDS if name in changed_fields or name in self.edited_fields
        ]


class HistoryEntry(models.Model):
    """One earlier treatment of an item's case as the item prints it ("Sagsforløb", "Sagens
    forløb"): where, when and as which item, and what was decided there. Its positions and
    absences belong to that treatment, not to the item, and are kept with it as printed."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="history", verbose_name=_("punkt")
    )
    order = models.PositiveIntegerField(_("rækkefølge"), default=0)
    committee = models.CharField(_("udvalg"), max_length=200, blank=True)
    date = models.DateField(_("dato"), null=True, blank=True)
    number = models.CharField(_("punktnummer"), max_length=20, blank=True)
    text = models.TextField(_("tekst"), blank=True)
    # [{"who": str, "stance": str, "text": str}] and ["name", ...], as the treatment's text says.
    positions = models.JSONField(_("holdninger"), default=list, blank=True)
    absences = models.JSONField(_("fraværende"), default=list, blank=True)

    class Meta:
        ordering = ["item", "order"]
        verbose_name = _("tidligere behandling")
        verbose_name_plural = _("sagsforløb")
        indexes = [models.Index(fields=["committee", "date"], name="history_committee_date")]

    def __str__(self):
        when = self.date.isoformat() if self.date else "?"
        return f"{self.committee} {when}"


class Position(models.Model):
    """How a party group or a person stood on an item's decision, as the decision says it."""

    class Stance(models.TextChoices):
        FOR = "for", _("For")
        AGAINST = "against", _("Imod")
        RESERVATION = "reservation", _("Tog forbehold")
        ABSTAINED = "abstained", _("Undlod at stemme")

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="positions", verbose_name=_("punkt")
    )
    order = models.PositiveIntegerField(_("rækkefølge"), default=0)
    who = models.CharField(_("hvem"), max_length=200)
    stance = models.CharField(_("holdning"), max_length=12, choices=Stance.choices)
    text = models.TextField(_("sætning"), blank=True)
    # Set by the import: the person `who` names ("John T. Olsen (A)"; None for a party or a name
    # the archive could not tie to one person) and the party it stands for, a party's position
    # or a person's with a ballot letter ("Socialdemokratiet"; "" when none is known).
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("person"),
    )
    party = models.CharField(_("parti"), max_length=100, blank=True, db_index=True)
    # The item's municipality, its meeting's date and whether it is closed, stored again here so that
    # a party's page reads its thousands of positions in one index range (municipality, party) and
    # orders and counts them without visiting their items and meetings. An item never changes
    # municipality; AgendaItem.save() and meeting_date_changed() keep the other two; save() fills
    # all three from the item; bulk writers pass them.
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("kommune"),
    )
    meeting_date = models.DateField(_("mødets dato"), null=True, blank=True)
    item_closed = models.BooleanField(_("lukket punkt"), default=False)

    class Meta:
        ordering = ["item", "order"]
        verbose_name = _("holdning")
        verbose_name_plural = _("holdninger")
        indexes = [models.Index(fields=["municipality", "party"], name="position_municipality_party")]

    def __str__(self):
        return f"{self.who}: {self.get_stance_display()}"

    def save(self, *args, **kwargs):
        if self.municipality_id is None:
            self.municipality_id, self.meeting_date, self.item_closed = (
                AgendaItem.objects.filter(pk=self.item_id)
                .values_list("meeting__committee__municipality_id", "meeting__date", "closed")
                .get()
            )
        super().save(*args, **kwargs)

    def get_stance_display(self):
        return choice_label(self.Stance, self.stance)

    @property
    def party_letter(self):
        """The ballot letter of the party the position stands for ("Enhedslisten" -> "Ø"), else ""."""
        return parties.LETTER_OF.get(self.party, "")

    @property
    def party_slug(self):
        """The slug of the party's page, "" when the position stands for no national party."""
        return parties.party_slug(self.party) if self.party in parties.LETTER_OF else ""

    @property
    def is_party(self):
        """Whether the position is a party group's own ("Venstre stemte imod"), not a person's."""
        return bool(self.party) and self.who == self.party


@receiver(post_save, sender=Meeting, dispatch_uid="positions_follow_meeting_date")
def meeting_date_changed(sender, instance, created, raw=False, **kwargs):
    """A meeting's date corrected (by a clerk or a new version of the minutes): its positions'
    copy of it follows."""
    if not created and not raw:
        Position.objects.filter(item__meeting=instance).exclude(meeting_date=instance.date).update(
            meeting_date=instance.date
        )
