"""The competency model for community workers as data: the base framework (version 1),
its five areas and 28 competencies in Slovenian, Hebrew and English, and the default
table of evidence, from ``competencies.model_data``. That module is the record of version 1:
a later change of the model is a new framework version, written by a migration of its own,
never an edit of those texts."""

import datetime as dt

from django.db import migrations

from competencies.model_data import AREAS, DEFAULT_EVIDENCE, MODEL_NAME

LOADED_AT = dt.datetime(2026, 12, 4, tzinfo=dt.UTC)


def load(apps, schema_editor):
    framework_model = apps.get_model("competencies", "Framework")
    area_model = apps.get_model("competencies", "Area")
    competency_model = apps.get_model("competencies", "Competency")
    rule_model = apps.get_model("competencies", "EvidenceRule")
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
    for source, key in DEFAULT_EVIDENCE:
        rule_model.objects.create(council=None, source=source, competency_key=key)


def unload(apps, schema_editor):
    apps.get_model("competencies", "EvidenceRule").objects.filter(council=None).delete()
    apps.get_model("competencies", "Framework").objects.filter(council=None).delete()


class Migration(migrations.Migration):
    dependencies = [("competencies", "0001_competency_model")]

    operations = [migrations.RunPython(load, unload)]
