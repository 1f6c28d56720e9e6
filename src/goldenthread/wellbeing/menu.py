"""What wellbeing adds to the menu and to a person's home page. The home card says nothing of anyone's answers, not even whether they checked in."""

from django.urls import reverse

from . import permissions, questions


def navigation(user):
    if permissions.is_workforce(user):
        return [("Wellbeing", reverse("wellbeing:home"))]
    return []


def home_cards(user):
    cards = []
    if permissions.is_workforce(user):
        cards.append(
            {
                "title": "Your wellbeing",
                "text": "A private check-in on how the work is sitting with you, support you can turn to, and reflective spaces to join. Nobody else sees your answers.",
                "links": [
                    ("Take a check-in", reverse("wellbeing:check-in")),
                    ("Support you can turn to", reverse("wellbeing:support")),
                    ("Reflective spaces", reverse("wellbeing:spaces")),
                ],
            }
        )
    if permissions.can_put_on_spaces(user) or permissions.can_see_figures(user):
        links = []
        if permissions.can_put_on_spaces(user):
            links.append(("Reflective spaces you run", reverse("wellbeing:spaces-run")))
        if permissions.can_offer_to_a_team(user):
            links.append(("Offer a team a space after a hard event", reverse("wellbeing:team-offer")))
        if permissions.can_see_figures(user):
            links.append(("Wellbeing figures, for groups only", reverse("wellbeing:figures")))
        if permissions.can_manage_support(user):
            links.append(("Keep the list of support", reverse("wellbeing:support-manage")))
        cards.append(
            {
                "title": "Looking after the workforce",
                "text": f"Reflective spaces, and figures for groups of {questions.privacy().smallest_group} people or more. No one's answers are ever shown.",
                "links": links,
            }
        )
    return cards
