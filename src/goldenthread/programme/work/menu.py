"""What the work part adds to a person's home page and to the programme's home page (gathered by ../menu.py)."""

from django.urls import reverse
from django.utils import timezone

from . import permissions, queries
from .models import JoinRequest


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def home_cards(user) -> list:
    """Your workstreams and the actions due in them, requests waiting for your answer, and the answers to your own requests."""
    if not permissions.can_see_programmes(user):
        return []
    mine = list(queries.workstreams_for(user))
    to_decide, own = queries.join_requests_for_home(user)
    answers = [join_request for join_request in own if join_request.status != JoinRequest.Status.WAITING]
    asked = [join_request for join_request in own if join_request.status == JoinRequest.Status.WAITING]
    if not (mine or to_decide or answers or asked):
        return []
    words, links = [], []
    if mine:
        due = list(queries.actions_due_for(user))
        overdue = sum(1 for action in due if action.due_on < timezone.localdate())
        words.append(f"You are on {_plural(len(mine), 'workstream', 'workstreams')}.")
        if due:
            words.append(
                f"{_plural(len(due), 'action is', 'actions are')} due in the next two weeks or past their date"
                + (f", {overdue} of them overdue." if overdue else ".")
            )
        links += [(workstream.name, reverse("programme:work-workstream", args=[workstream.public_id])) for workstream in mine]
        links += [
            (f"Actions: {workstream.name}", reverse("programme:work-actions", args=[workstream.public_id]))
            for workstream in mine
            if any(a.workstream_id == workstream.pk for a in due)
        ]
    if to_decide:
        words.append(f"{_plural(len(to_decide), 'person has', 'people have')} asked to join a workstream you lead.")
        links += [
            (f"Answer {join_request.person.full_name}", reverse("programme:work-join-request", args=[join_request.public_id])) for join_request in to_decide
        ]
    for join_request in answers:
        if join_request.status == JoinRequest.Status.ACCEPTED:
            words.append(f"Welcome to {join_request.workstream.name}: your request to join was accepted.")
        else:
            words.append(f"Thank you for offering to join {join_request.workstream.name}. This time it is not taking on new members.")
    for join_request in asked:
        words.append(f"You have asked to join {join_request.workstream.name}. The lead will answer soon.")
    if answers or asked:
        links.append(("Your requests to join", reverse("programme:work-workstreams")))
    return [{"title": "Your workstreams", "text": " ".join(words), "links": links}]


def home_links(user):
    """This part's section on the programme's home page: each open programme's board, and joining a workstream."""
    if not permissions.can_see_programmes(user):
        return None
    links = [
        (f"The board: {programme.name}", reverse("programme:work-board", args=[programme.public_id])) for programme in queries.programmes().filter(is_open=True)
    ]
    links.append(("Programmes and workstreams", reverse("programme:work-programmes")))
    links.append(("Join a workstream", reverse("programme:work-workstreams")))
    return ("Workstreams", links)
