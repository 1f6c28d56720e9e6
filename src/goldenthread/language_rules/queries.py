"""Reads only: the partnership's rules, their versions and where each stands, and what waits for whom."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Prefetch, Subquery

from goldenthread.core.permissions import is_signed_in
from goldenthread.language import default_engine
from goldenthread.partnership.models import Membership, Role

from .models import PartnershipRule, RuleReview, RuleSwitch, RuleVersion

PROPOSED, APPROVED, SENT_BACK, PUBLISHED, REPLACED = "proposed", "approved", "sent-back", "published", "replaced"
STATE_WORDS = {
    PROPOSED: "Waiting for a review",
    APPROVED: "Reviewed, waiting to be published",
    SENT_BACK: "Sent back",
    PUBLISHED: "Published",
    REPLACED: "Not published: a newer version followed",
}


def state_of(version: RuleVersion, latest_number: int | None = None) -> str:
    """Where a version stands: published; else its last review (approved or sent back); else waiting; a newer version replaces one never published."""
    if hasattr(version, "publication"):
        return PUBLISHED
    if latest_number is None:
        latest_number = version.rule.versions.order_by("-number").values_list("number", flat=True).first()
    if latest_number is not None and version.number < latest_number:
        return REPLACED
    review = last_review(version)
    if review is None:
        return PROPOSED
    return APPROVED if review.approved else SENT_BACK


def last_review(version: RuleVersion) -> RuleReview | None:
    reviews = getattr(version, "_prefetched_objects_cache", {}).get("reviews")
    if reviews is not None:
        return reviews[0] if reviews else None
    return version.reviews.order_by("-reviewed_at", "-id").first()


def _versions():
    return RuleVersion.objects.select_related("rule", "proposed_by", "publication", "publication__published_by").prefetch_related(
        Prefetch("reviews", queryset=RuleReview.objects.select_related("reviewed_by").order_by("-reviewed_at", "-id"))
    )


def rule_by_id(rule_id: str) -> PartnershipRule | None:
    if "\x00" in rule_id:  # PostgreSQL refuses a NUL in text; no rule's name holds one
        return None
    return PartnershipRule.objects.filter(rule_id=rule_id).first()


def version_by_id(public_id) -> RuleVersion | None:
    return _versions().filter(public_id=public_id).first()


def history(rule: PartnershipRule) -> list[tuple[RuleVersion, str]]:
    """Every version of a rule, newest first, each with where it stands."""
    versions = list(_versions().filter(rule=rule).order_by("-number"))
    latest = versions[0].number if versions else None
    return [(version, state_of(version, latest)) for version in versions]


def latest_version(rule: PartnershipRule) -> RuleVersion | None:
    return _versions().filter(rule=rule).order_by("-number").first()


def live_version(rule: PartnershipRule) -> RuleVersion | None:
    """The version in force: the last one published."""
    return _versions().filter(rule=rule, publication__isnull=False).order_by("-number").first()


def open_version(rule: PartnershipRule) -> RuleVersion | None:
    """The latest version while it still waits for a review or to be published."""
    latest = latest_version(rule)
    if latest is not None and state_of(latest, latest.number) in (PROPOSED, APPROVED):
        return latest
    return None


def latest_versions(*, proposed_by=None) -> list[tuple[RuleVersion, str]]:
    """The latest version of every rule, by the rule's name, each with where it stands (two queries: the versions, their reviews).

    With `proposed_by`, only the latest versions that person proposed.
    """
    newest = RuleVersion.objects.filter(rule=OuterRef("rule")).order_by("-number").values("number")[:1]
    versions = _versions().filter(number=Subquery(newest))
    if proposed_by is not None:
        versions = versions.filter(proposed_by=proposed_by)
    return [(version, state_of(version, version.number)) for version in versions.order_by("rule__rule_id")]


def proposals_in(*states: str) -> list[RuleVersion]:
    return [version for version, state in latest_versions() if state in states]


def published_rules() -> list[RuleVersion]:
    """The version in force of every rule published at least once, by name (one query: the site asks at every check)."""
    live: dict[int, RuleVersion] = {}
    for version in (
        RuleVersion.objects.filter(publication__isnull=False)
        .select_related("rule", "proposed_by", "publication", "publication__published_by")
        .order_by("rule__rule_id", "-number")
    ):
        live.setdefault(version.rule_id, version)
    return list(live.values())


def switches(rule_id: str) -> list[RuleSwitch]:
    return list(RuleSwitch.objects.filter(rule_id=rule_id).select_related("switched_by").order_by("-switched_at", "-id"))


def switched_off() -> dict[str, RuleSwitch]:
    """Each rule switched off for the partnership now: its name -> the switch that did it (the last switch of each rule stands)."""
    last: dict[str, RuleSwitch] = {}
    for switch in RuleSwitch.objects.select_related("switched_by").order_by("rule_id", "-switched_at", "-id"):
        last.setdefault(switch.rule_id, switch)
    return {rule_id: switch for rule_id, switch in last.items() if not switch.switched_on}


def is_switched_off(rule_id: str) -> bool:
    switch = RuleSwitch.objects.filter(rule_id=rule_id).order_by("-switched_at", "-id").first()
    return switch is not None and not switch.switched_on


@dataclass(frozen=True)
class ShippedRule:
    """A rule shipped with the check, as a page shows it."""

    id: str
    category: str
    severity: str
    message: str
    words: tuple[str, ...]
    reframes: tuple[str, ...]
    must_flag: tuple[str, ...]
    must_pass: tuple[str, ...]


def shipped_rule(rule_id: str) -> ShippedRule | None:
    """A rule shipped with the check (a detector, which has no words, is not one that can be changed here)."""
    rule = next((r for r in default_engine().rules if r.id == rule_id and not r.detector), None)
    if rule is None:
        return None
    return ShippedRule(rule.id, rule.category, rule.severity, rule.message, tuple(rule.patterns), tuple(rule.suggestions), tuple(rule.flag), tuple(rule.pass_))


def is_shipped(rule_id: str) -> bool:
    return any(r.id == rule_id for r in default_engine().rules)


def categories() -> list[str]:
    """The kinds of language the shipped rules are about, for a proposal to choose from."""
    return sorted({r.category for r in default_engine().rules if not r.detector})


def language_leads():
    """Everyone with the role of language lead in a member organisation, still able to sign in."""
    return get_user_model().objects.filter(memberships__role=Role.LANGUAGE_LEAD, is_active=True).distinct().order_by("full_name", "id")


def reviewers_of(version: RuleVersion):
    """Who may review a proposal: the other language leads and the partnership team; never the person who proposed it."""
    people = get_user_model().objects.filter(is_active=True).filter(
        pk__in=list(Membership.objects.filter(role=Role.LANGUAGE_LEAD).values_list("user_id", flat=True))
    ) | get_user_model().objects.filter(is_active=True, is_partnership_admin=True)
    return people.exclude(pk=version.proposed_by_id).distinct().order_by("full_name", "id")


def waiting_for_review_by(user) -> list[RuleVersion]:
    from . import permissions

    if not permissions.can_review_rules(user):
        return []
    return [version for version in proposals_in(PROPOSED) if version.proposed_by_id != user.pk]


def waiting_to_publish_for(user) -> list[RuleVersion]:
    from . import permissions

    if not permissions.can_publish_rules(user):
        return []
    return proposals_in(APPROVED)


def sent_back_to(user) -> list[RuleVersion]:
    if not is_signed_in(user):
        return []
    return [version for version, state in latest_versions(proposed_by=user) if state == SENT_BACK]


def waiting_for(user) -> tuple[list[RuleVersion], list[RuleVersion], list[RuleVersion]]:
    """What waits for a person, read once: (proposals to review, reviewed versions to publish, own versions sent back).

    The same as `waiting_for_review_by`, `waiting_to_publish_for` and `sent_back_to`, from one read of the latest versions.
    """
    from . import permissions

    if not is_signed_in(user):
        return [], [], []
    reviews, publishes = permissions.can_review_rules(user), permissions.can_publish_rules(user)
    latest = latest_versions() if reviews or publishes else latest_versions(proposed_by=user)
    to_review = [version for version, state in latest if reviews and state == PROPOSED and version.proposed_by_id != user.pk]
    to_publish = [version for version, state in latest if publishes and state == APPROVED]
    sent_back = [version for version, state in latest if state == SENT_BACK and version.proposed_by_id == user.pk]
    return to_review, to_publish, sent_back
