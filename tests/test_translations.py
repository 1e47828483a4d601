"""The Hebrew and Slovenian catalogues: complete, well-formed, compiled, and used by the pages.

The .po files are read with the small parser below (no extra dependency). The compiled .mo
files are committed, so a fresh clone needs no gettext: the tests check that they hold
exactly what the .po files say.
"""

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ("he", "sl")
HEBREW_LETTER = re.compile(r"[\u0590-\u05FF]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# Python %-placeholders: %(name)s, %(count)d, %s, %d ... ("%%" is a literal percent sign).
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-#0+]*\d*(?:\.\d+)?[sdifrxX]")
EXPECTED_PLURAL_FORMS = {
    "he": 4,  # the same rule as Django's own Hebrew catalogue
    "sl": 4,
}


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self) -> str:
        """The message's key in a compiled catalogue: its context, if any, then its id."""
        return self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and not self.obsolete

    @property
    def label(self) -> str:
        return repr(self.msgid[:60])


def _unquote(text: str) -> str:
    # PO string escapes (\" \\ \n \t) are a subset of Python's.
    value = ast.literal_eval(text)
    assert isinstance(value, str)
    return value


def parse_po(path: Path) -> list[Entry]:
    """Entries of a .po file; obsolete ones (#~) are kept but marked."""
    entries = []
    for block in re.split(r"\n[ \t]*\n", path.read_text(encoding="utf-8").strip()):
        entry = Entry()
        target: tuple[str, int] | None = None
        for raw in block.splitlines():
            line = raw.strip()
            if line.startswith("#~"):
                entry.obsolete = True
                continue
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
                continue
            if not line or line.startswith("#"):
                continue
            match = re.fullmatch(
                r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")', line
            )
            if match:
                keyword, index, text = match.groups()
                if keyword.startswith("msgstr"):
                    target = ("msgstr", int(index or 0))
                    entry.msgstr[target[1]] = _unquote(text)
                else:
                    target = (keyword, 0)
                    if keyword == "msgctxt":
                        entry.msgctxt = _unquote(text)
                    elif keyword == "msgid":
                        entry.msgid = _unquote(text)
                    elif keyword == "msgid_plural":
                        entry.msgid_plural = _unquote(text)
                continue
            assert line.startswith('"') and target is not None, f"{path}: cannot read {raw!r}"
            text = _unquote(line)
            if target[0] == "msgstr":
                entry.msgstr[target[1]] += text
            elif target[0] == "msgctxt":
                assert entry.msgctxt is not None
                entry.msgctxt += text
            elif target[0] == "msgid":
                entry.msgid += text
            elif target[0] == "msgid_plural":
                assert entry.msgid_plural is not None
                entry.msgid_plural += text
        if entry.msgid or entry.msgstr:
            entries.append(entry)
    return entries


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def mo_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"


def messages(language: str) -> list[Entry]:
    """The translatable entries: no header, no obsolete entries."""
    return [e for e in parse_po(po_path(language)) if not e.is_header and not e.obsolete]


def header(language: str) -> dict[str, str]:
    head = next(e for e in parse_po(po_path(language)) if e.is_header)
    fields = {}
    for line in head.msgstr[0].splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text.replace("%%", "")))


@pytest.fixture(params=LANGUAGES)
def language(request: pytest.FixtureRequest) -> str:
    return request.param


# --- the catalogues ---------------------------------------------------------------------------


def test_catalogue_is_not_empty(language: str) -> None:
    assert len(messages(language)) > 100


def test_header_declares_language_and_plural_forms(language: str) -> None:
    fields = header(language)
    assert fields["Language"] == language
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    match = re.fullmatch(r"nplurals=(\d+);\s*plural=(.+?);?", fields["Plural-Forms"])
    assert match, fields["Plural-Forms"]
    nplurals = int(match.group(1))
    assert nplurals == EXPECTED_PLURAL_FORMS[language]
    choose = gettext.c2py(match.group(2))
    assert {choose(n) for n in range(0, 1000)} == set(range(nplurals))
    forms = {
        # Slovenian: one (1, 101), two (2, 102), few (3, 4, 103), other (5, 11, 111).
        "sl": {1: 0, 2: 1, 3: 2, 4: 2, 5: 3, 11: 3, 101: 0, 102: 1, 103: 2, 111: 3},
        # Hebrew as in Django's catalogue: one, two, tens above ten, other.
        "he": {1: 0, 2: 1, 3: 3, 10: 3, 11: 3, 20: 2, 100: 2, 101: 3},
    }[language]
    assert {n: choose(n) for n in forms} == forms


def test_header_is_not_fuzzy(language: str) -> None:
    head = next(e for e in parse_po(po_path(language)) if e.is_header)
    assert "fuzzy" not in head.flags


def test_every_entry_is_translated(language: str) -> None:
    nplurals = EXPECTED_PLURAL_FORMS[language]
    untranslated = []
    for entry in messages(language):
        expected = set(range(nplurals)) if entry.msgid_plural is not None else {0}
        if set(entry.msgstr) != expected or not all(v.strip() for v in entry.msgstr.values()):
            untranslated.append(entry.label)
    assert untranslated == []


def test_no_entry_is_fuzzy(language: str) -> None:
    assert [e.label for e in messages(language) if "fuzzy" in e.flags] == []


def test_hebrew_is_written_in_hebrew() -> None:
    latin_only = [
        e.label
        for e in messages("he")
        if LATIN_WORD.search(e.msgid)
        and not all(HEBREW_LETTER.search(text) for text in e.msgstr.values())
    ]
    assert latin_only == []


def test_slovenian_is_not_a_copy_of_the_english() -> None:
    copies = [
        e.label
        for e in messages("sl")
        if len(e.msgid.split()) >= 2
        and any(
            text.strip() in (e.msgid.strip(), (e.msgid_plural or "").strip())
            for text in e.msgstr.values()
        )
    ]
    assert copies == []


def test_placeholders_are_kept(language: str) -> None:
    wrong = []
    for entry in messages(language):
        expected = placeholders(entry.msgid) | placeholders(entry.msgid_plural or "")
        for index, text in entry.msgstr.items():
            if placeholders(text) != expected:
                wrong.append((entry.label, index, sorted(placeholders(text)), sorted(expected)))
    assert wrong == []


def test_language_names_are_translated() -> None:
    he = {e.msgid: e.msgstr[0] for e in messages("he")}
    sl = {e.msgid: e.msgstr[0] for e in messages("sl")}
    assert (he["English"], he["Hebrew"], he["Slovenian"]) == ("אנגלית", "עברית", "סלובנית")
    assert (sl["English"], sl["Hebrew"], sl["Slovenian"]) == (
        "angleščina",
        "hebrejščina",
        "slovenščina",
    )


# --- the compiled catalogues --------------------------------------------------------------------


def test_compiled_catalogue_matches_the_po_file(language: str) -> None:
    """The committed .mo holds exactly the .po's translations: not stale, nothing missing."""
    assert mo_path(language).exists(), "run: manage.py compilemessages"
    with mo_path(language).open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    expected: dict[object, str] = {}
    for entry in messages(language):
        if entry.msgid_plural is None:
            expected[entry.key] = entry.msgstr[0]
        else:
            for index, text in entry.msgstr.items():
                expected[(entry.key, index)] = text
    # Every message the .mo holds (the header is stored under the empty msgid).
    catalog = {key: value for key, value in vars(compiled)["_catalog"].items() if key != ""}
    assert catalog == expected


def test_compiled_plurals_follow_the_language(language: str) -> None:
    with mo_path(language).open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    one = compiled.ngettext("%(counter)s household", "%(counter)s households", 1)
    many = compiled.ngettext("%(counter)s household", "%(counter)s households", 5)
    if language == "he":
        assert (one, many) == ("%(counter)s משק בית", "%(counter)s משקי בית")
    else:
        assert (one, many) == ("%(counter)s gospodinjstvo", "%(counter)s gospodinjstev")
        two = compiled.ngettext("%(counter)s household", "%(counter)s households", 2)
        three = compiled.ngettext("%(counter)s household", "%(counter)s households", 3)
        assert (two, three) == ("%(counter)s gospodinjstvi", "%(counter)s gospodinjstva")


# --- the pages ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_home_page_in_hebrew_is_right_to_left(coordinator_client, settlement):
    response = coordinator_client.get("/", HTTP_ACCEPT_LANGUAGE="he")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="he"' in html
    assert 'dir="rtl"' in html
    assert "bootstrap.rtl.min.css" in html
    assert "דף הבית" in html  # "Home"
    assert "הוספת תושב/ת" in html  # "Add a resident"
    assert "Add a resident" not in html


@pytest.mark.django_db
def test_home_page_in_slovenian_is_left_to_right(coordinator_client, settlement):
    coordinator_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sl"
    response = coordinator_client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="sl"' in html
    assert 'dir="ltr"' in html
    assert "Domov" in html  # "Home"
    assert "Dodaj osebo" in html  # "Add a resident"
    assert "Add a resident" not in html


@pytest.mark.django_db
def test_login_page_in_hebrew(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="he")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'dir="rtl"' in html
    assert "כניסה" in html  # "Log in"
