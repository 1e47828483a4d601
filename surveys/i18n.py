"""Texts stored per language ({"he": ..., "sl": ..., "en": ...}) and picking one."""

from collections.abc import Iterable, Mapping


def text_in(value: Mapping[str, str] | None, languages: Iterable[str], wanted: str = "") -> str:
    """``value`` in ``wanted``, else in the first of ``languages`` that has it, else any."""
    if not value:
        return ""
    for language in [wanted, *languages]:
        if language and value.get(language):
            return value[language]
    return next((text for text in value.values() if text), "")


def respondent_language(languages: list[str], preferred: str, fallback: str) -> str:
    """The survey language a respondent gets: theirs if the survey has it, else the
    settlement's, else the survey's first."""
    for language in (preferred, fallback):
        if language in languages:
            return language
    return languages[0] if languages else fallback
