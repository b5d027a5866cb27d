"""What the API (and the JSON exports built on it) say about each model.

`AgendaItemSerializer` is the ONE place that decides what data leaves the archive about an agenda
item: a closed item (lukket punkt) becomes its id, addresses, meeting, number, order and
closed=true, and nothing else, whatever the database holds. Every JSON output that lists items
(the API, the Open Civic Data exports in api/exports.py) goes through it.
"""

from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from agenda_items.models import SEARCH_COLUMNS, AgendaItem, Case, HistoryEntry, Position, in_item_order
from attachments.models import Attachment
from meetings.models import Committee, Meeting, Municipality, Person
from search.backends import MAX_QUERY_LENGTH, SECTIONS
from search.results import MAX_RESULTS, PAGE_SIZE, RANK_LIMIT


@extend_schema_field(OpenApiTypes.URI)
class LinkField(serializers.Field):
    """An absolute address made from the object: its page by default, else `path_of(obj)`."""

    def __init__(self, path_of=None, **kwargs):
        self.path_of = path_of or (lambda obj: obj.get_absolute_url())
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return self.context["request"].build_absolute_uri(self.path_of(obj))


@extend_schema_field(
    {
        "type": "string",
        "pattern": "^[0-2][0-9]:[0-5][0-9]$",
        "nullable": True,
        "description": "Local time in Copenhagen, HH:MM, as the minutes state it",
    }
)
class LocalTimeField(serializers.TimeField):
    """A meeting's clock time: local (Europe/Copenhagen) wall time, no offset, so not RFC 3339 `time`."""

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", read_only=True, allow_null=True, **kwargs)


def committee_route(name):
    return lambda committee: reverse(
        name, kwargs={"municipality": committee.municipality.slug, "slug": committee.slug}
    )


def pk_route(name):
    return lambda obj: reverse(name, kwargs={"pk": obj.pk})


class MunicipalityBriefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:municipality-detail")

    class Meta:
        model = Municipality
        fields = ["id", "url", "name", "slug"]


class CommitteeBriefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:committee-detail")

    class Meta:
        model = Committee
        fields = ["id", "url", "name", "slug"]


class MunicipalitySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:municipality-detail")
    html_url = LinkField()

    class Meta:
        model = Municipality
        fields = ["id", "url", "html_url", "name", "slug"]


class CommitteeSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:committee-detail")
    html_url = LinkField()
    municipality = MunicipalityBriefSerializer()
    feed_url = LinkField(committee_route("committee_feed"), help_text="Atom feed of the committee's meetings")
    calendar_url = LinkField(committee_route("committee_calendar"), help_text="iCalendar of its meetings")

    class Meta:
        model = Committee
        fields = ["id", "url", "html_url", "name", "slug", "municipality", "feed_url", "calendar_url"]


class PersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "name", "party"]


class PublicPersonSerializer(serializers.ModelSerializer):
    """A person the public minutes name: a participant of a meeting, absent from an open item, or named
    by a position on one (Person.objects.public(); the view selects the municipality)."""

    url = serializers.HyperlinkedIdentityField(view_name="api:person-detail")
    html_url = LinkField(help_text="The person's page: attendance and positions")
    party = serializers.CharField(help_text='The ballot letter last printed with the name ("Ø", "UP"), or ""')
    party_name = serializers.CharField(
        read_only=True, help_text='The national party the letter stands for ("Enhedslisten"), or ""'
    )
    municipality = MunicipalityBriefSerializer()

    class Meta:
        model = Person
        fields = ["id", "url", "html_url", "name", "party", "party_name", "municipality"]


class AttendanceSerializer(serializers.Serializer):
    """Minutes meetings attended, attended in part (absent from some of their open items with a
    decision) and missed (absent from all of them), as the person's page counts them."""

    attended = serializers.IntegerField()
    partly = serializers.IntegerField()
    missed = serializers.IntegerField()
    total = serializers.IntegerField()


class YearAttendanceSerializer(AttendanceSerializer):
    year = serializers.IntegerField(allow_null=True, help_text="null: meetings whose minutes state no date")


class StanceCountsSerializer(serializers.Serializer):
    """Positions the person took on the decisions of open items, by stance."""

    def get_fields(self):
        # Named by the stances' values ("for" is no Python name to declare a field by).
        return {stance: serializers.IntegerField() for stance in Position.Stance.values}


class PersonDetailSerializer(PublicPersonSerializer):
    """A person with their attendance at minutes meetings and their positions on the decisions of
    open items, counted as their page counts them."""

    # PersonViewSet sets `attendance_rows` (meetings.people.attendance_by_year) and `stance_counts`
    # (meetings.people.stance_counts of the person's open positions) on the person.
    attendance = serializers.SerializerMethodField()
    attendance_by_year = YearAttendanceSerializer(
        source="attendance_rows", many=True, help_text="Newest year first, undated meetings last"
    )
    positions_by_stance = serializers.SerializerMethodField()

    class Meta(PublicPersonSerializer.Meta):
        fields = [
            *PublicPersonSerializer.Meta.fields,
            "attendance",
            "attendance_by_year",
            "positions_by_stance",
        ]

    @extend_schema_field(AttendanceSerializer)
    def get_attendance(self, person):
        statuses = ("attended", "partly", "missed", "total")
        return {status: sum(row[status] for row in person.attendance_rows) for status in statuses}

    @extend_schema_field(StanceCountsSerializer)
    def get_positions_by_stance(self, person):
        return {stance: person.stance_counts.get(stance, 0) for stance in Position.Stance.values}


class MeetingBriefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:meeting-detail")
    html_url = LinkField()
    committee = CommitteeBriefSerializer()
    municipality = MunicipalityBriefSerializer(source="committee.municipality")

    class Meta:
        model = Meeting
        fields = ["id", "url", "html_url", "kind", "date", "committee", "municipality"]


class MeetingSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:meeting-detail")
    html_url = LinkField()
    ocd_url = LinkField(pk_route("meeting_ocd"), help_text="The meeting as an Open Civic Data Event")
    start_time = LocalTimeField()
    end_time = LocalTimeField()
    committee = CommitteeBriefSerializer()
    municipality = MunicipalityBriefSerializer(source="committee.municipality")

    class Meta:
        model = Meeting
        fields = [
            "id",
            "url",
            "html_url",
            "ocd_url",
            "kind",
            "date",
            "start_time",
            "end_time",
            "location",
            "committee",
            "municipality",
            "created",
            "updated",
        ]


class CaseBriefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:case-detail")
    html_url = LinkField()

    class Meta:
        model = Case
        fields = ["id", "url", "html_url", "number"]


class SectionSerializer(serializers.Serializer):
    heading = serializers.CharField()
    text = serializers.CharField()


class AttachmentSerializer(serializers.ModelSerializer):
    """A Bilag: `file_url` is the archive's copy (/files/..., through the closed-item check),
    `publisher_url` the publisher's own address of it; either may be null."""

    file_url = serializers.SerializerMethodField()
    publisher_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["order", "title", "file_url", "publisher_url"]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_publisher_url(self, attachment):
        return attachment.url or None

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_file_url(self, attachment):
        if not attachment.file:
            return None
        return self.context["request"].build_absolute_uri(attachment.file.url)


class PositionSerializer(serializers.ModelSerializer):
    person = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="The person `who` names (id), null for a party"
    )
    party = serializers.CharField(help_text="The national party the position stands for, or empty")

    class Meta:
        model = Position
        fields = ["who", "stance", "text", "person", "party"]


class HistoryEntrySerializer(serializers.ModelSerializer):
    positions = serializers.ListField(child=serializers.DictField(), help_text="That treatment's positions")
    absences = serializers.ListField(child=serializers.CharField(), help_text="Absent from that treatment")

    class Meta:
        model = HistoryEntry
        fields = ["committee", "date", "number", "text", "positions", "absences"]


class ClosedAgendaItemSerializer(serializers.ModelSerializer):
    """A closed item: where it is and that it is closed, nothing of its content."""

    url = serializers.HyperlinkedIdentityField(view_name="api:item-detail")
    html_url = LinkField()
    meeting = MeetingBriefSerializer()
    closed = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = ["id", "url", "html_url", "meeting", "number", "order", "closed"]

    @extend_schema_field({"type": "boolean", "enum": [True]})
    def get_closed(self, item):
        return True


class PublicAgendaItemSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:item-detail")
    html_url = LinkField()
    meeting = MeetingBriefSerializer()
    closed = serializers.SerializerMethodField()
    case = CaseBriefSerializer(allow_null=True)
    decided_by = serializers.ListField(child=serializers.CharField())
    sections = SectionSerializer(many=True)
    absences = PersonSerializer(many=True)
    attachments = AttachmentSerializer(many=True)
    positions = PositionSerializer(many=True, help_text="How parties and members stood on the decision")
    history = HistoryEntrySerializer(many=True, help_text="Earlier treatments, as the item lists them")

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "url",
            "html_url",
            "meeting",
            "number",
            "order",
            "closed",
            "title",
            "case",
            "presentation",
            "recommendation",
            "decision",
            "decided_by",
            "outcome",
            "outcome_target",
            "responsible",
            "duration_minutes",
            "sections",
            "absences",
            "attachments",
            "positions",
            "history",
        ]

    @extend_schema_field({"type": "boolean", "enum": [False]})
    def get_closed(self, item):
        return False


class AgendaItemSerializer(PublicAgendaItemSerializer):
    """An open item in full, a closed one as ClosedAgendaItemSerializer: the one place for that rule.

    Items need `meeting__committee__municipality` and `case` selected and `attachments` and
    `absences` prefetched (AgendaItem.objects.with_meeting() plus item_prefetches()).
    """

    def to_representation(self, item):
        if item.closed:
            return ClosedAgendaItemSerializer(item, context=self.context).to_representation(item)
        return super().to_representation(item)


# Columns of an item no output reads; the search vector alone can be larger than the rest of the row.
ITEM_DEFER = [*SEARCH_COLUMNS, "edited_fields"]


def item_prefetches(prefix=""):
    """What AgendaItemSerializer reads besides the item, as prefetches (`prefix`: "items__" from a meeting).

    Attachments without their extracted text, and all of them ordered by their own columns only:
    their default ordering (by agenda item, and so by meeting) would join both tables into the
    prefetch query (agenda_items.models.in_item_order).
    """
    attachments = Attachment.objects.order_by("order", "id").only(
        "id", "agenda_item_id", "order", "title", "file", "url"
    )
    return [
        Prefetch(f"{prefix}attachments", queryset=attachments),
        f"{prefix}absences",
        Prefetch(f"{prefix}positions", queryset=in_item_order(Position)),
        Prefetch(f"{prefix}history", queryset=in_item_order(HistoryEntry)),
    ]


class MeetingDetailSerializer(MeetingSerializer):
    participants = PersonSerializer(many=True)
    items = AgendaItemSerializer(many=True)

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "participants", "items"]


class CaseSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:case-detail")
    html_url = LinkField()
    feed_url = LinkField(
        pk_route("case_feed"), help_text="Atom feed: a new entry whenever the case is on a meeting"
    )
    ocd_url = LinkField(pk_route("case_ocd"), help_text="The case as an Open Civic Data Bill-like object")
    municipality = MunicipalityBriefSerializer()

    class Meta:
        model = Case
        fields = ["id", "url", "html_url", "feed_url", "ocd_url", "number", "municipality"]


class CaseDetailSerializer(CaseSerializer):
    timeline = AgendaItemSerializer(many=True, help_text="The case's open items in meeting date order")

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "timeline"]


class SearchParamsSerializer(serializers.Serializer):
    """The search's own query parameters (the meeting filters come from MeetingFilter)."""

    q = serializers.CharField(max_length=MAX_QUERY_LENGTH, help_text='Words, a "phrase", -word, or')
    section = serializers.ChoiceField(
        choices=list(SECTIONS), required=False, help_text="Search one part only"
    )
    outcome = serializers.ChoiceField(
        choices=AgendaItem.Outcome.values, required=False, help_text="Only decisions with this outcome"
    )
    sort = serializers.ChoiceField(choices=["relevance", "date"], default="relevance")
    page = serializers.IntegerField(min_value=1, max_value=MAX_RESULTS // PAGE_SIZE, default=1)


class SearchHitSerializer(serializers.Serializer):
    item = AgendaItemSerializer()
    snippet = serializers.CharField(help_text="HTML: escaped text with <mark> around the matches")


class SearchResultsSerializer(serializers.Serializer):
    query = serializers.CharField()
    total = serializers.IntegerField(help_text="Number of matching items, at most `max_results`")
    more_than_max = serializers.BooleanField(help_text="More items match than `total` says; sorted by date")
    max_results = serializers.IntegerField()
    fuzzy = serializers.BooleanField(help_text="Nothing matched the query: the hits are the suggestion's")
    suggestion = serializers.CharField(
        help_text='"Did you mean": the query with unknown words replaced by the archive\'s own, a word typed '
        'for two by the two as a phrase ("" if none)'
    )
    missing = serializers.ListField(
        child=serializers.CharField(),
        help_text="Words or phrases of the query that no item holds, left out of `suggestion` (whose hits "
        "these are) when the rest finds something",
    )
    some_words = serializers.BooleanField(
        help_text="No item holds every word of the query: the hits hold some of them (`suggestion`, "
        "the words with `or` between)"
    )
    timed_out = serializers.BooleanField(help_text="The search took too long and was stopped: narrow it")
    sort = serializers.CharField(
        help_text="The order of the hits: `relevance`, or `date` (newest first) when asked for or when more "
        f"than {RANK_LIMIT} items match (more are counted and faceted, not ranked)"
    )
    page = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    cases = CaseSerializer(many=True, help_text="Cases whose number the query is")
    results = SearchHitSerializer(many=True)
