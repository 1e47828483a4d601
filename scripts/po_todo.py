"""The translators' to-do list: every untranslated or fuzzy entry of the he and sl
catalogues, as JSON (``python scripts/po_todo.py > todo.json``). Fill in ``msgstr`` (a
string, or for plural entries a list of the language's plural forms) and apply it with
``python scripts/po_apply.py todo.json``. Tools for translators; the app does not use them."""

import json
import sys
from pathlib import Path

import polib  # type: ignore[import-untyped]

LOCALE = Path(__file__).resolve().parents[1] / "locale"


def todo(language: str) -> list[dict[str, object]]:
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    entries = []
    for entry in catalogue:
        if entry.obsolete or (entry.translated() and "fuzzy" not in entry.flags):
            continue
        plural = bool(entry.msgid_plural)
        entries.append(
            {
                "msgctxt": entry.msgctxt,
                "msgid": entry.msgid,
                "msgid_plural": entry.msgid_plural or None,
                "where": [f"{path}:{line}" for path, line in entry.occurrences][:2],
                "msgstr": [] if plural else "",
            }
        )
    return entries


if __name__ == "__main__":
    languages = sys.argv[1:] or ["he", "sl"]
    json.dump({lang: todo(lang) for lang in languages}, sys.stdout, ensure_ascii=False, indent=1)
