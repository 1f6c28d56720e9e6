"""Who may read and keep the theory of change. Plain functions, tested as a matrix.

- Everyone in the workforce (a role in a member organisation, or the partnership team) reads
  the theory of change in force and every earlier version.
- The partnership team writes the next version as a draft, and publishes or discards it.
- A family member's own account sees none of it.
"""

from ..permissions import is_workforce, keeps_the_framework

NOT_FOR_YOU = (
    "The theory of change is for the people who work in the partnership's organisations. If you think it should include you, ask your organisation lead."
)
KEEPS_THE_THEORY = "The partnership team writes and publishes the theory of change. If you think something in it should change, tell them."


def can_read(user) -> bool:
    return is_workforce(user)


def can_keep(user) -> bool:
    return keeps_the_framework(user)
