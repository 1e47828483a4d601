"""The competency model for community workers as data: the base framework (version 1),
its five areas and 28 competencies in Slovenian, Hebrew and English, and the default
table of evidence, from ``competencies.model_data``. That module is the record of version
1: a later change of the model is a new framework version, written by a migration of its
own, never an edit of those texts."""

from django.db import migrations

from competencies.loading import base_model_load


def load(apps, schema_editor):
    base_model_load(
        framework_model=apps.get_model("competencies", "Framework"),
        area_model=apps.get_model("competencies", "Area"),
        competency_model=apps.get_model("competencies", "Competency"),
        rule_model=apps.get_model("competencies", "EvidenceRule"),
    )


def unload(apps, schema_editor):
    apps.get_model("competencies", "EvidenceRule").objects.filter(council=None).delete()
    apps.get_model("competencies", "Framework").objects.filter(council=None).delete()


class Migration(migrations.Migration):
    dependencies = [("competencies", "0001_competency_model")]

    operations = [migrations.RunPython(load, unload)]
