"""The competency model for community workers (Skupnostni delavec, Kompetenčni model;
Socialna akademija, project Inkubator solidarnosti, 2019–2022) as data: five areas and
their competencies, the Slovenian text exactly as the source has it (its spelling
included), with Hebrew and English translations. Loaded by a migration as the base
framework, version 1; a test compares it with the source, text for text.

Also the default table of evidence: which recorded work counts for which competency."""

from typing import Any

MODEL_NAME = "Skupnostni delavec – kompetenčni model"

AREAS: list[dict[str, Any]] = [
    {
        "code": "building",
        "title": {
            "sl": "GRAJENJE PRIPADNOSTI IN IDENTIETE SKUPNOSTI (»BUILDING«)",
            "he": "בניית שייכות וזהות קהילתית",
            "en": "Building the community's belonging and identity",
        },
        "competencies": [
            {
                "sl": "Gradi pripadnost skupnosti in ustvarja okolje, da se pripadnost zgodi.",
                "he": "בונה שייכות לקהילה ויוצר סביבה שבה שייכות יכולה להתרחש.",
                "en": "Builds belonging to the community and creates an environment in which "
                "belonging can happen.",
            },
            {
                "sl": "Podpira skupnost, da najde skupno izkušnjo, zgodovino, vrednote, stično "
                "točko in preko tega skupno identiteto.",
                "he": "תומך בקהילה במציאת חוויה משותפת, היסטוריה, ערכים ונקודת מפגש, ודרכם "
                "זהות משותפת.",
                "en": "Supports the community in finding a shared experience, history, values "
                "and common ground, and through them a shared identity.",
            },
            {
                "sl": "Razume, kaj ustvarja občutek skupnosti in uporablja različne pristope, da "
                "ga krepi.",
                "he": "מבין מה יוצר תחושת קהילה ומשתמש בגישות שונות כדי לחזק אותה.",
                "en": "Understands what creates a sense of community and uses different "
                "approaches to strengthen it.",
            },
        ],
    },
    {
        "code": "mobilisation",
        "title": {
            "sl": "AKTIVACIJA (»MOBILIZATION«) IN ORGANIZACIJA (»ORGANIZATION«) SKUPNOSTI",
            "he": "הפעלה וארגון של הקהילה",
            "en": "Mobilising and organising the community",
        },
        "competencies": [
            {
                "sl": "Vzpostavlja dober stik s skupnostjo",
                "he": "יוצר קשר טוב עם הקהילה",
                "en": "Establishes good contact with the community",
            },
            {
                "sl": "Pozna in uporablja pristope, s katerimi prepoznava potrebe skupnosti.",
                "he": "מכיר ומשתמש בגישות לזיהוי צורכי הקהילה.",
                "en": "Knows and uses approaches for recognising the community's needs.",
            },
            {
                "sl": "Pozna relevantne deležnike, jih zna nagovoriti in vzpostavlja mreže "
                "deležnikov, ki jih vključuje v dogajanje skupnosti.",
                "he": "מכיר את בעלי העניין הרלוונטיים, יודע לפנות אליהם ובונה רשתות של בעלי "
                "עניין שהוא משתף בחיי הקהילה.",
                "en": "Knows the relevant stakeholders, knows how to approach them, and builds "
                "networks of stakeholders that he or she involves in the life of the community.",
            },
            {
                "sl": "Opolnomoči ljudi, da se sami soočajo z lastnimi problemi in izzivi.",
                "he": "מעצים אנשים להתמודד בעצמם עם הבעיות והאתגרים שלהם.",
                "en": "Empowers people to face their own problems and challenges themselves.",
            },
            {
                "sl": "Analizira trenutno stanje in postavlja akcijske načrte za soočanje z "
                "identificiranimi izzivi in priložnostmi.",
                "he": "מנתח את המצב הקיים ובונה תוכניות פעולה להתמודדות עם האתגרים וההזדמנויות "
                "שזוהו.",
                "en": "Analyses the current situation and draws up action plans for meeting the "
                "challenges and opportunities identified.",
            },
            {
                "sl": "Skrbi za pravo razmerje med akcijo in učenjem pripadnikov skupnosti.",
                "he": "שומר על האיזון הנכון בין עשייה ללמידה של חברי הקהילה.",
                "en": "Keeps the right balance between action and the learning of the "
                "community's members.",
            },
            {
                "sl": "Pozna možnosti financiranja pobud skupnosti in jih zna koristiti.",
                "he": "מכיר את אפשרויות המימון ליוזמות קהילתיות ויודע לנצל אותן.",
                "en": "Knows the funding opportunities for community initiatives and knows how "
                "to use them.",
            },
        ],
    },
    {
        "code": "participation",
        "title": {
            "sl": "VKLJUČEVANJE SKUPNOSTI V PROCESE (»PARTICIPATION«)",
            "he": "שיתוף הקהילה בתהליכים",
            "en": "Involving the community in the processes (participation)",
        },
        "competencies": [
            {
                "sl": "Vključuje ljudi v procese odločanja in v prevzemanje odgovornosti za "
                "skupnost.",
                "he": "משתף אנשים בתהליכי קבלת החלטות ובנטילת אחריות על הקהילה.",
                "en": "Involves people in decision-making and in taking responsibility for the "
                "community.",
            },
            {
                "sl": "Gradi na skupnih idejah (naše!), ki presegajo ideje posameznikov (moje!).",
                "he": "בונה על רעיונות משותפים (שלנו!) שמתעלים מעל רעיונות של יחידים (שלי!).",
                "en": "Builds on shared ideas (ours!) that go beyond the ideas of individuals "
                "(mine!).",
            },
            {
                "sl": "Gradi in podpira skupnost pri iskanju skupne vizije.",
                "he": "בונה ותומך בקהילה בחיפוש אחר חזון משותף.",
                "en": "Builds and supports the community in its search for a shared vision.",
            },
            {
                "sl": "Skrbi, da si skupnost postavlja cilje in pri tem vključuje sodelovalne "
                "pristope.",
                "he": "דואג שהקהילה תציב לעצמה מטרות, תוך שימוש בגישות שיתופיות.",
                "en": "Makes sure the community sets itself goals, using collaborative "
                "approaches to do so.",
            },
            {
                "sl": "Predvideva in krepi učinke vključevanja posameznikov v skupnost.",
                "he": "צופה ומחזק את ההשפעות של שילוב יחידים בקהילה.",
                "en": "Anticipates and strengthens the effects of including individuals in the "
                "community.",
            },
        ],
    },
    {
        "code": "development",
        "title": {
            "sl": "RAZVOJ (»DEVELOPMENT«) IN PROFESIONALIZACIJA SKUPNOSTI",
            "he": "פיתוח הקהילה והתמקצעותה",
            "en": "Developing and professionalising the community",
        },
        "competencies": [
            {
                "sl": "Pozna in uporablja različne pristope za izvajanje zagovorništva.",
                "he": "מכיר ומשתמש בגישות שונות לקידום סנגור (אדבוקסי).",
                "en": "Knows and uses different approaches to advocacy.",
            },
            {
                "sl": "Pozna in razume politike na področju delovanja skupnosti.",
                "he": "מכיר ומבין את המדיניות בתחומים שבהם הקהילה פועלת.",
                "en": "Knows and understands the policies in the community's field of action.",
            },
            {
                "sl": "Krepi komunikacijo med odločevalci in skupnostjo, ta je osredotočena v "
                "izboljševanje in temelji na raziskavah in dokazih.",
                "he": "מחזק את התקשורת בין מקבלי ההחלטות לקהילה, תקשורת שמכוונת לשיפור ומבוססת "
                "על מחקר ועל ראיות.",
                "en": "Strengthens communication between decision-makers and the community, "
                "communication aimed at improvement and based on research and evidence.",
            },
            {
                "sl": "Uporablja različne tehnike za spodbujanje zaveze odločevalcev.",
                "he": "משתמש בטכניקות שונות כדי לעודד מחויבות של מקבלי ההחלטות.",
                "en": "Uses different techniques to encourage the commitment of decision-makers.",
            },
            {
                "sl": "Zastavi načrt spremljanja in vrednotenja implementacije.",
                "he": "קובע תוכנית למעקב ולהערכה של היישום.",
                "en": "Sets up a plan for monitoring and evaluating the implementation.",
            },
        ],
    },
    {
        "code": "leadership",
        "title": {
            "sl": "VODENJE IN UPRAVLJANJE SKUPNOSTI",
            "he": "הובלה וניהול של הקהילה",
            "en": "Leading and managing the community",
        },
        "competencies": [
            {
                "sl": "V svoje delo vnaša držo služenja (skupnost je večja kot vodja, "
                "povezovanje ne poteka okoli vodje ampak okoli skupne identitete).",
                "he": "מביא לעבודתו גישה של שירות (הקהילה גדולה מהמוביל, והחיבור נבנה לא סביב "
                "המוביל אלא סביב זהות משותפת).",
                "en": "Brings an attitude of service to the work (the community is bigger than "
                "the leader; people connect not around the leader but around a shared "
                "identity).",
            },
            {
                "sl": "Prepoznava talente posameznikov in jih vabi k soustvarjanju.",
                "he": "מזהה כישרונות של יחידים ומזמין אותם ליצור יחד.",
                "en": "Recognises individuals' talents and invites them to create together.",
            },
            {
                "sl": "Razume in uporablja dinamiko različnih skupin (srečanja, interesne "
                "skupine, spletne skupine …)",
                "he": "מבין ומשתמש בדינמיקה של קבוצות שונות (מפגשים, קבוצות עניין, קבוצות "
                "מקוונות…)",
                "en": "Understands and uses the dynamics of different groups (meetings, "
                "interest groups, online groups…)",
            },
            {
                "sl": "Izkazuje naravnanost k reševanju problemov.",
                "he": "מגלה נטייה לפתרון בעיות.",
                "en": "Shows a problem-solving attitude.",
            },
            {
                "sl": "Skrbi za trajnost skupnosti.",
                "he": "דואג לקיימות הקהילה לאורך זמן.",
                "en": "Takes care of the community's sustainability.",
            },
            {
                "sl": "Glede na potrebe zavzame različne vloge: vodja, moderator, mentor, "
                "coach, pobudnik …",
                "he": "לפי הצורך לוקח על עצמו תפקידים שונים: מוביל, מנחה, חונך, מאמן, יוזם…",
                "en": "Takes on different roles as needed: leader, facilitator, mentor, coach, "
                "initiator…",
            },
            {
                "sl": "Pri reševanju konfliktov uporablja pristope mediacije.",
                "he": "משתמש בגישות של גישור ביישוב סכסוכים.",
                "en": "Uses mediation approaches in resolving conflicts.",
            },
            {
                "sl": "Skrbi za pretočnost in odprtost skupnosti. V skupnosti vzdržuje prostor "
                "dialoga.",
                "he": "דואג שהקהילה תהיה פתוחה וזורמת. מקיים בקהילה מרחב של דיאלוג.",
                "en": "Keeps the community open and flowing. Maintains a space for dialogue in "
                "the community.",
            },
        ],
    },
]

# Which recorded work counts as evidence for which competency (keys "area.number"). The
# sources are the kinds of ``competencies.evidence``; the council edits its own copy.
DEFAULT_EVIDENCE: list[tuple[str, str]] = [
    ("events.event_held", "1.1"),
    ("events.event_held", "1.3"),
    ("events.class_run", "1.3"),
    ("surveys.meeting_held", "2.1"),
    ("surveys.survey_sent", "2.2"),
    ("surveys.need_recorded", "2.2"),
    ("committees.partner_added", "2.3"),
    ("committees.initiative_taken", "2.4"),
    ("plans.plan_written", "2.5"),
    ("plans.funding_sought", "2.7"),
    ("committees.meeting_held", "3.1"),
    ("committees.initiative_taken", "3.2"),
    ("plans.vision_revised", "3.3"),
    ("plans.plan_written", "3.4"),
    ("plans.targets_measured", "4.5"),
    ("committees.member_joined", "5.2"),
    ("committees.meeting_held", "5.3"),
    ("committees.mediation_step", "5.7"),
]
