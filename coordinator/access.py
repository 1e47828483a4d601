"""Who may reach each URL of the core. See ``coordinator.access_rules``."""

from .access_rules import (
    ALL_ROLES,
    ANONYMOUS,
    COORDINATOR,
    COUNCIL_STAFF,
    LOGGED_IN,
    NOT_ALLOWED,
    SECRETARY,
    SOCIAL_WORKER,
    Expect,
    Rule,
    everyone,
)

READ_REGISTRY = frozenset({COORDINATOR, SOCIAL_WORKER, SECRETARY})
KEEP_REGISTRY = frozenset({COORDINATOR})
ONLY_POST = NOT_ALLOWED

ACCESS: dict[str, Rule] = {
    "home": Rule(get=Expect(allowed=LOGGED_IN)),
    "switch_settlement": Rule(get=ONLY_POST, post=Expect(allowed=LOGGED_IN, ok=404)),
    # The registry
    "residents:list": Rule(get=Expect(allowed=READ_REGISTRY)),
    "residents:detail": Rule(get=Expect(allowed=READ_REGISTRY), kwargs={"pk": "resident"}),
    "residents:export": Rule(get=Expect(allowed=READ_REGISTRY)),
    "residents:create": Rule(
        get=Expect(allowed=KEEP_REGISTRY), post=Expect(allowed=KEEP_REGISTRY, ok=400)
    ),
    "residents:edit": Rule(
        get=Expect(allowed=KEEP_REGISTRY),
        post=Expect(allowed=KEEP_REGISTRY, ok=400),
        kwargs={"pk": "resident"},
    ),
    "residents:archive": Rule(
        get=Expect(allowed=KEEP_REGISTRY),
        post=Expect(allowed=KEEP_REGISTRY, ok=302),
        kwargs={"pk": "resident"},
    ),
    "residents:restore": Rule(
        get=ONLY_POST, post=Expect(allowed=KEEP_REGISTRY, ok=302), kwargs={"pk": "resident"}
    ),
    "residents:import": Rule(
        get=Expect(allowed=KEEP_REGISTRY), post=Expect(allowed=KEEP_REGISTRY, ok=400)
    ),
    "residents:import_template": Rule(get=Expect(allowed=KEEP_REGISTRY)),
    "residents:bulk": Rule(get=ONLY_POST, post=Expect(allowed=KEEP_REGISTRY, ok=400)),
    # Personal-data rights: the coordinator's. A POST without the typed name is a 400.
    "residents:data_export": Rule(get=Expect(allowed=KEEP_REGISTRY), kwargs={"pk": "resident"}),
    "residents:erase": Rule(
        get=Expect(allowed=KEEP_REGISTRY),
        post=Expect(allowed=KEEP_REGISTRY, ok=400),
        kwargs={"pk": "resident"},
    ),
    "residents:import_confirm": Rule(
        get=ONLY_POST, post=Expect(allowed=KEEP_REGISTRY, ok=302), kwargs={"pk": "import_batch"}
    ),
    "households:list": Rule(get=Expect(allowed=READ_REGISTRY)),
    "households:detail": Rule(get=Expect(allowed=READ_REGISTRY), kwargs={"pk": "household"}),
    "households:create": Rule(
        get=Expect(allowed=KEEP_REGISTRY), post=Expect(allowed=KEEP_REGISTRY, ok=400)
    ),
    "households:edit": Rule(
        get=Expect(allowed=KEEP_REGISTRY),
        post=Expect(allowed=KEEP_REGISTRY, ok=400),
        kwargs={"pk": "household"},
    ),
    # The settlement's settings
    "settlement:settings": Rule(
        get=Expect(allowed=KEEP_REGISTRY), post=Expect(allowed=KEEP_REGISTRY, ok=400)
    ),
    "settlement:neighbourhood_add": Rule(get=ONLY_POST, post=Expect(allowed=KEEP_REGISTRY, ok=400)),
    "settlement:neighbourhood_delete": Rule(
        get=ONLY_POST, post=Expect(allowed=KEEP_REGISTRY, ok=302), kwargs={"pk": "neighbourhood"}
    ),
    "settlement:tag_add": Rule(get=ONLY_POST, post=Expect(allowed=KEEP_REGISTRY, ok=400)),
    "settlement:tag_delete": Rule(
        get=ONLY_POST, post=Expect(allowed=KEEP_REGISTRY, ok=302), kwargs={"pk": "tag"}
    ),
    # The audit trail: the coordinator reads it; no URL changes it (GET only)
    "audit:list": Rule(get=Expect(allowed=KEEP_REGISTRY)),
    "audit:detail": Rule(
        get=Expect(allowed=KEEP_REGISTRY),
        kwargs={"pk": "resident_history"},
        literal_kwargs={"kind": "resident"},
    ),
    # The council: numbers only, for its staff
    "council:dashboard": Rule(get=Expect(allowed=frozenset({COUNCIL_STAFF}))),
    # Accounts (Django's own views)
    "login": Rule(
        get=Expect(allowed=frozenset({ANONYMOUS}), ok=200, denied=302, anonymous=200),
        post=Expect(allowed=ALL_ROLES, ok=200, by_role={r: 302 for r in LOGGED_IN}),
    ),
    "logout": Rule(get=ONLY_POST, post=everyone(302)),
    "password_change": Rule(
        get=Expect(allowed=LOGGED_IN, denied=200), post=Expect(allowed=LOGGED_IN, denied=200)
    ),
    "password_change_done": Rule(
        get=Expect(allowed=LOGGED_IN, denied=200), post=Expect(allowed=LOGGED_IN, ok=405)
    ),
    "password_reset": Rule(get=everyone(200), post=everyone(200)),
    "password_reset_done": Rule(get=everyone(200)),
    "password_reset_confirm": Rule(
        get=everyone(200),
        post=everyone(200),
        literal_kwargs={"uidb64": "MQ", "token": "set-password"},
    ),
    "password_reset_complete": Rule(get=everyone(200)),
    # Two-factor authentication. In the walk nobody has a device yet: the step sends them
    # on (302), the recovery codes page is empty (302 to the security page), and turning
    # off or making codes without a device goes back to the security page.
    "security": Rule(get=Expect(allowed=LOGGED_IN)),
    "two_factor_setup": Rule(get=Expect(allowed=LOGGED_IN), post=Expect(allowed=LOGGED_IN, ok=400)),
    "two_factor_verify": Rule(
        get=Expect(allowed=LOGGED_IN, ok=302), post=Expect(allowed=LOGGED_IN, ok=302)
    ),
    "recovery_codes": Rule(get=Expect(allowed=LOGGED_IN, ok=302)),
    "recovery_codes_regenerate": Rule(get=ONLY_POST, post=Expect(allowed=LOGGED_IN, ok=302)),
    "two_factor_disable": Rule(get=ONLY_POST, post=Expect(allowed=LOGGED_IN, ok=302)),
    # Django's view: a GET only redirects back, a POST sets the language cookie.
    "set_language": Rule(get=everyone(302), post=everyone(302)),
}
