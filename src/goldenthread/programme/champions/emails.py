"""The words of the e-mails the champions network sends: each returns (subject, body), sent with `core.mail.send_later`."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def link(name: str, *args) -> str:
    return settings.GOLDENTHREAD_SITE_URL + reverse(name, args=args)


def _hello(person) -> str:
    return f"Hello {person.full_name or person.email},"


def offer_to_decide(offer, lead) -> tuple[str, str]:
    subject = f"{offer.person.full_name} would like to be a champion in {offer.organisation.name}"
    body = (
        f"{_hello(lead)}\n\n"
        f"{offer.person.full_name} has offered to be a trauma-informed champion in {offer.organisation.name}, and said why.\n\n"
        f"You can read their offer, and accept it or say not this time, here:\n{link('programme:champions-decide', offer.public_id)}\n"
    )
    return subject, body


def accepted(offer) -> tuple[str, str]:
    subject = f"You are now a champion in {offer.organisation.name}"
    note = f"A note from {offer.decided_by.full_name}:\n\n{offer.reply}\n\n" if offer.reply and offer.decided_by else ""
    body = (
        f"{_hello(offer.person)}\n\n"
        f"Thank you for offering to be a champion. {offer.organisation.name} has accepted, and you are now one of its champions.\n\n"
        f"{note}"
        f"You can tell colleagues what you offer on your champion profile:\n{link('programme:champions-profile')}\n\n"
        f"And meet the other champions in the network:\n{link('programme:champions-network')}\n"
    )
    return subject, body


def declined(offer) -> tuple[str, str]:
    subject = f"Your offer to be a champion in {offer.organisation.name}"
    note = f"A note from {offer.decided_by.full_name}:\n\n{offer.reply}\n\n" if offer.reply and offer.decided_by else ""
    body = (
        f"{_hello(offer.person)}\n\n"
        f"Thank you for offering to be a champion in {offer.organisation.name}. It is not this time.\n\n"
        f"{note}"
        f"There are other ways to be involved in the programme, and you are welcome to offer again later:\n{link('programme:home')}\n"
    )
    return subject, body
