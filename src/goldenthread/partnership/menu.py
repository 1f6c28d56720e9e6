"""What the partnership directory adds to the menu and to a person's home page."""

from django.urls import reverse

from . import permissions
from .models import Role
from .queries import memberships_of

ROLE_CARDS = {
    Role.CHAMPION: (
        "You are a champion at {organisation}",
        "Champions keep the way of working alive in their organisation: share what is going well, "
        "help colleagues take part, and bring questions back to the partnership.",
    ),
    Role.PRACTITIONER: (
        "Your place in {organisation}",
        "You are part of {organisation}'s way of working. Here you can see who else is part of it, "
        "including your organisation lead and champions, if you want to ask them anything.",
    ),
    Role.TRAINER: (
        "You are a trainer at {organisation}",
        "Trainers help people across the partnership learn the way of working together: the sessions, who comes, and what they say afterwards.",
    ),
    Role.LANGUAGE_LEAD: (
        "You are a language lead at {organisation}",
        "Language leads look after the partnership's shared language: they propose the words the check looks for, and publish them once a second person has reviewed them.",
    ),
}


def _memberships(user):
    return memberships_of(user)


def navigation(user):
    links = []
    if permissions.can_manage_organisations(user):
        links.append(("Organisations", reverse("partnership:organisations")))
    # A member reaches their own organisation from the cards on their home page, which keeps
    # the menu on one row on a laptop as the modules grow.
    return links


def home_cards(user):
    cards = []
    if permissions.can_manage_organisations(user):
        cards.append(
            {
                "title": "Organisations and people",
                "text": "Add member organisations, keep their details up to date, and choose who is in each one and what their role is.",
                "links": [
                    ("See every member organisation", reverse("partnership:organisations")),
                    ("Add an organisation", reverse("partnership:organisation-add")),
                ],
            }
        )
    for membership in _memberships(user):
        organisation = membership.organisation
        page = reverse("partnership:organisation", args=[organisation.slug])
        if membership.role == Role.ORGANISATION_LEAD:
            cards.append(
                {
                    "title": f"Your people at {organisation.name}",
                    "text": "Add the people who work for the organisation, change their roles, and remove people who have left.",
                    "links": [
                        (f"See the people in {organisation.name}", page),
                        (f"Add a person to {organisation.name}", reverse("partnership:member-add", args=[organisation.slug])),
                    ],
                }
            )
            continue
        if membership.role not in ROLE_CARDS:
            continue
        title, text = ROLE_CARDS[membership.role]
        cards.append(
            {
                "title": title.format(organisation=organisation.name),
                "text": text.format(organisation=organisation.name),
                "links": [(f"See the people in {organisation.name}", page)],
            }
        )
    return cards
