"""What waits for a person in the reports part: a draft board report waits for the partnership team to finish it."""

from django.urls import reverse

from goldenthread.core.registry import Waiting

from . import permissions, queries


def waiting(user) -> list[Waiting]:
    if not permissions.can_write_reports(user):
        return []
    return [
        Waiting(
            what=f"Finish the board report for {report.period.words()}",
            about=f"{report.title} ({report.about}) is a draft. Write the commentary and make it final when it is ready.",
            link=reverse("impact:report", args=[report.public_id]),
            since=report.made_at,
        )
        for report in queries.drafts()
    ]
