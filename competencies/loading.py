"""Loading the base competency model (``model_data``) and the default evidence table into
the database: by migration ``0002_the_base_model`` (with its historical models), and again
by the tests after a transactional test emptied every table (Django's flush takes the
migrations' data with it). Loads only what is missing."""

import datetime as dt
from typing import Any

from .model_data import AREAS, DEFAULT_EVIDENCE, MODEL_NAME

LOADED_AT = dt.datetime(2026, 12, 4, tzinfo=dt.UTC)


def base_model_load(
    *, framework_model: Any, area_model: Any, competency_model: Any, rule_model: Any
) -> None:
    if not framework_model.objects.filter(council=None, version=1).exists():
        framework = framework_model.objects.create(
            council=None, version=1, name=MODEL_NAME, created_at=LOADED_AT
        )
        for number, area in enumerate(AREAS, start=1):
            row = area_model.objects.create(
                framework=framework, number=number, code=area["code"], title=area["title"]
            )
            for index, text in enumerate(area["competencies"], start=1):
                competency_model.objects.create(
                    area=row, number=index, key=f"{number}.{index}", text=text
                )
    if not rule_model.objects.filter(council=None).exists():
        rule_model.objects.bulk_create(
            rule_model(council=None, source=source, competency_key=key)
            for source, key in DEFAULT_EVIDENCE
        )
