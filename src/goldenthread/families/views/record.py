"""The family's overview: everything the person may see of the record, each part logged, and a calm word for each part hidden."""

from django.shortcuts import render

from .. import access, permissions
from ..models import (
    JoinRequest,
    Part,
)
from ._common import PART_LABELS, _emergency_context, _family, family_page

OVERVIEW_PARTS = (*access.CONTENT_PARTS, access.HOUSEHOLD, access.TEAM)


@family_page("GET", "HEAD")
def overview(request, family_id):
    """Everything the person may see of the family, each part logged; a calm word for each part hidden."""
    family = _family(family_id)
    user = request.user
    decisions = access.read_parts(user, family, OVERVIEW_PARTS, detail="family overview")
    if not any(decision.allowed for decision in decisions.values()):
        return render(request, "families/not_in_team.html", {"family": family, **_emergency_context(user)}, status=403)
    place = access.team_place(user, family)
    profiles = decisions[Part.PROFILES]
    people = list(family.people.all()) if decisions[access.HOUSEHOLD].allowed else []
    is_family_member = place is None and access.is_family_member(user, family)
    hidden = [part for part in access.CONTENT_PARTS if not decisions[part].allowed]
    team_visible = decisions[access.TEAM].allowed
    # The team (with the lead among it) is read once, and only where the person may see it.
    team = list(family.team.filter(left_on__isnull=True).select_related("user", "organisation")) if team_visible else []
    if team_visible:
        lead = next((member for member in team if member.is_lead), None)
    elif hidden and not is_family_member:
        lead = family.team.filter(left_on__isnull=True, is_lead=True).select_related("user", "organisation").first()
    else:
        lead = None  # shown only in the words for a hidden part, to someone outside the family
    all_decisions = access.decide_all(user, family, (access.CONSENTS, access.ACCESS_LOG))
    context = {
        "family": family,
        "decisions": decisions,
        "household_visible": decisions[access.HOUSEHOLD].allowed,
        "can_change_household": access.decide_change(user, family, access.HOUSEHOLD).allowed,
        "people": [{"person": person, "profile_visible": profiles.covers_person(person)} for person in people],
        "story_visible": decisions[Part.STORY].allowed,
        "story_entries": list(family.story_entries.all()) if decisions[Part.STORY].allowed else [],
        "chronology_visible": decisions[Part.CHRONOLOGY].allowed,
        "chronology": list(family.chronology.select_related("organisation")) if decisions[Part.CHRONOLOGY].allowed else [],
        "profiles_visible": profiles.allowed,
        "contact_visible": decisions[Part.CONTACT].allowed,
        "hidden": [PART_LABELS[part] for part in hidden],
        "not_shared": _not_shared_words(hidden, decisions, place, is_family_member, lead, family),
        "team_visible": team_visible,
        "team": team,
        "join_requests": _join_requests_to_decide(user, family),
        "emergency": next((d.emergency for d in decisions.values() if d.emergency), None),
        "place": place,
        "is_family_member": is_family_member,
        "can_manage_team": permissions.can_manage_team(user, family),
        "can_edit_details": permissions.can_edit_family_details(user, family),
        "can_change_contact_details": permissions.can_change_contact_details(user, family),
        "can_close": permissions.can_close_family(user, family),
        "can_see_consents": all_decisions[access.CONSENTS].allowed,
        "can_see_access_log": all_decisions[access.ACCESS_LOG].allowed,
        "lead": lead,
        # Whether the person may start emergency access is asked only where a hidden part offers it.
        **(_emergency_context(user) if hidden and not is_family_member else {}),
    }
    return render(request, "families/overview.html", context)


HIDDEN_PART_WORDS = {
    Part.STORY: "story",
    Part.PROFILES: "one-page profiles",
    Part.CHRONOLOGY: "chronology",
    Part.CONTACT: "contact details",
}
SINGULAR_PARTS = {Part.STORY, Part.CHRONOLOGY}


def _in_a_list(words) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _parts_words(parts, *, whose="their") -> str:
    """'their story, chronology and contact details'."""
    return f"{whose} {_in_a_list(HIDDEN_PART_WORDS[part] for part in parts)}"


def _it_or_them(parts) -> str:
    return "it" if len(parts) == 1 and parts[0] in SINGULAR_PARTS else "them"


def _not_shared_words(hidden, decisions, place, is_family_member, lead, family) -> list[str]:
    """What is true about the parts not shared with the person, said once for the page: one sentence for each way the
    family's agreement stands (never given, run out, withdrawn, not started yet), from the access rule's decisions."""
    if not hidden:
        return []
    if is_family_member:
        kept = _parts_words(hidden, whose="your family's")
        return [f"The team keeps {kept} here. Your lead practitioner can go through {_it_or_them(hidden)} with you."]
    if place is None:
        words = _parts_words(hidden)
        return [f"{words[:1].upper()}{words[1:]} can only be seen by the team around the family."]
    by_standing: dict = {}
    for part in hidden:
        standing = decisions[part].agreement or access.NEVER_AGREED
        by_standing.setdefault(standing, []).append(part)
    who = f"the lead practitioner, {lead.user.full_name} ({lead.organisation.name})" if lead else f"the team in {family.recording_organisation.name}"
    organisation = place.team_organisation_name
    sentences = []
    for standing, parts in by_standing.items():
        shared, it = _parts_words(parts), _it_or_them(parts)
        if standing.state == access.Agreement.EXPIRED:
            sentences.append(
                f"The family's agreement to share {shared} with {organisation} ran out on {standing.on_words}. "
                f"To see {it} again, ask {who}{',' if lead else ''} to record a new agreement, if the family agrees."
            )
        elif standing.state == access.Agreement.WITHDRAWN:
            sentences.append(
                f"The family withdrew their agreement to share {shared} with {organisation} on {standing.on_words}. If you need to know more, talk with {who}."
            )
        elif standing.state == access.Agreement.NOT_YET:
            sentences.append(f"The family has agreed to share {shared} with {organisation} from {standing.on_words}. You can see {it} from then.")
        else:
            sentences.append(
                f"The family has not agreed to share {shared} with {organisation}. To ask, talk with {who}, who can ask the family whether they agree."
            )
    return sentences


def _join_requests_to_decide(user, family):
    if not permissions.can_decide_join_requests(user, family):
        return []
    return list(family.join_requests.filter(status=JoinRequest.Status.WAITING).select_related("user", "organisation"))
