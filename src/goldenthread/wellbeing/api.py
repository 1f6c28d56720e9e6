"""The wellbeing API: your own check-ins (read, take, delete, delete all), the questions, and figures for groups.

A check-in is only ever yours: every check-in operation works on the token's own person, and
another person's check-in answers 404 exactly as one that does not exist. Figures are for
the partnership admins and organisation leads, with the same small groups held back as on
the figures page (`figures.py`): a held-back figure is null.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from ninja import Field, Router, Schema

from goldenthread.core.api import Error, personal_token
from goldenthread.core.refusals import Refused

from . import figures, permissions, queries, questions, services

router = Router(tags=["Wellbeing"])

NOT_FOUND = "You have no check-in with that id."


class QuestionOut(Schema):
    key: str
    asks: str
    answers: list[str] = Field(..., description="The five answers, first to last; send the answer's number, 1 to 5.")


class QuestionsOut(Schema):
    version: str
    introduction: str
    questions: list[QuestionOut]


class CheckInOut(Schema):
    id: str
    taken_at: datetime
    questions_version: str
    answers: dict[str, int] = Field(..., description="Each question answered: its key and the answer's number, 1 to 5.")
    in_own_words: str


class CheckInIn(Schema):
    answers: dict[str, int] = Field(..., description="Question keys (from /wellbeing/questions) and answers 1 to 5; at least one.")
    in_own_words: str = ""


class DeletedOut(Schema):
    deleted: int


class FigureOut(Schema):
    group: str
    month: date
    people: int | None = Field(..., description="Null: fewer than the smallest group checked in, so it is held back.")
    share_of_staff: int | None
    harder: dict[str, int | None] = Field(..., description="For each question, the percentage whose answer was at the harder end; null where held back.")


def _out(check_in) -> dict:
    return {
        "id": str(check_in.public_id),
        "taken_at": check_in.taken_at,
        "questions_version": check_in.questions_version,
        "answers": check_in.answers,
        "in_own_words": check_in.in_own_words,
    }


def _workforce(user) -> None:
    if not permissions.can_check_in(user):
        raise Refused(services.WORKFORCE_ONLY)


@router.get("/questions", response={200: QuestionsOut, 403: Error}, auth=personal_token, summary="The check-in's questions")
def check_in_questions(request):
    _workforce(request.auth)
    current = questions.current()
    return {
        "version": current.version,
        "introduction": current.introduction,
        "questions": [{"key": q.key, "asks": q.asks, "answers": list(q.answers)} for q in current.questions],
    }


@router.get("/my/check-ins", response={200: list[CheckInOut], 403: Error}, auth=personal_token, summary="Your own check-ins, newest first")
def my_check_ins(request):
    _workforce(request.auth)
    return [_out(item) for item in queries.own_check_ins(request.auth)]


@router.post("/my/check-ins", response={201: CheckInOut, 400: Error, 403: Error}, auth=personal_token, summary="Take a check-in")
def take_check_in(request, payload: CheckInIn):
    try:
        saved = services.take_check_in(request.auth, by=request.auth, answers=payload.answers, in_own_words=payload.in_own_words)
    except ValidationError as problem:
        return 400, {"detail": " ".join(problem.messages)}
    return 201, _out(saved)


@router.delete("/my/check-ins/{check_in_id}", response={200: DeletedOut, 404: Error}, auth=personal_token, summary="Delete one of your check-ins")
def delete_check_in(request, check_in_id: UUID):
    found = queries.own_check_in(request.auth, check_in_id)
    if found is None:
        return 404, {"detail": NOT_FOUND}
    services.delete_check_in(found, by=request.auth)
    return 200, {"deleted": 1}


@router.delete("/my/check-ins", response={200: DeletedOut}, auth=personal_token, summary="Delete every check-in you have made")
def delete_all(request):
    return {"deleted": services.delete_all_check_ins(request.auth, by=request.auth)}


@router.get("/figures", response={200: list[FigureOut], 403: Error}, auth=personal_token, summary="Figures for groups, by month, small groups held back")
def group_figures(request):
    user = request.auth
    if not permissions.can_see_figures(user):
        raise Refused("Wellbeing figures are for organisation leads and the partnership team.")
    return figures.indicators(permissions.organisations_for_figures(user).order_by("name"), with_partnership=permissions.can_see_partnership_figures(user))
