"""The ready-made needs-mapping survey, in Hebrew, Slovenian and English.

A coordinator can send it as it is, or change it first: ``survey_from_starter`` copies it
into a draft of their settlement. Hebrew addresses residents in the plural, which reads as
inclusive; Slovenian uses the polite plural (vikanje), which names no gender.

Six sections: community life, culture, classes by age group, volunteering, welfare and
mutual help, and communication. Every kind of question appears at least once, and one
question is shown only after a "yes" to the question before it.
"""

from dataclasses import dataclass, field

from .models import Question

Texts = dict[str, str]
LANGUAGES = ("he", "sl", "en")


def t(he: str, sl: str, en: str) -> Texts:
    return {"he": he, "sl": sl, "en": en}


@dataclass(frozen=True)
class StarterQuestion:
    key: str
    kind: str
    text: Texts
    required: bool = False
    help: Texts = field(default_factory=dict)
    options: tuple[Texts, ...] = ()
    scale: tuple[int, int] = (1, 5)
    scale_labels: tuple[Texts, Texts] | None = None
    number_range: tuple[int | None, int | None] = (None, None)
    # (key of an earlier question, "yes"/"no" or the index of one of its options)
    shown_if: tuple[str, str | int] | None = None


@dataclass(frozen=True)
class StarterSection:
    title: Texts
    questions: tuple[StarterQuestion, ...]


K = Question.Kind

TITLE = t("סקר מיפוי צרכים ביישוב", "Anketa o potrebah v naši skupnosti", "Community needs survey")

INTRO = t(
    "שלום לכולם! אנחנו רוצים לתכנן יחד אתכם את פעילות הקהילה בשנה הקרובה. מילוי הסקר אורך "
    "כעשר דקות. כל תשובה חשובה לנו, ואפשר לדלג על כל שאלה שאינה חובה.",
    "Pozdravljeni! Dejavnosti v naši skupnosti za prihodnje leto želimo načrtovati skupaj z "
    "vami. Izpolnjevanje ankete vam bo vzelo približno deset minut. Vsak odgovor nam je "
    "dragocen; vprašanja, ki niso obvezna, lahko izpustite.",
    "Hello! We want to plan the coming year's community activities together with you. The "
    "survey takes about ten minutes. Every answer matters to us, and you may skip any "
    "question that is not required.",
)

SECTIONS: tuple[StarterSection, ...] = (
    StarterSection(
        title=t("חיי הקהילה", "Življenje v skupnosti", "Community life"),
        questions=(
            StarterQuestion(
                key="satisfaction",
                kind=K.RATING,
                required=True,
                text=t(
                    "באופן כללי, עד כמה אתם מרוצים מחיי הקהילה ביישוב?",
                    "Kako zadovoljni ste na splošno z življenjem v naši skupnosti?",
                    "Overall, how satisfied are you with community life in our settlement?",
                ),
                scale=(1, 5),
                scale_labels=(
                    t("כלל לא מרוצים", "Zelo nezadovoljni", "Very dissatisfied"),
                    t("מרוצים מאוד", "Zelo zadovoljni", "Very satisfied"),
                ),
            ),
            StarterQuestion(
                key="strengthen",
                kind=K.MULTIPLE,
                text=t(
                    "מה יחזק את חיי הקהילה ביישוב?",
                    "Kaj bi okrepilo življenje v naši skupnosti?",
                    "What would strengthen community life here?",
                ),
                help=t(
                    "אפשר לבחור כמה תשובות.",
                    "Izberete lahko več odgovorov.",
                    "Choose all that apply.",
                ),
                options=(
                    t(
                        "יותר אירועים וחגים משותפים",
                        "Več skupnih dogodkov in praznovanj",
                        "More shared events and holidays",
                    ),
                    t(
                        "מקום מפגש, למשל בית קפה קהילתי",
                        "Prostor za druženje, na primer skupnostna kavarna",
                        "A place to meet, such as a community café",
                    ),
                    t(
                        "היכרות עם המשפחות החדשות",
                        "Spoznavanje novih družin",
                        "Getting to know the new families",
                    ),
                    t(
                        "פעילויות למשפחות עם ילדים",
                        "Dejavnosti za družine z otroki",
                        "Activities for families with children",
                    ),
                    t(
                        "יותר קשר בין השכונות",
                        "Več povezovanja med soseskami",
                        "More ties between the neighbourhoods",
                    ),
                ),
            ),
            StarterQuestion(
                key="missing",
                kind=K.LONG_TEXT,
                text=t(
                    "מה חסר לכם ביישוב?",
                    "Kaj pogrešate v naši skupnosti?",
                    "What do you miss in our settlement?",
                ),
            ),
        ),
    ),
    StarterSection(
        title=t("תרבות ואירועים", "Kultura in dogodki", "Culture and events"),
        questions=(
            StarterQuestion(
                key="events",
                kind=K.MULTIPLE,
                text=t(
                    "לאילו אירועים תרצו להגיע?",
                    "Katerih dogodkov bi se radi udeležili?",
                    "Which events would you like to come to?",
                ),
                options=(
                    t("הופעות ומופעי מוזיקה", "Koncerti", "Concerts"),
                    t(
                        "הצגות וערבי סרטים",
                        "Gledališke predstave in filmski večeri",
                        "Theatre and film evenings",
                    ),
                    t("הרצאות ומפגשי שיח", "Predavanja in pogovori", "Talks and discussions"),
                    t(
                        "חגיגות חגים וטקסים",
                        "Praznovanja in slovesnosti",
                        "Holiday celebrations and ceremonies",
                    ),
                    t(
                        "פסטיבלים וירידים בחוץ",
                        "Festivali in sejmi na prostem",
                        "Outdoor festivals and fairs",
                    ),
                    t("תערוכות", "Razstave", "Exhibitions"),
                ),
            ),
            StarterQuestion(
                key="when",
                kind=K.SINGLE,
                text=t(
                    "מתי הכי נוח לכם להגיע לאירועים?",
                    "Kdaj se dogodkov najlažje udeležite?",
                    "When is the best time for you to come to events?",
                ),
                options=(
                    t("בבקרים באמצע השבוע", "Med tednom dopoldne", "Weekday mornings"),
                    t("בערבים באמצע השבוע", "Med tednom zvečer", "Weekday evenings"),
                    t("בסופי שבוע", "Ob koncih tedna", "At weekends"),
                    t("בכל זמן", "Kadar koli", "Any time"),
                ),
            ),
            StarterQuestion(
                key="priorities",
                kind=K.RANKING,
                text=t(
                    "דרגו את התחומים לפי סדר החשיבות: במה כדאי לקהילה להשקיע קודם?",
                    "Razvrstite področja po pomembnosti: v kaj naj skupnost vlaga najprej?",
                    "Put these areas in order: what should the community invest in first?",
                ),
                help=t(
                    "1 = החשוב ביותר.",
                    "1 pomeni najpomembnejše.",
                    "1 is the most important.",
                ),
                options=(
                    t("תרבות ואירועים", "Kultura in dogodki", "Culture and events"),
                    t("ספורט ובריאות", "Šport in zdravje", "Sport and health"),
                    t("חוגים ולמידה", "Krožki in izobraževanje", "Classes and learning"),
                    t(
                        "התנדבות ועזרה הדדית",
                        "Prostovoljstvo in medsebojna pomoč",
                        "Volunteering and mutual help",
                    ),
                    t("ילדים ונוער", "Otroci in mladi", "Children and youth"),
                ),
            ),
        ),
    ),
    StarterSection(
        title=t(
            "חוגים לכל הגילים",
            "Krožki in tečaji za vse starosti",
            "Classes for every age",
        ),
        questions=(
            StarterQuestion(
                key="classes_children",
                kind=K.MULTIPLE,
                text=t(
                    "אילו חוגים תרצו שיהיו לילדים (עד גיל 12)?",
                    "Katere krožke bi želeli za otroke (do 12 let)?",
                    "Which classes would you like for children (up to 12)?",
                ),
                options=(
                    t("אמנות ויצירה", "Likovno ustvarjanje", "Art and crafts"),
                    t("מוזיקה", "Glasba", "Music"),
                    t("ספורט ותנועה", "Šport in gibanje", "Sport and movement"),
                    t("מדע וטכנולוגיה", "Naravoslovje in tehnika", "Science and technology"),
                    t("ריקוד", "Ples", "Dance"),
                ),
            ),
            StarterQuestion(
                key="classes_youth",
                kind=K.MULTIPLE,
                text=t(
                    "אילו חוגים תרצו שיהיו לבני ולבנות נוער (13–18)?",
                    "Katere krožke bi želeli za mlade (od 13 do 18 let)?",
                    "Which classes would you like for young people (13 to 18)?",
                ),
                options=(
                    t("ספורט קבוצתי", "Ekipni športi", "Team sports"),
                    t("מוזיקה ולהקות", "Glasba in bendi", "Music and bands"),
                    t("מחשבים ותכנות", "Računalništvo in programiranje", "Computers and coding"),
                    t(
                        "מנהיגות והתנדבות",
                        "Vodenje in prostovoljstvo",
                        "Leadership and volunteering",
                    ),
                    t("תיאטרון", "Gledališče", "Theatre"),
                ),
            ),
            StarterQuestion(
                key="classes_adults",
                kind=K.MULTIPLE,
                text=t(
                    "אילו חוגים תרצו שיהיו למבוגרים?",
                    "Katere tečaje bi želeli za odrasle?",
                    "Which classes would you like for adults?",
                ),
                options=(
                    t("כושר ויוגה", "Vadba in joga", "Fitness and yoga"),
                    t("שפות", "Tuji jeziki", "Languages"),
                    t("בישול", "Kuhanje", "Cooking"),
                    t("אמנות ומלאכת יד", "Umetnost in ročna dela", "Art and handicrafts"),
                    t("גינון", "Vrtnarjenje", "Gardening"),
                ),
            ),
            StarterQuestion(
                key="classes_seniors",
                kind=K.MULTIPLE,
                text=t(
                    "אילו חוגים תרצו שיהיו לאזרחים ותיקים?",
                    "Katere krožke bi želeli za starejše?",
                    "Which classes would you like for seniors?",
                ),
                options=(
                    t(
                        "התעמלות מותאמת והליכה",
                        "Lahka vadba in sprehodi",
                        "Gentle exercise and walking",
                    ),
                    t(
                        "מחשבים וטלפונים חכמים",
                        "Računalniki in pametni telefoni",
                        "Computers and smartphones",
                    ),
                    t("אימון זיכרון", "Urjenje spomina", "Memory training"),
                    t("מלאכת יד", "Ročna dela", "Handicrafts"),
                    t("שירה בציבור", "Skupno petje", "Singing together"),
                ),
            ),
            StarterQuestion(
                key="classes_other",
                kind=K.SHORT_TEXT,
                text=t(
                    "חוג נוסף שתרצו, ולמי הוא מיועד?",
                    "Še kakšen krožek ali tečaj, ki bi ga želeli, in za koga?",
                    "Any other class you would like, and for whom?",
                ),
            ),
        ),
    ),
    StarterSection(
        title=t("התנדבות", "Prostovoljstvo", "Volunteering"),
        questions=(
            StarterQuestion(
                key="volunteer",
                kind=K.YES_NO,
                required=True,
                text=t(
                    "האם תרצו להתנדב בקהילה?",
                    "Bi se želeli prostovoljno vključiti v dejavnosti skupnosti?",
                    "Would you like to volunteer in the community?",
                ),
            ),
            StarterQuestion(
                key="volunteer_areas",
                kind=K.MULTIPLE,
                shown_if=("volunteer", "yes"),
                text=t(
                    "באילו תחומים תרצו להתנדב?",
                    "Na katerih področjih bi se vključili?",
                    "In which areas would you volunteer?",
                ),
                options=(
                    t("תרבות ואירועים", "Kultura in dogodki", "Culture and events"),
                    t(
                        "ביקורים ועזרה לשכנים ותיקים",
                        "Obiski in pomoč starejšim sosedom",
                        "Visiting and helping older neighbours",
                    ),
                    t("ילדים ונוער", "Otroci in mladi", "Children and youth"),
                    t(
                        "קליטת משפחות חדשות",
                        "Pomoč novim družinam ob prihodu",
                        "Welcoming new families",
                    ),
                    t("צוות החירום היישובי", "Krizna skupina skupnosti", "The emergency team"),
                    t("גינות וסביבה", "Vrtovi in okolje", "Gardens and the environment"),
                ),
            ),
            StarterQuestion(
                key="skills",
                kind=K.SHORT_TEXT,
                text=t(
                    "יש לכם כישרון או תחביב שתרצו לשתף עם אחרים?",
                    "Ali imate znanje ali konjiček, ki bi ga radi delili z drugimi?",
                    "Do you have a skill or hobby you would like to share with others?",
                ),
            ),
        ),
    ),
    StarterSection(
        title=t("רווחה ועזרה הדדית", "Pomoč in medsebojna podpora", "Support and mutual help"),
        questions=(
            StarterQuestion(
                key="whom_to_ask",
                kind=K.SINGLE,
                text=t(
                    "האם אתם יודעים למי לפנות ביישוב כשצריכים עזרה?",
                    "Ali veste, na koga se v skupnosti lahko obrnete, ko potrebujete pomoč?",
                    "Do you know whom to turn to in the settlement when you need help?",
                ),
                options=(
                    t("כן", "Da", "Yes"),
                    t("באופן חלקי", "Delno", "Partly"),
                    t("לא", "Ne", "No"),
                ),
            ),
            StarterQuestion(
                key="support",
                kind=K.MULTIPLE,
                text=t(
                    "איזו תמיכה הייתה עוזרת לכם או למשק הבית שלכם?",
                    "Kakšna pomoč bi koristila vam ali vašemu gospodinjstvu?",
                    "What kind of support would help you or your household?",
                ),
                help=t(
                    "התשובות אנונימיות ומשמשות רק לתכנון.",
                    "Odgovori so anonimni in služijo le načrtovanju.",
                    "Answers are anonymous and used only for planning.",
                ),
                options=(
                    t(
                        "עזרה לבני משפחה מבוגרים",
                        "Pomoč za starejše družinske člane",
                        "Help for older family members",
                    ),
                    t("תמיכה בהורים", "Podpora staršem", "Support for parents"),
                    t(
                        "חברה למי שגרים לבד",
                        "Družba za tiste, ki živijo sami",
                        "Company for people who live alone",
                    ),
                    t(
                        "הסעות לטיפולים ולסידורים",
                        "Prevoz k zdravniku in po opravkih",
                        "Transport to appointments and errands",
                    ),
                    t(
                        "עזרה במילוי טפסים ובפנייה למשרדים",
                        "Pomoč pri obrazcih in na uradih",
                        "Help with forms and offices",
                    ),
                    t("אין צורך כרגע", "Trenutno ne potrebujemo pomoči", "None at the moment"),
                ),
            ),
            StarterQuestion(
                key="over_65",
                kind=K.NUMBER,
                text=t(
                    "כמה בני ובנות 65 ומעלה גרים במשק הבית שלכם?",
                    "Koliko oseb, starih 65 let ali več, živi v vašem gospodinjstvu?",
                    "How many people aged 65 or over live in your household?",
                ),
                number_range=(0, 10),
            ),
        ),
    ),
    StarterSection(
        title=t("תקשורת ומידע", "Obveščanje", "Staying informed"),
        questions=(
            StarterQuestion(
                key="channels",
                kind=K.MULTIPLE,
                text=t(
                    "איך תרצו לקבל מידע על מה שקורה ביישוב?",
                    "Kako bi želeli izvedeti, kaj se dogaja v skupnosti?",
                    "How would you like to hear about what is happening?",
                ),
                options=(
                    t("דואר אלקטרוני", "E-pošta", "E-mail"),
                    t("קבוצת וואטסאפ", "Skupina WhatsApp", "A WhatsApp group"),
                    t("לוח מודעות", "Oglasna deska", "The notice board"),
                    t("עלון מודפס", "Tiskano glasilo", "A printed newsletter"),
                    t("הודעת SMS", "Sporočilo SMS", "Text message"),
                ),
            ),
            StarterQuestion(
                key="informed",
                kind=K.RATING,
                text=t(
                    "עד כמה אתם מרגישים מעודכנים במה שקורה ביישוב?",
                    "Kako dobro ste obveščeni o dogajanju v skupnosti?",
                    "How well informed do you feel about what happens in the settlement?",
                ),
                scale=(1, 5),
                scale_labels=(
                    t("בכלל לא מעודכנים", "Zelo slabo", "Not informed at all"),
                    t("מעודכנים מאוד", "Zelo dobro", "Very well informed"),
                ),
            ),
            StarterQuestion(
                key="anything_else",
                kind=K.LONG_TEXT,
                text=t(
                    "יש עוד משהו שתרצו לספר לנו?",
                    "Bi nam želeli sporočiti še kaj?",
                    "Is there anything else you would like to tell us?",
                ),
            ),
        ),
    ),
)
