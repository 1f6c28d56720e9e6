"""What the families app adds to the menu and to a person's home page."""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.permissions import is_signed_in
from goldenthread.partnership.queries import memberships_of

from . import access, permissions
from .models import ConsentAgreement, EmergencyAccess, JoinRequest, TeamMember

EXPIRY_WINDOW_DAYS = 30


def _works_with_families(user) -> bool:
    """Anyone with a team place, or a role in a member organisation, may find the family pages."""
    if not is_signed_in(user):
        return False
    cached = getattr(user, "_gt_works_with_families", None)
    if cached is None:
        cached = (
            any(membership.role in permissions.FAMILY_PAGES_ROLES for membership in memberships_of(user, active_only=False))
            or TeamMember.objects.filter(user=user, left_on__isnull=True).exists()
            or access.own_families(user).exists()
        )
        user._gt_works_with_families = cached
    return cached


def navigation(user):
    if _works_with_families(user):
        return [("Families", reverse("families:your-families"))]
    return []


def _join_requests_to_decide(user, families):
    """Waiting requests in the families where this person decides who joins."""
    deciding = [family.pk for family in families if permissions.can_decide_join_requests(user, family)]
    return JoinRequest.objects.filter(family_id__in=deciding, status=JoinRequest.Status.WAITING).count() if deciding else 0


def home_cards(user):
    if not is_signed_in(user):
        return []
    cards = []
    if _works_with_families(user):
        families = list(access.families_for(user))
        today = timezone.localdate()
        recording = [family for family in families if permissions.in_recording_team(user, family)]
        expiring = ConsentAgreement.objects.filter(
            Q(family__in=recording), withdrawn_at__isnull=True, valid_until__gte=today, valid_until__lte=today + timedelta(days=EXPIRY_WINDOW_DAYS)
        ).count()
        waiting = _join_requests_to_decide(user, families)
        text = f"You are in the team around {len(families)} famil{'y' if len(families) == 1 else 'ies'}."
        extra = []
        if waiting:
            extra.append(f"{waiting} request{'s' if waiting != 1 else ''} to join a team {'are' if waiting != 1 else 'is'} waiting for your decision.")
        if expiring:
            extra.append(
                f"{expiring} family agreement{'s' if expiring != 1 else ''} to share end{'s' if expiring == 1 else ''} in the next {EXPIRY_WINDOW_DAYS} days."
            )
        cards.append(
            {
                "title": "Your families",
                "text": text,
                "extra": " ".join(extra),
                "links": [("See your families", reverse("families:your-families")), ("Find or add a family", reverse("families:search"))],
            }
        )
    if permissions.can_review_emergency_access(user):
        count = EmergencyAccess.objects.filter(review=EmergencyAccess.Review.WAITING).count()
        cards.append(
            {
                "title": "Emergency access to review",
                "text": f"{count} emergency access{'es' if count != 1 else ''} to family records {'are' if count != 1 else 'is'} waiting for your review.",
                "links": [("Review emergency access", reverse("families:reviews"))],
            }
        )
    if permissions.can_set_retention_rule(user):
        cards.append(
            {
                "title": "How long family records are kept",
                "text": "Set how long a closed family record is kept, and see what the retention task has done.",
                "links": [("Set the retention rule", reverse("families:retention"))],
            }
        )
    return cards
