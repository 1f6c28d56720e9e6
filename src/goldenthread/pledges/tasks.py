"""Background work for pledges, run by the task worker (`manage.py db_worker`)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from goldenthread.core.identity import partnership_identity
from goldenthread.partnership.models import Membership, Role

from .models import Pledge
from .queries import long_date


@task()
def send_renewal_reminder(pledge_id: int, expires_on: str) -> int:
    """E-mail the organisation's leads that the pledge is due for renewal; return how many were sent.

    Queued for two months before the pledge lapses. By then the pledge may have gone, been
    withdrawn or been renewed (its end date moved, and a new reminder queued), and then
    nothing is sent.
    """
    pledge = Pledge.objects.select_related("organisation").filter(pk=pledge_id).first()
    if pledge is None or pledge.status == Pledge.Status.WITHDRAWN:
        return 0
    if pledge.expires_on.isoformat() != expires_on:
        return 0
    leads = (
        Membership.objects.filter(organisation=pledge.organisation, role=Role.ORGANISATION_LEAD, user__is_active=True)
        .select_related("user")
        .order_by("user__full_name")
    )
    context = {
        "pledge": pledge,
        "organisation": pledge.organisation,
        "expires_on": long_date(pledge.expires_on),
        "renew_url": settings.GOLDENTHREAD_SITE_URL + reverse("pledges:renew", args=[pledge.organisation.slug]),
        "partnership": partnership_identity(),
    }
    subject = f"{pledge.organisation.name}: the pledge is due for renewal by {context['expires_on']}"
    sent = 0
    for membership in leads:
        body = render_to_string("pledges/email/renewal_reminder.txt", {**context, "person": membership.user})
        sent += send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [membership.user.email])
    return sent
