"""factory_boy factories for the archive's models, shared by every test package."""

import datetime

import factory

from agenda_items.models import AgendaItem, Case
from attachments.models import Attachment
from meetings.models import Committee, Meeting, Municipality, Person


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kommune {n}")
    slug = factory.Sequence(lambda n: f"kommune-{n}")


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Udvalg {n}")
    slug = factory.Sequence(lambda n: f"udvalg-{n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    party = "A"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    committee = factory.SubFactory(CommitteeFactory)
    kind = Meeting.Kind.MINUTES
    # A distinct date per meeting keeps the (committee, kind, date) constraint happy.
    date = factory.Sequence(lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    start_time = datetime.time(14, 30)
    end_time = datetime.time(16, 0)
    location = "Byrådssalen"
    fingerprint = factory.Sequence(lambda n: f"fp{n}")

    @factory.post_generation
    def participants(self, create, extracted, **kwargs):
        if create and extracted:
            self.participants.add(*extracted)


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    municipality = factory.SubFactory(MunicipalityFactory)
    number = factory.Sequence(lambda n: f"25/{31000 + n}")


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Punkt om emne {n}")
    presentation = "Forvaltningen fremlægger sagen."
    recommendation = "at sagen godkendes."
    decision = "Godkendt."
    decided_by = factory.LazyFunction(lambda: ["Byrådet"])
    responsible = "Jobcenter og Borgerservice"
    duration_minutes = 10
    sections = factory.LazyFunction(lambda: [{"heading": "Økonomi", "text": "Ingen konsekvenser."}])

    @factory.post_generation
    def absences(self, create, extracted, **kwargs):
        if create and extracted:
            self.absences.add(*extracted)


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    agenda_item = factory.SubFactory(AgendaItemFactory)
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Bilag {n}")


def meeting_with_items(count, **meeting_fields):
    """A meeting with `count` items, each on its own case with two attachments and two absences.

    The query-count tests render it with 1 and with 40 items under the same bound, so an N+1 fails.
    """
    meeting = MeetingFactory(**meeting_fields)
    municipality = meeting.committee.municipality
    meeting.participants.add(*PersonFactory.create_batch(3, municipality=municipality))
    for _ in range(count):
        item = AgendaItemFactory(
            meeting=meeting,
            case=CaseFactory(municipality=municipality),
            absences=PersonFactory.create_batch(2, municipality=municipality),
        )
        AttachmentFactory.create_batch(2, agenda_item=item)
    return meeting
