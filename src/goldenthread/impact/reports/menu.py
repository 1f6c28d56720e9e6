"""What the reports part adds to a person's home page and the impact home page."""


def home_cards(user) -> list:
    return []


def home_links(user) -> list[tuple[str, str]]:
    """Links (words, address) for the impact home page's section on this part, for this person."""
    return []
