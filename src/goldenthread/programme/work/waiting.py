"""What waits for a person in the work part (gathered by ../waiting.py): a request to join a workstream they lead."""

from django.urls import reverse

from goldenthread.core.registry import Waiting

from . import queries


def waiting(user) -> list[Waiting]:
    return [
        Waiting(
            what=f"Answer a request to join {join_request.workstream.name}",
            about=f"{join_request.person.full_name} ({join_request.organisation_name}) would like to join the workstream you lead.",
            link=reverse("programme:work-join-request", args=[join_request.public_id]),
            since=join_request.asked_at,
        )
        for join_request in queries.join_requests_to_decide(user)
    ]
