"""What waits for a person in the language rules: a proposal to review (another language lead or the partnership team), an approved one to publish (language leads), and one's own proposal sent back with a note."""

from django.urls import reverse

from goldenthread.core.registry import Waiting

from . import queries


def waiting(user) -> list[Waiting]:
    notices = []
    to_review, to_publish, sent_back = queries.waiting_for(user)
    for version in to_review:
        notices.append(
            Waiting(
                what=f"Review a proposed language rule: {version.rule.rule_id}",
                about="A language lead proposed it. It needs a second person to approve it, or send it back with a note, before it is published.",
                link=reverse("language_rules:review", args=[version.public_id]),
                since=version.proposed_at,
            )
        )
    for version in to_publish:
        notices.append(
            Waiting(
                what=f"Publish a reviewed language rule: {version.rule.rule_id}",
                about="A second person approved it. Once published, every check the site makes uses it.",
                link=reverse("language_rules:publish", args=[version.public_id]),
                since=queries.last_review(version).reviewed_at,
            )
        )
    for version in sent_back:
        notices.append(
            Waiting(
                what=f"Look again at your language rule: {version.rule.rule_id}",
                about="It came back with a note on what would help. Propose a new version when you are ready.",
                link=reverse("language_rules:rule", args=[version.rule.rule_id]),
                since=queries.last_review(version).reviewed_at,
            )
        )
    return notices
