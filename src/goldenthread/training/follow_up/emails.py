"""The words of the three-month follow-up e-mail: (subject, body), sent with `core.mail.send_later`."""

from ..emails import link


def follow_up(follow_up) -> tuple[str, str]:
    """Three months on: a short form about what has changed in their work since the course."""
    person = follow_up.person
    subject = f"Three months on from {follow_up.course.title}: what has changed?"
    body = (
        f"Hello {person.full_name or person.email},\n\n"
        f"Three months ago you completed {follow_up.course.title}. We would like to know what, if anything, "
        "has changed in your day-to-day work since then: the words you use in records, bringing your work "
        "to group supervision, and motivational interviewing.\n\n"
        "There are three short questions, and it takes about two minutes. Your answers are only ever counted "
        "together with other people's, so nobody can tell what you said.\n\n"
        f"You can answer here, once you have signed in:\n{link('training:follow-up', follow_up.public_id)}\n\n"
        "Thank you. What you tell us shapes the next year of the programme.\n"
    )
    return subject, body
