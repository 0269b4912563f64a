"""factory_boy factories for the meeting record. Economies come from the reference data."""
import datetime

import factory

from meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    Decision,
    Document,
    Economy,
    Forum,
    Meeting,
    Participant,
)
from projects.models import Project


def economy(code: str) -> Economy:
    return Economy.objects.get(code=code)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    forum = factory.LazyFunction(lambda: Forum.objects.get(code="SMEWG"))
    number = factory.Sequence(lambda n: 100 + n)
    city = "Acapulco"
    host_economy = factory.LazyFunction(lambda: economy("MEX"))
    start_date = datetime.date(2002, 8, 20)
    end_date = datetime.date(2002, 8, 21)
    chair_name = "Moises Gomez Reyna"
    chair_title = "General Director for Exportable Goods"
    chair_economy = factory.LazyFunction(lambda: economy("MEX"))
    status = "held"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    economy = factory.LazyFunction(lambda: economy("AUS"))
    capacity = "member"


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Sequence(lambda n: f"Participant {n}")
    economy = factory.LazyFunction(lambda: economy("AUS"))
    sex = "female"
    role = "delegate"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Agenda item {n}")
    text = "The Group discussed the item."


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    agenda_item = factory.SubFactory(AgendaItemFactory)
    kind = "agreed"
    text = "The Group agreed to proceed."


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    agenda_item = factory.SubFactory(AgendaItemFactory)
    text = factory.Sequence(lambda n: f"Do thing number {n}")
    status = "open"
    due_next_meeting = True

    @factory.post_generation
    def economies(self, create, codes, **kwargs):
        if create and codes:
            self.responsible_economies.set(Economy.objects.filter(code__in=codes))


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    meeting = factory.SubFactory(MeetingFactory)
    symbol = factory.Sequence(lambda n: f"2002/SMEWG15/{n:03d}")
    title = factory.Sequence(lambda n: f"Paper {n}")
    purpose = "information"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    forum = factory.LazyFunction(lambda: Forum.objects.get(code="SMEWG"))
    title = factory.Sequence(lambda n: f"Project {n}")
    status = "ongoing"
