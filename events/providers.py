"""What events add to the navigation (and, as they land, home panels and demo data)."""


def register() -> None:
    from . import rules  # noqa: F401  (the permissions)
