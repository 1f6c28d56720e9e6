def navigation(user):
    return []


def home_cards(user):
    return []
