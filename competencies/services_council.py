"""The council's writes: a competency of its own (as a new version of the model) and its
table of evidence (a copy of the defaults, made at its first change)."""

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from coordinator import clock
from coordinator.models import Council

from .evidence import SOURCES
from .models import Area, Competency, EvidenceRule, Framework
from .selectors import current_framework


class CouncilCompetencyError(Exception):
    """A change the council's table or model cannot take; the message is for the reader."""


@transaction.atomic
def framework_competency_add(
    *, council: Council, area_number: int, texts: dict[str, str]
) -> Competency:
    """Add a competency of the council's own to area ``area_number``: a NEW version of the
    model copies the council's current one (areas and competencies, same keys) and gets
    the new competency, numbered next in its area. Self-assessments already made keep the
    version they were made against."""
    texts = {code: value.strip() for code, value in texts.items() if value and value.strip()}
    if not texts:
        raise CouncilCompetencyError(_("Write the competency in at least one language."))
    Council.objects.select_for_update().filter(pk=council.pk).first()  # one version at a time
    current = current_framework(council)
    areas = list(Area.objects.filter(framework=current).order_by("number"))
    if area_number not in {area.number for area in areas}:
        raise CouncilCompetencyError(_("Choose one of the model's areas."))
    competencies = list(Competency.objects.filter(area__framework=current).order_by("pk"))
    own_versions = Framework.objects.filter(council=council).aggregate(top=Max("version"))
    version = max(current.version, own_versions["top"] or 0) + 1
    framework = Framework.objects.create(
        council=council,
        version=version,
        name=current.name if current.council_id else f"{current.name} – {council.name}",
        based_on=current,
        created_at=clock.now(),
    )
    copies = {
        area.pk: Area.objects.create(
            framework=framework, number=area.number, code=area.code, title=area.title
        )
        for area in areas
    }
    Competency.objects.bulk_create(
        Competency(area=copies[c.area_id], number=c.number, key=c.key, text=c.text)
        for c in competencies
    )
    area = next(a for a in areas if a.number == area_number)
    in_area = [c for c in competencies if c.area_id == area.pk]
    number = max((c.number for c in in_area), default=0) + 1
    keys = {c.key for c in competencies}
    while f"{area_number}.{number}" in keys:
        number += 1
    return Competency.objects.create(
        area=copies[area.pk], number=number, key=f"{area_number}.{number}", text=texts
    )


def _own_rules(council: Council) -> list[EvidenceRule]:
    """The council's own rows, copied from the defaults if it has none yet."""
    own = list(EvidenceRule.objects.filter(council=council))
    if own:
        return own
    defaults = EvidenceRule.objects.filter(council=None)
    return EvidenceRule.objects.bulk_create(
        EvidenceRule(council=council, source=rule.source, competency_key=rule.competency_key)
        for rule in defaults
    )


@transaction.atomic
def evidence_rule_add(*, council: Council, source: str, competency_key: str) -> EvidenceRule:
    if source not in SOURCES:
        raise CouncilCompetencyError(_("Choose one of the kinds of recorded work."))
    Council.objects.select_for_update().filter(pk=council.pk).first()
    own = _own_rules(council)
    if any(r.source == source and r.competency_key == competency_key for r in own):
        raise CouncilCompetencyError(_("This row is already in the table."))
    return EvidenceRule.objects.create(
        council=council, source=source, competency_key=competency_key
    )


@transaction.atomic
def evidence_rule_remove(*, council: Council, rule_id: int) -> Any:
    """Remove a row of the table the council sees (its own, or a default before its first
    change). Raises ``EvidenceRule.DoesNotExist`` for a row that is not among them."""
    Council.objects.select_for_update().filter(pk=council.pk).first()
    has_own = EvidenceRule.objects.filter(council=council).exists()
    rule = EvidenceRule.objects.get(pk=rule_id, council=council if has_own else None)
    own = _own_rules(council)
    if len(own) <= 1:
        raise CouncilCompetencyError(_("The table needs at least one row."))
    return EvidenceRule.objects.filter(
        council=council, source=rule.source, competency_key=rule.competency_key
    ).delete()
