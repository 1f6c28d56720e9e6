"""What waits for a person about pledges, for the "Waiting for you" list on their home page.

One hand-over, made by the calendar: a pledge whose renewal is open (two months before it
lapses, and after), waiting for its organisation's lead, who is also e-mailed then
(`tasks.send_renewal_reminder`). The notice is gone once the pledge is renewed.
"""

from django.urls import reverse

from goldenthread.core.registry import Waiting

from . import queries


def waiting(user) -> list[Waiting]:
    notices = []
    for pledge in queries.renewals_waiting_for(user):
        name = pledge.organisation.name
        ends = queries.long_date(pledge.expires_on)
        about = f"The pledge ran until {ends}. You can renew it to show it as signed again." if pledge.is_lapsed else f"The pledge runs until {ends}."
        notices.append(
            Waiting(
                what=f"Renew the pledge for {name}",
                about=about,
                link=reverse("pledges:renew", args=[pledge.organisation.slug]),
                since=pledge.renewal_due_from,
                due=pledge.expires_on,
            )
        )
    return notices
