"""What people said at each Kirkpatrick level (trainers and partnership leads), and the three-month follow-up a person answers.

Every chart comes with its table (`core.charts.bar_chart`, drawn by `core/_chart.html`): the
chart shows the shape, the table the same figures in full.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from goldenthread.core.charts import Bar, BarGroup, DataTable, bar_chart, shorten
from goldenthread.core.decorators import no_store
from goldenthread.core.forms import GoldenThreadForm, LenientChoiceField
from goldenthread.core.pages import form_page

from .. import evaluation as figures
from .. import permissions, queries
from ..follow_up import forms as follow_up_forms
from ..follow_up import rules as follow_up_rules
from ..follow_up import services as follow_up_services
from ..follow_up.questions import follow_up_questions
from ..models import Course
from ._common import FORM, READ, post_or_none, require

NOT_FOR_YOU = (
    "What people said about the training is for the partnership's trainers and partnership leads. If you think you should see it, ask the partnership team."
)
THANK_YOU = "Thank you. Your answers are counted together with other people's, so nobody can tell what you said."


class CourseFilterForm(GoldenThreadForm):
    course = LenientChoiceField(label="Course", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        courses = Course.objects.select_related("programme").order_by("programme__name", "title")
        self.fields["course"].choices = [("", "Every course"), *((str(c.public_id), f"{c.title} ({c.programme.name})") for c in courses)]

    def chosen(self):
        if not self.is_bound or not self.is_valid():
            return None
        value = self.cleaned_data.get("course") or ""
        return queries.course_by_id(value) if value in {key for key, _ in self.fields["course"].choices if key} else None


def _value(number) -> str:
    return "no ratings yet" if number is None else f"{number:.1f}"


def _reaction_chart(found):
    rows = found.usefulness
    return bar_chart(
        [BarGroup("", [Bar(f"{label}: {count}", count) for label, count in rows])],
        id="reaction-chart",
        title="How useful people found their sessions",
        description="A bar for each answer, longer for more people.",
        scale_max=max([count for _, count in rows] + [1]),
        table=DataTable(
            caption="How useful people found their sessions", headings=["Answer", "People"], rows=[(label, [str(count)]) for label, count in rows], numeric=True
        ),
    )


def _confidence_chart(found):
    skills = found.confidence
    if not skills:
        return None
    return bar_chart(
        [BarGroup(shorten(s.skill, 60), [Bar(f"Before: {_value(s.before)}", s.before), Bar(f"After: {_value(s.after)}", s.after)]) for s in skills],
        id="confidence-chart",
        title="Confidence before and after, out of 5",
        description="For each skill, a bar for the average confidence before the session and one for after it, out of 5.",
        scale_max=5,
        shaded=True,
        table=DataTable(
            caption="Confidence before and after, out of 5",
            headings=["Skill", "People who rated it", "Before", "After", "Rise"],
            rows=[(s.skill, [str(s.people), _value(s.before), _value(s.after), _value(round(s.after - s.before, 1))]) for s in skills],
            numeric=True,
        ),
    )


def _formats_chart(found):
    held = found.formats
    measures = [
        ("How useful, out of 5", lambda f: f.usefulness),
        ("Confidence before, out of 5", lambda f: f.confidence_before),
        ("Confidence after, out of 5", lambda f: f.confidence_after),
    ]
    return bar_chart(
        [BarGroup(title, [Bar(f"{f.name}: {_value(value(f))}", value(f)) for f in held]) for title, value in measures],
        id="formats-chart",
        title="In person and online compared",
        description="For each measure, a bar for sessions held in person and one for sessions held online, out of 5.",
        scale_max=5,
        table=DataTable(
            caption="In person and online compared",
            headings=[
                "How it was held",
                "People who gave feedback",
                "How useful, out of 5",
                "Found it useful or very useful",
                "Confidence before",
                "Confidence after",
                "Rise",
            ],
            rows=[
                (
                    f.name,
                    [
                        str(f.responses),
                        _value(f.usefulness),
                        "no feedback yet" if f.useful_percent is None else f"{f.useful_percent}%",
                        _value(f.confidence_before),
                        _value(f.confidence_after),
                        _value(f.confidence_rise),
                    ],
                )
                for f in held
            ],
        ),
    )


def _practice_chart(change):
    if not change.enough:
        return None
    return bar_chart(
        [BarGroup(q.name, [Bar(f"{label}: {count}", count) for label, count in q.answers]) for q in change.questions],
        id="practice-chart",
        title="Three months on: what has changed in people's practice",
        description="For each question, a bar for each answer, longer for more people.",
        scale_max=max(change.answered, 1),
        table=DataTable(
            caption="Three months on: what has changed in people's practice",
            headings=["Question and answer", "People", "Share of those who answered"],
            rows=[(f"{q.name}: {label}", [str(count), f"{round(100 * count / change.answered)}%"]) for q in change.questions for label, count in q.answers],
            numeric=True,
        ),
    )


@login_required
@no_store
@require_http_methods(list(READ))
def evaluation(request):
    """Reaction, confidence before and after, in person against online, and practice three months on; for every course or one."""
    require(permissions.can_see_evaluation(request.user), NOT_FOR_YOU)
    form = CourseFilterForm(request.GET or None)
    course = form.chosen()
    found = figures.evaluation(course)
    context = {
        "form": form,
        "course": course,
        "found": found,
        "reaction_chart": _reaction_chart(found),
        "confidence_chart": _confidence_chart(found),
        "formats_chart": _formats_chart(found),
        "practice_chart": _practice_chart(found.practice),
        "questions": follow_up_questions().questions,
    }
    return render(request, "training/evaluation.html", context)


@login_required
@no_store
@require_http_methods(list(FORM))
def follow_up(request, public_id):
    """Three months after a course: what has changed in your work. Only the person it was sent to."""
    found = figures.follow_up_by_id(public_id)
    if found is None:
        raise Http404
    user = request.user
    require(permissions.can_answer_follow_up(user, found), follow_up_rules.NOT_YOURS)
    form = follow_up_forms.FollowUpForm(post_or_none(request), initial=follow_up_forms.initial_from(found))
    return form_page(
        request,
        form,
        template="training/follow_up.html",
        context={"follow_up": found, "intro": follow_up_questions().intro},
        action=lambda _: follow_up_services.answer_follow_up(found, by=user, **form.follow_up_values()),
        success_message=THANK_YOU,
        success_url=reverse("training:record"),
    )
