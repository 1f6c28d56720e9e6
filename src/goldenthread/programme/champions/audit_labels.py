"""How the audit log names the champions network's records (gathered by ../audit_labels.py): by whose they are, never what they say."""

from goldenthread.core.audit import day
from goldenthread.core.audit_labels import PUBLIC_ID
from goldenthread.core.registry import AuditLabel

from .models import ChampionProfile, ChampionVolunteer, NetworkPost

LABELS = {
    ChampionProfile: AuditLabel(
        kind="champion profile",
        describe=lambda profile: f"the champion profile of {profile.person}",
        fields={
            "public_id": PUBLIC_ID,
            "person": "whose profile it is",
            "interests": "interests",
            "offers": "what they offer",
            "about": "about them",
            "updated_at": "when it was last changed",
        },
    ),
    NetworkPost: AuditLabel(
        kind="post to the champions network",
        describe=lambda post: f"a post by {post.author or 'a former colleague'} on {day(post.created_at)}",
        fields={"public_id": PUBLIC_ID, "author": "who wrote it", "text": "the post", "created_at": "when it was posted"},
    ),
    ChampionVolunteer: AuditLabel(
        kind="offer to be a champion",
        describe=lambda offer: f"{offer.person}'s offer to be a champion in {offer.organisation}",
        fields={
            "public_id": PUBLIC_ID,
            "person": "who offered",
            "organisation": "organisation",
            "why": "why they would like to be a champion",
            "status": "the answer",
            "reply": "the lead's note",
            "decided_by": "who answered",
            "decided_at": "when it was answered",
            "created_at": "when they offered",
        },
    ),
}
