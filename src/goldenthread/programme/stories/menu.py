"""What the stories part adds to the menu and to a person's home page (gathered by ../menu.py)."""


def home_cards(user) -> list:
    return []


def home_links(user):
    """This part's section on the programme's home page, as (heading, [(words, address), ...]), or None when it has nothing for this person."""
    return None
