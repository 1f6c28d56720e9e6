"""Reads for the champions pages and API: the directory, the network's posts, offers to be a champion. Never a write."""

from __future__ import annotations

from dataclasses import dataclass, field

from goldenthread.core.permissions import is_signed_in
from goldenthread.partnership.models import Membership, Role, Sector
from goldenthread.partnership.queries import memberships_of

from .models import ChampionProfile, ChampionVolunteer, NetworkPost, Offer


@dataclass
class Champion:
    """One champion in the directory: the person, where they are a champion, and their profile (if they have written one)."""

    person: object
    organisations: list = field(default_factory=list)
    profile: ChampionProfile | None = None

    @property
    def interests(self) -> list[str]:
        return list(self.profile.interests) if self.profile else []

    @property
    def offers(self) -> list[str]:
        return list(self.profile.offers) if self.profile else []

    @property
    def offer_words(self) -> list[str]:
        return self.profile.offer_words if self.profile else []

    @property
    def about(self) -> str:
        return self.profile.about if self.profile else ""

    @property
    def sectors(self) -> list[str]:
        return list(dict.fromkeys(organisation.get_sector_display() for organisation in self.organisations))


def tidy(value, longest: int = 80) -> str:
    return str(value or "").replace("\x00", "").strip()[:longest]


def champions(*, organisation: str = "", sector: str = "", interest: str = "", offer: str = "") -> list[Champion]:
    """The champions of active member organisations, by name; narrowed by organisation (slug), sector, an interest (words in it) and an offer."""
    memberships = Membership.objects.filter(role=Role.CHAMPION, organisation__is_active=True, user__is_active=True).select_related("user", "organisation")
    if organisation:
        memberships = memberships.filter(organisation__slug=organisation)
    if sector:
        memberships = memberships.filter(organisation__sector=sector if sector in Sector.values else "")
    found: dict[int, Champion] = {}
    for membership in memberships.order_by("user__full_name", "organisation__name"):
        found.setdefault(membership.user_id, Champion(membership.user)).organisations.append(membership.organisation)
    profiles = {profile.person_id: profile for profile in ChampionProfile.objects.filter(person_id__in=found)}
    for person_id, champion in found.items():
        champion.profile = profiles.get(person_id)
    listed = list(found.values())
    if offer:
        listed = [champion for champion in listed if offer in champion.offers]
    if interest:
        wanted = interest.casefold()
        listed = [champion for champion in listed if any(wanted in item.casefold() for item in champion.interests) or wanted in champion.about.casefold()]
    return listed


def champion_by_person_id(public_id) -> Champion | None:
    """One champion, by the person's opaque id; None for anyone who is not a champion now."""
    memberships = list(
        Membership.objects.filter(role=Role.CHAMPION, organisation__is_active=True, user__is_active=True, user__public_id=public_id).select_related(
            "user", "organisation"
        )
    )
    if not memberships:
        return None
    person = memberships[0].user
    return Champion(person, [m.organisation for m in memberships], ChampionProfile.objects.filter(person=person).first())


def interest_words() -> list[str]:
    """Every interest champions have named, for the directory's hint."""
    seen: dict[str, str] = {}
    for interests in ChampionProfile.objects.values_list("interests", flat=True):
        for item in interests or []:
            seen.setdefault(item.casefold(), item)
    return sorted(seen.values(), key=str.casefold)


def profile_of(user) -> ChampionProfile | None:
    if not is_signed_in(user):
        return None
    return ChampionProfile.objects.filter(person=user).first()


def posts():
    return NetworkPost.objects.select_related("author").order_by("-created_at", "-pk")


def post_by_id(public_id) -> NetworkPost | None:
    return posts().filter(public_id=public_id).first()


def posts_by(user):
    return posts().filter(author=user)


def offer_by_id(public_id) -> ChampionVolunteer | None:
    return ChampionVolunteer.objects.filter(public_id=public_id).select_related("person", "organisation", "decided_by").first()


def own_offers(user):
    if not is_signed_in(user):
        return ChampionVolunteer.objects.none()
    return ChampionVolunteer.objects.filter(person=user).select_related("organisation").order_by("-created_at", "-pk")


def offers_to_decide(user):
    """Offers waiting in the organisations this person leads, oldest first."""
    if not is_signed_in(user):
        return ChampionVolunteer.objects.none()
    led = [m.organisation_id for m in memberships_of(user, active_only=False) if m.role == Role.ORGANISATION_LEAD]
    if not led:
        return ChampionVolunteer.objects.none()
    return (
        ChampionVolunteer.objects.filter(status=ChampionVolunteer.Status.PENDING, organisation_id__in=led)
        .select_related("person", "organisation")
        .order_by("created_at", "pk")
    )


def decided_offers_in(user):
    """Offers already answered in the organisations this person leads, newest first."""
    if not is_signed_in(user):
        return ChampionVolunteer.objects.none()
    led = Membership.objects.filter(user=user, role=Role.ORGANISATION_LEAD).values("organisation_id")
    return (
        ChampionVolunteer.objects.filter(organisation_id__in=led)
        .exclude(status=ChampionVolunteer.Status.PENDING)
        .select_related("person", "organisation", "decided_by")
        .order_by("-decided_at", "-pk")
    )


def leads_of(organisation) -> list:
    from goldenthread.core.models import User

    return list(User.objects.filter(is_active=True, memberships__organisation=organisation, memberships__role=Role.ORGANISATION_LEAD).distinct())


def recently_answered(user, since):
    """The person's own offers answered since a time, for their home page."""
    return own_offers(user).exclude(status=ChampionVolunteer.Status.PENDING).filter(decided_at__gte=since)


def offer_choices() -> list[tuple[str, str]]:
    return list(Offer.choices)
