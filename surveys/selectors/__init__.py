"""Reading surveys: every getter takes the settlement and finds nothing (404) elsewhere."""

from django.shortcuts import get_object_or_404

from coordinator.models import Settlement

from ..models import MappingRecord, Need, Question, Section, Survey


def survey_get(*, settlement: Settlement, pk: int) -> Survey:
    return get_object_or_404(Survey.objects.filter(settlement=settlement), pk=pk)


def section_get(*, settlement: Settlement, pk: int) -> Section:
    return get_object_or_404(
        Section.objects.filter(settlement=settlement).select_related("survey"), pk=pk
    )


def question_get(*, settlement: Settlement, pk: int) -> Question:
    return get_object_or_404(
        Question.objects.filter(settlement=settlement).select_related("survey", "section"), pk=pk
    )


def record_get(*, settlement: Settlement, pk: int) -> MappingRecord:
    return get_object_or_404(MappingRecord.objects.filter(settlement=settlement), pk=pk)


def need_get(*, settlement: Settlement, pk: int) -> Need:
    return get_object_or_404(Need.objects.filter(settlement=settlement), pk=pk)
