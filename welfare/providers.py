"""What welfare adds to the navigation, the home page, the council's dashboard and the
demo (being written)."""


def register() -> None:
    pass
