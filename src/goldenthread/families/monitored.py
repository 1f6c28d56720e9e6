"""The family's record's free text that the partnership's language monitoring checks: counts only, never words.

A record's organisation is the writer's place in the family's team (the recording organisation
where they have none); its author is whoever recorded or last changed it. A family member's own
words (`in_my_own_words`) are theirs, not the workforce's writing, and are never checked.
"""

from goldenthread.core.registry import MonitoredText


def _organisation_of_writer(family, user):
    if user is not None:
        place = family.team.filter(user=user).select_related("organisation").order_by("-joined_on").first()
        if place is not None:
            return place.organisation
    return family.recording_organisation


MONITORED = (
    MonitoredText(
        model="families.storyentry",
        fields=("story",),
        record_type="Family story",
        organisation=lambda entry: _organisation_of_writer(entry.family, entry.recorded_by),
        author=lambda entry: entry.recorded_by,
        written_on=lambda entry: entry.recorded_at,
        holds_family_data=True,
    ),
    MonitoredText(
        model="families.chronologyentry",
        fields=("what_happened", "meaning_for_child"),
        record_type="Chronology entry",
        organisation=lambda entry: entry.organisation,
        author=lambda entry: entry.recorded_by,
        written_on=lambda entry: entry.recorded_at,
        holds_family_data=True,
    ),
    MonitoredText(
        model="families.onepageprofile",
        fields=("liked_and_admired", "important_to_me", "how_to_support_me"),
        record_type="One-page profile",
        organisation=lambda profile: _organisation_of_writer(profile.person.family, profile.updated_by),
        author=lambda profile: profile.updated_by,
        written_on=lambda profile: profile.updated_at,
        holds_family_data=True,
    ),
)
