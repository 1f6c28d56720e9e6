"""Who may see and keep the shared roadmap. Plain functions, no logging, tested as a matrix.

- Everyone in the workforce (a role in a member organisation, or the partnership team) reads
  the whole roadmap: it is shared, so every organisation sees the others' milestones too.
- The partnership team (partnership admins) keeps the whole-system and sector milestones,
  and may help with any organisation's own.
- An organisation's lead keeps their own organisation's milestones, and no others.
"""

from goldenthread.partnership.models import Organisation

from ..permissions import is_workforce, leads, led_organisations, runs_programmes

NOT_FOR_YOU = (
    "The shared roadmap is for the people who work in the partnership's organisations. If you think it should include you, ask your organisation lead."
)
KEEPS_THE_ROADMAP = (
    "Milestones for the whole system and for sectors are kept by the partnership team; an organisation's own milestones by its lead. "
    "If something on the roadmap needs changing, ask them."
)


def can_see_roadmap(user) -> bool:
    return is_workforce(user)


def can_keep(user, organisation=None) -> bool:
    """Add or keep a milestone for this organisation (None: the whole system or a sector)."""
    if runs_programmes(user):
        return True
    return organisation is not None and leads(user, organisation)


def can_add_milestones(user) -> bool:
    """Add a milestone of any kind: the partnership team, and organisation leads (for their own organisation)."""
    return runs_programmes(user) or led_organisations(user).exists()


def can_change(user, milestone) -> bool:
    """Change, mark reached, move or drop this milestone."""
    return milestone is not None and can_keep(user, milestone.organisation)


def organisations_kept_by(user):
    """The organisations whose own milestones this person keeps: every active one for the partnership team, else those they lead."""
    if runs_programmes(user):
        return Organisation.objects.filter(is_active=True)
    return led_organisations(user).filter(is_active=True)


def keeps_whole_system(user) -> bool:
    """Keeps the whole-system and sector milestones."""
    return runs_programmes(user)
