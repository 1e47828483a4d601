"""Clear fuzzy flags in the he/sl catalogues, replacing the msgstr of given msgids.

Usage: python scripts/po_fix.py  (edit FIXES first). A helper for translators; the app
does not use it."""

import json
import re
import sys
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[1] / "locale"


def po_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def fix(path: Path, replacements: dict[str, str]) -> int:
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    changed = 0
    for i, block in enumerate(blocks):
        lines = block.split("\n")
        msgid_match = re.search(r'^msgid ((?:".*"\n?)+)', block + "\n", re.M)
        msgid = (
            "".join(json.loads(s) for s in re.findall(r'"(?:[^"\\]|\\.)*"', msgid_match.group(1)))
            if msgid_match
            else ""
        )
        if msgid and msgid in replacements:
            lines = [
                ln
                for ln in lines
                if not ln.startswith("msgstr")
                and not (ln.startswith('"') and seen_msgstr(lines, ln))
            ]
            lines.append(f"msgstr {po_string(replacements[msgid])}")
        if any(ln.startswith("#,") and "fuzzy" in ln for ln in lines):
            new = []
            for ln in lines:
                if ln.startswith("#|"):
                    continue
                if ln.startswith("#,"):
                    flags = [f.strip() for f in ln[2:].split(",") if f.strip() != "fuzzy"]
                    if flags:
                        new.append("#, " + ", ".join(flags))
                    continue
                new.append(ln)
            lines = new
            changed += 1
        blocks[i] = "\n".join(lines)
    path.write_text("\n\n".join(blocks), encoding="utf-8")
    return changed


def seen_msgstr(lines: list[str], line: str) -> bool:
    """True for a continuation line that belongs to the msgstr (comes after it)."""
    index = lines.index(line)
    for previous in reversed(lines[:index]):
        if previous.startswith("msgstr"):
            return True
        if previous.startswith("msgid"):
            return False
    return False


if __name__ == "__main__":
    fixes = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")) if len(sys.argv) > 1 else {}
    for language in ("he", "sl"):
        po = LOCALE / language / "LC_MESSAGES" / "django.po"
        print(language, fix(po, fixes.get(language, {})), "entries unfuzzied")
