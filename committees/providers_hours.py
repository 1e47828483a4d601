"""What this part adds to the registry (home panels, personal data, demo). Placeholder."""


def register() -> None:
    pass
