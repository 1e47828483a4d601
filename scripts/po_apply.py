"""Apply a filled-in to-do list (see po_todo.py) to the he and sl catalogues: set each
entry's translation and clear its fuzzy flag. Entries left empty stay as they were."""

import json
import sys
from pathlib import Path

import polib  # type: ignore[import-untyped]

LOCALE = Path(__file__).resolve().parents[1] / "locale"


def apply(language: str, items: list[dict[str, object]]) -> int:
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path), wrapwidth=0)
    done = 0
    for item in items:
        entry = catalogue.find(str(item["msgid"]), msgctxt=item.get("msgctxt") or False)
        if entry is None:
            continue
        value = item["msgstr"]
        if entry.msgid_plural:
            forms = [str(form) for form in value] if isinstance(value, list) else []
            if not forms or not all(forms):
                continue
            entry.msgstr_plural = dict(enumerate(forms))
        else:
            if not value or not isinstance(value, str):
                continue
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        entry.previous_msgid_plural = None
        entry.previous_msgctxt = None
        done += 1
    catalogue.save(str(path))
    return done


if __name__ == "__main__":
    filled = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    for language, items in filled.items():
        print(language, apply(language, items), "entries translated")
