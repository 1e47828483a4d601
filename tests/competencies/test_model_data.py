"""The issue's check: the seeded model is the source text (Skupnostni delavec, Kompetenčni
model), area for area and competency for competency, written out here by hand from
../shared/seeds/competency-model-sl.txt (a wrapped line joined with one space)."""

import re

import pytest

from competencies.models import Area, Competency, Framework

SOURCE_AREAS = [
    "GRAJENJE PRIPADNOSTI IN IDENTIETE SKUPNOSTI (»BUILDING«)",
    "AKTIVACIJA (»MOBILIZATION«) IN ORGANIZACIJA (»ORGANIZATION«) SKUPNOSTI",
    "VKLJUČEVANJE SKUPNOSTI V PROCESE (»PARTICIPATION«)",
    "RAZVOJ (»DEVELOPMENT«) IN PROFESIONALIZACIJA SKUPNOSTI",
    "VODENJE IN UPRAVLJANJE SKUPNOSTI",
]

SOURCE_COMPETENCIES = [
    [
        "Gradi pripadnost skupnosti in ustvarja okolje, da se pripadnost zgodi.",
        "Podpira skupnost, da najde skupno izkušnjo, zgodovino, vrednote, stično točko in "
        "preko tega skupno identiteto.",
        "Razume, kaj ustvarja občutek skupnosti in uporablja različne pristope, da ga krepi.",
    ],
    [
        "Vzpostavlja dober stik s skupnostjo",
        "Pozna in uporablja pristope, s katerimi prepoznava potrebe skupnosti.",
        "Pozna relevantne deležnike, jih zna nagovoriti in vzpostavlja mreže deležnikov, ki "
        "jih vključuje v dogajanje skupnosti.",
        "Opolnomoči ljudi, da se sami soočajo z lastnimi problemi in izzivi.",
        "Analizira trenutno stanje in postavlja akcijske načrte za soočanje z "
        "identificiranimi izzivi in priložnostmi.",
        "Skrbi za pravo razmerje med akcijo in učenjem pripadnikov skupnosti.",
        "Pozna možnosti financiranja pobud skupnosti in jih zna koristiti.",
    ],
    [
        "Vključuje ljudi v procese odločanja in v prevzemanje odgovornosti za skupnost.",
        "Gradi na skupnih idejah (naše!), ki presegajo ideje posameznikov (moje!).",
        "Gradi in podpira skupnost pri iskanju skupne vizije.",
        "Skrbi, da si skupnost postavlja cilje in pri tem vključuje sodelovalne pristope.",
        "Predvideva in krepi učinke vključevanja posameznikov v skupnost.",
    ],
    [
        "Pozna in uporablja različne pristope za izvajanje zagovorništva.",
        "Pozna in razume politike na področju delovanja skupnosti.",
        "Krepi komunikacijo med odločevalci in skupnostjo, ta je osredotočena v izboljševanje "
        "in temelji na raziskavah in dokazih.",
        "Uporablja različne tehnike za spodbujanje zaveze odločevalcev.",
        "Zastavi načrt spremljanja in vrednotenja implementacije.",
    ],
    [
        "V svoje delo vnaša držo služenja (skupnost je večja kot vodja, povezovanje ne poteka "
        "okoli vodje ampak okoli skupne identitete).",
        "Prepoznava talente posameznikov in jih vabi k soustvarjanju.",
        "Razume in uporablja dinamiko različnih skupin (srečanja, interesne skupine, spletne "
        "skupine …)",
        "Izkazuje naravnanost k reševanju problemov.",
        "Skrbi za trajnost skupnosti.",
        "Glede na potrebe zavzame različne vloge: vodja, moderator, mentor, coach, pobudnik …",
        "Pri reševanju konfliktov uporablja pristope mediacije.",
        "Skrbi za pretočnost in odprtost skupnosti. V skupnosti vzdržuje prostor dialoga.",
    ],
]

HEBREW = re.compile(r"[\u05d0-\u05ea]")


@pytest.fixture
def base(db):
    return Framework.objects.get(council=None, version=1)


def test_the_base_model_is_the_source_text_area_for_area(base):
    areas = list(Area.objects.filter(framework=base).order_by("number"))
    assert [area.number for area in areas] == [1, 2, 3, 4, 5]
    assert [area.title["sl"] for area in areas] == SOURCE_AREAS


def test_the_base_model_is_the_source_text_competency_for_competency(base):
    seeded = [
        [c.text["sl"] for c in Competency.objects.filter(area=area).order_by("number")]
        for area in Area.objects.filter(framework=base).order_by("number")
    ]
    assert seeded == SOURCE_COMPETENCIES
    assert [len(texts) for texts in seeded] == [3, 7, 5, 5, 8]


def test_the_last_competency_holds_both_sentences_of_the_source(base):
    last = Competency.objects.get(area__framework=base, key="5.8")
    assert last.text["sl"].count(". ") == 1
    assert last.text["sl"].endswith("V skupnosti vzdržuje prostor dialoga.")


def test_keys_run_from_1_1_to_5_8_in_order(base):
    keys = list(
        Competency.objects.filter(area__framework=base)
        .order_by("area__number", "number")
        .values_list("key", flat=True)
    )
    expected = [
        f"{area}.{number}"
        for area, texts in enumerate(SOURCE_COMPETENCIES, start=1)
        for number in range(1, len(texts) + 1)
    ]
    assert keys == expected
    assert len(keys) == 28


@pytest.mark.parametrize("kind", ["area", "competency"])
def test_every_text_is_in_hebrew_letters_and_in_english_of_its_own(base, kind):
    if kind == "area":
        texts = [a.title for a in Area.objects.filter(framework=base)]
    else:
        texts = [c.text for c in Competency.objects.filter(area__framework=base)]
    assert texts
    for each in texts:
        assert HEBREW.search(each["he"]), each
        assert each["en"].strip(), each
        assert each["en"] != each["sl"], each
        assert not HEBREW.search(each["en"]), each


def test_the_base_model_belongs_to_no_council_and_is_the_only_base(base):
    assert base.council is None
    assert list(Framework.objects.filter(council=None).values_list("version", flat=True)) == [1]
