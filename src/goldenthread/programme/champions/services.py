"""Every change in the champions network: one function per thing a person does.

Each is `verb(target, *, by, ...)` in a transaction: it checks `permissions` (refusing with
`core.refusals.Refused`), checks the rules of `rules.py` (a ValidationError keyed by the
form's field), writes one object at a time (the audit log is written by core's model signals)
and queues the e-mails that follow with `core.mail.send_later`.

Accepting an offer to be a champion changes the person's role through the partnership app's
own service (`partnership.services.change_role`, with the lead as `by`): this part never
writes a membership itself.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from goldenthread.core.forms import clean_text
from goldenthread.core.mail import send_later
from goldenthread.core.refusals import Refused
from goldenthread.core.rules import raise_if
from goldenthread.partnership import services as partnership_services
from goldenthread.partnership.models import Membership, Role

from . import emails, permissions, queries, rules
from .models import ChampionProfile, ChampionVolunteer, NetworkPost, Offer

NOT_FOR_YOU = (
    "The champions network is for the people who work in the partnership's organisations. If you think it should include you, ask your organisation lead."
)
ONLY_CHAMPIONS = "Only champions write a champion profile. If you would like to be one, offer to be a champion."
ONLY_POSTERS = "Champions and the partnership team post to the network. If you would like to be a champion, you can offer to be one."
ONLY_THE_AUTHOR = "A post is removed by the person who wrote it, or by the partnership team."
ONLY_PRACTITIONERS = "Practitioners offer to be champions in their own organisation. If you think you should be able to, ask your organisation lead."
ONLY_THE_LEAD = "An offer to be a champion is answered by the lead of the organisation."


def _tell(person, words: tuple[str, str]) -> None:
    if person is not None and person.is_active:
        send_later(person.email, *words)


def split_interests(text: str) -> list[str]:
    """ "schools, early years ,, restorative practice" -> ["schools", "early years", "restorative practice"], each once."""
    seen: dict[str, str] = {}
    for part in (text or "").replace(";", ",").replace("\n", ",").split(","):
        item = " ".join(clean_text(part).split())
        if item:
            seen.setdefault(item.casefold(), item)
    return list(seen.values())


@transaction.atomic
def save_profile(person, *, by, interests: str, offers, about: str) -> ChampionProfile:
    """A champion writes or changes their own profile."""
    if by is None or person.pk != by.pk or not permissions.can_edit_profile(by):
        raise Refused(ONLY_CHAMPIONS)
    errors: dict = {}
    text = rules.INTERESTS.clean(interests, field="interests", errors=errors)
    items = split_interests(text)
    if "interests" not in errors:
        if len(items) > rules.MOST_INTERESTS:
            errors["interests"] = rules.INTERESTS_TOO_MANY
        elif any(len(item) > rules.LONGEST_INTEREST for item in items):
            errors["interests"] = rules.INTEREST_TOO_LONG
    chosen = [str(code) for code in offers or []]
    if any(code not in Offer.values for code in chosen):
        errors["offers"] = rules.NOT_AN_OFFER
    about = rules.ABOUT.clean(about, field="about", errors=errors)
    raise_if(errors)
    profile = ChampionProfile.objects.select_for_update().filter(person=person).first() or ChampionProfile(person=person)
    profile.interests = items
    profile.offers = [code for code in Offer.values if code in chosen]
    profile.about = about
    profile.updated_at = timezone.now()
    profile.save()
    return profile


@transaction.atomic
def post_to_network(*, by, text: str) -> NetworkPost:
    if not permissions.can_post(by):
        raise Refused(ONLY_POSTERS)
    errors: dict = {}
    text = rules.POST.clean(text, field="text", errors=errors)
    raise_if(errors)
    return NetworkPost.objects.create(author=by, text=text)


@transaction.atomic
def remove_post(post: NetworkPost, *, by) -> None:
    if not permissions.can_remove_post(by, post):
        raise Refused(ONLY_THE_AUTHOR)
    post.delete()


@transaction.atomic
def volunteer(organisation, *, by, why: str) -> ChampionVolunteer:
    """A practitioner offers to be a champion in their organisation; its lead is told."""
    if not permissions.can_volunteer(by):
        raise Refused(ONLY_PRACTITIONERS)
    errors: dict = {}
    why = rules.WHY.clean(why, field="why", errors=errors)
    if organisation is None or not permissions.organisations_to_volunteer_in(by).filter(pk=organisation.pk).exists():
        errors["organisation"] = rules.ORGANISATION_NEEDED
    elif ChampionVolunteer.objects.filter(person=by, organisation=organisation, status=ChampionVolunteer.Status.PENDING).exists():
        errors[NON_FIELD_ERRORS] = rules.ALREADY_ASKED
    raise_if(errors)
    offer = ChampionVolunteer.objects.create(person=by, organisation=organisation, why=why)
    for lead in queries.leads_of(organisation):
        if lead.pk != by.pk:
            _tell(lead, emails.offer_to_decide(offer, lead))
    return offer


def _answer(offer: ChampionVolunteer, by, reply: str) -> tuple[ChampionVolunteer, str]:
    offer = ChampionVolunteer.objects.select_for_update(of=("self",)).select_related("person", "organisation").get(pk=offer.pk)
    if not permissions.can_decide_offers(by) or not permissions.leads(by, offer.organisation):
        raise Refused(ONLY_THE_LEAD)
    if offer.status != ChampionVolunteer.Status.PENDING:
        raise ValidationError({NON_FIELD_ERRORS: rules.NOT_PENDING})
    errors: dict = {}
    reply = rules.REPLY.clean(reply, field="reply", errors=errors)
    raise_if(errors)
    return offer, reply


@transaction.atomic
def accept_offer(offer: ChampionVolunteer, *, by, reply: str = "") -> ChampionVolunteer:
    """The lead accepts: the person becomes a champion, through the partnership's own service, and is told."""
    offer, reply = _answer(offer, by, reply)
    membership = Membership.objects.filter(user=offer.person, organisation=offer.organisation).first()
    if membership is None:
        raise ValidationError({NON_FIELD_ERRORS: rules.NO_LONGER_A_MEMBER})
    if membership.role not in (Role.PRACTITIONER, Role.CHAMPION):  # made a lead or trainer since they offered: never change that role here
        raise ValidationError({NON_FIELD_ERRORS: rules.ROLE_CHANGED})
    if membership.role != Role.CHAMPION:
        partnership_services.change_role(membership, by=by, role=Role.CHAMPION)
    offer.status = ChampionVolunteer.Status.ACCEPTED
    offer.reply, offer.decided_by, offer.decided_at = reply, by, timezone.now()
    offer.save()
    _tell(offer.person, emails.accepted(offer))
    return offer


@transaction.atomic
def decline_offer(offer: ChampionVolunteer, *, by, reply: str = "") -> ChampionVolunteer:
    """The lead says not this time, with a kind word if they wish; the person is told."""
    offer, reply = _answer(offer, by, reply)
    offer.status = ChampionVolunteer.Status.DECLINED
    offer.reply, offer.decided_by, offer.decided_at = reply, by, timezone.now()
    offer.save()
    _tell(offer.person, emails.declined(offer))
    return offer
