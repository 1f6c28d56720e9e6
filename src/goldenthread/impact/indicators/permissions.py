"""Who may see and change the indicators: plain functions, tested as a matrix.

- The partnership team and organisation leads see the indicators and the partnership's figures.
- An organisation's figures: the partnership team sees every organisation's; an organisation
  lead sees their own organisation's, never another's.
- Only the partnership team adds, changes and retires indicators and enters figures by hand.
"""

from goldenthread.impact import permissions as impact

NOT_FOR_YOU = "The indicators are for the partnership team and organisation leads. If you think you need them, ask your organisation lead."
KEPT_BY_THE_TEAM = "The partnership team keeps the indicators. If something needs changing, ask them."
NOT_YOUR_ORGANISATION = "You can see your own organisation's figures, and the partnership's. Ask the partnership team about another organisation's."


def can_see_indicators(user) -> bool:
    return impact.sees_figures(user)


def can_see_organisation(user, organisation) -> bool:
    return impact.sees_organisation(user, organisation)


def can_see_every_organisation(user) -> bool:
    """Sees the table of every organisation's figures for an indicator: the partnership team."""
    return impact.is_partnership_team(user)


def can_keep_indicators(user) -> bool:
    return impact.keeps_the_framework(user)
