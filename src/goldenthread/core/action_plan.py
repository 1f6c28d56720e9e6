"""The action plan, written once: every app that keeps one (pledges, the continuum; training,
impact and recovery next) uses this component.

A step of a plan (`core.models.PlannedStep`) is what we will do, who owns it, by when, and
how far it has got. Each app keeps its own model, hanging from its own record (a pledge, an
organisation), and groups its steps by something of its own (a strand of the pledge, an
area of a framework). Everything else lives here:

- each field's rule (`DESCRIPTION`, `OWNER`, `DUE_ON`, the status messages), shared by the
  form and the service, and `check_step`, the service-side check of all of them;
- `StepForm`: the add-and-change form, with the app's grouping as its first field;
- `ActionPlan`: an app subclasses it once (in its `action_plan.py`) to say its model, its
  grouping, who may see and change the plan, and the words and names of its pages. Its
  `add_step`, `change_step` and `mark_done` are the writes; the app's services call them
  inside their transaction, and they refuse (`Refused`) anyone the plan does not allow;
- the pages: `list_page`, `add_page`, `change_page` and `mark_done_page`, rendered from
  `core/templates/core/action_plan/`. Each asks the plan's permission before it looks
  anything else up, then calls the app's service passed to it as `save`.

A new app's plan, its services and its views:

    class TrainingPlan(ActionPlan):                      # training/action_plan.py
        model = Step
        grouping = Grouping("theme", "Theme", "Choose the theme this action is for", "Choose one of the themes listed")
        url_namespace = "training"
        back_url_name, back_text = "training:home", "Back to training"

        def may_see(self, user, organisation): return permissions.can_see_plan(user, organisation)
        def may_change(self, user, organisation): return permissions.can_change_plan(user, organisation)
        def step_setup(self, request, parent, step=None): return StepSetup(choices=THEMES)

    PLAN = TrainingPlan()

    @transaction.atomic                                  # training/services.py
    def add_step(organisation, *, by, theme, description, owner, due_on, status=NOT_STARTED):
        return PLAN.add_step(organisation, by=by, values={"theme": theme, ...})

    def actions(request, slug):                          # training/views.py
        return action_plan.list_page(request, PLAN, _organisation(slug))

    def add_action(request, slug):
        return action_plan.add_page(request, PLAN, _organisation(slug), save=services.add_step)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from .forms import GoldenThreadForm, LenientChoiceField
from .models import PlannedStep
from .pages import form_page
from .refusals import Refused
from .rules import DateRule, TextRule, raise_if

Status = PlannedStep.Status

# Each field's rule, for every app's plan ------------------------------------------------

DESCRIPTION = TextRule("What we will do", 500, "Describe what you will do", rows=3)
OWNER = TextRule("Who owns it", 150, "Enter who owns this action: a name or a team", hint="A name or a team.")
DUE_ON = DateRule("Due date", "Enter the date it is due, for example 27 3 2026", hint="For example, 27 3 2026")
STATUS_REQUIRED = "Choose where this action has got to"
STATUS_UNKNOWN = "Choose one of the statuses listed"
STEP_FIELDS = ("description", "owner", "due_on", "status")

ADDED = "The action is added to your action plan."
SAVED = "The action is saved."
MARKED_DONE = "The action is marked as done."


def check_step(values: dict, *, errors: dict | None = None) -> dict:
    """The step's own fields tidied and checked; every problem (with any in `errors`) refused at once.

    Returns `values` with the description and owner tidied; the grouping and anything else
    in `values` is the app's to check, and comes back as it was.
    """
    errors = dict(errors or {})
    checked = dict(values)
    checked["description"] = DESCRIPTION.clean(values.get("description"), field="description", errors=errors)
    checked["owner"] = OWNER.clean(values.get("owner"), field="owner", errors=errors)
    checked["due_on"] = DUE_ON.clean(values.get("due_on"), field="due_on", errors=errors)
    if values.get("status") not in Status.values:
        errors["status"] = STATUS_REQUIRED
    raise_if(errors)
    return checked


def overdue(steps):
    """The steps past their due date and not done."""
    return steps.filter(due_on__lt=timezone.localdate()).exclude(status=Status.DONE)


def with_status(steps, status: str):
    """The steps a list's filter asks for: "overdue", one status, or (anything else) all of them."""
    if status == "overdue":
        return overdue(steps)
    if status in Status.values:
        return steps.filter(status=status)
    return steps


# What differs from app to app ---------------------------------------------------------


@dataclass(frozen=True)
class Grouping:
    """What an app groups its steps by: the field, its label, and what to say when it is missing or unknown.

    `radios` shows the choice as radios (a few fixed groups); otherwise it is a select
    that starts at `blank_label` (many groups, such as a framework's areas).
    """

    field: str
    label: str
    required_message: str
    unknown_message: str
    radios: bool = True
    blank_label: str = ""


@dataclass(frozen=True)
class GroupChoice:
    """One group a step may be put in: the value the form sends, its label, and what the service is given."""

    key: str
    label: str
    value: Any


@dataclass(frozen=True)
class NotReady:
    """Why no step can be added yet, and the link to what to do first."""

    text: str
    link_text: str
    link_url: str


@dataclass
class StepSetup:
    """What the add or change page needs from the app: the groups to choose from, and anything more.

    `initial` fills the form; `links` are passed to the service with the step's fields (for
    example the round an action comes from); `lead` is a line shown above the form.
    """

    choices: Sequence[GroupChoice] = ()
    initial: dict = field(default_factory=dict)
    links: dict = field(default_factory=dict)
    lead: str = ""
    not_ready: NotReady | None = None


@dataclass
class StepGroup:
    """A heading of the list page and the steps under it."""

    key: Any
    label: str
    steps: list = field(default_factory=list)


class ActionPlan:
    """One app's action plan. Subclass it once and say what differs; the rest is shared.

    Set `model`, `grouping`, `url_namespace` (its pages are named `actions`, `add-action`,
    `edit-action` and `action-done`, each taking the organisation's slug, and the step's
    public id where there is a step), and the list page's words. Override `may_see`,
    `may_change` and `step_setup`, and, where the app's steps do not hang straight from the
    organisation, `parent_field`, `parent_of` and `organisation_of`.
    """

    model: type[PlannedStep]
    grouping: Grouping
    url_namespace: str
    parent_field = "organisation"
    list_order: tuple[str, ...] = ("due_on", "id")
    list_related: tuple[str, ...] = ()
    # The list page's words: a line saying what the plan is (with `{organisation}`), the way
    # back, and what to add when there is nothing yet.
    intro = ""
    back_url_name = ""
    back_text = ""
    empty_hint = ""

    # Who may -------------------------------------------------------------------------

    def may_see(self, user, organisation) -> bool:
        raise NotImplementedError

    def may_change(self, user, organisation) -> bool:
        raise NotImplementedError

    def require_see(self, user, organisation) -> None:
        if not self.may_see(user, organisation):
            raise Refused()

    def require_change(self, user, organisation) -> None:
        if not self.may_change(user, organisation):
            raise Refused()

    # Where steps hang, and how they are grouped --------------------------------------------

    def parent_of(self, organisation):
        """The record the organisation's steps hang from (404 where it has none)."""
        return organisation

    def organisation_of(self, parent):
        return parent

    @property
    def fields(self) -> tuple[str, ...]:
        return (self.grouping.field, *STEP_FIELDS)

    def steps(self, parent):
        return self.model.objects.filter(**{self.parent_field: parent})

    def every_group(self, parent) -> list[tuple[Any, str]]:
        """The groups the list always shows, even with nothing in them: none, unless the app says."""
        return []

    def group_of(self, step) -> tuple[Any, str]:
        """The group a step is listed under: its key and its heading."""
        value = getattr(step, self.grouping.field)
        return value, str(value)

    def group_key(self, step) -> str:
        """The value the form sends for the step's group."""
        return str(self.group_of(step)[0])

    def step_setup(self, request, parent, step=None) -> StepSetup:
        """The groups a new step (or this step) may be put in, and what else the page needs."""
        raise NotImplementedError

    def group_problems(self, values: dict, *, parent, links: dict, step=None) -> dict:
        """The app's own problems with the step's group (field name -> message); none by default."""
        return {}

    # The writes, for the app's services (inside their transaction) -----------------------

    def add_step(self, parent, *, by, values: dict, links: dict | None = None):
        """Add a step under `parent`: refused unless `by` may change the plan; every field checked."""
        self.require_change(by, self.organisation_of(parent))
        links = dict(links or {})
        checked = check_step(values, errors=self.group_problems(values, parent=parent, links=links))
        return self.model.objects.create(**{self.parent_field: parent}, **links, **checked)

    def change_step(self, step, *, by, changes: dict):
        """Change some of a step's fields; the others keep their values, and all are checked again."""
        parent = getattr(step, self.parent_field)
        self.require_change(by, self.organisation_of(parent))
        unknown = set(changes) - set(self.fields)
        if unknown:
            raise TypeError(f"Unknown action fields: {sorted(unknown)}")
        merged = {name: changes[name] if name in changes else getattr(step, name) for name in self.fields}
        checked = check_step(merged, errors=self.group_problems(merged, parent=parent, links={}, step=step))
        for name, value in checked.items():
            setattr(step, name, value)
        step.save()
        return step

    def mark_done(self, step, *, by):
        """Mark a step done; one already done stays as it is."""
        self.require_change(by, self.organisation_of(getattr(step, self.parent_field)))
        if step.status != Status.DONE:
            step.status = Status.DONE
            step.save()
        return step

    # Pages' addresses -----------------------------------------------------------------------

    def url(self, name: str, organisation, step=None) -> str:
        args = [organisation.slug] if step is None else [organisation.slug, step.public_id]
        return reverse(f"{self.url_namespace}:{name}", args=args)

    def find_step(self, parent, step_id):
        return get_object_or_404(self.model.objects.select_related(*self.list_related), public_id=step_id, **{self.parent_field: parent})


# The form -----------------------------------------------------------------------------


class StepForm(GoldenThreadForm):
    """Add or change a step: the app's group first, then what, who, when and how far it has got."""

    description = DESCRIPTION.form_field()
    owner = OWNER.form_field()
    due_on = DUE_ON.form_field()
    status = forms.ChoiceField(
        label="Status",
        choices=Status.choices,
        initial=Status.NOT_STARTED,
        widget=forms.RadioSelect,
        error_messages={"required": STATUS_REQUIRED, "invalid_choice": STATUS_UNKNOWN},
    )

    def __init__(self, *args, grouping: Grouping, choices: Sequence[GroupChoice], **kwargs):
        super().__init__(*args, **kwargs)
        self.grouping = grouping
        self.choices = {choice.key: choice for choice in choices}
        options = [(choice.key, choice.label) for choice in choices]
        group = forms.ChoiceField(
            label=grouping.label,
            choices=options if grouping.radios else [("", grouping.blank_label), *options],
            widget=forms.RadioSelect if grouping.radios else forms.Select,
            error_messages={"required": grouping.required_message, "invalid_choice": grouping.unknown_message},
        )
        self.fields = {grouping.field: group, **self.fields}

    @property
    def group_field(self):
        """The bound group field, whatever the app calls it, for the shared template."""
        return self[self.grouping.field]

    def step_values(self) -> dict:
        """The cleaned fields, with the group as the value the service takes (a strand, an area)."""
        values = dict(self.cleaned_data)
        values[self.grouping.field] = self.choices[values[self.grouping.field]].value
        return values


class StatusFilterForm(GoldenThreadForm):
    """The list page's filter: every step, the overdue ones, or one status. An unknown value shows everything."""

    status = LenientChoiceField(label="Show", required=False, choices=[("", "Every action"), ("overdue", "Overdue"), *Status.choices])

    def chosen(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("status", "") if self.is_bound else ""


# The pages ----------------------------------------------------------------------------

LIST_TEMPLATE = "core/action_plan/list.html"
FORM_TEMPLATE = "core/action_plan/form.html"
DONE_TEMPLATE = "core/action_plan/mark_done.html"


def list_page(request, plan: ActionPlan, organisation):
    """The plan, group by group, with the overdue marked and a filter; links to change it for those who may."""
    plan.require_see(request.user, organisation)
    parent = plan.parent_of(organisation)
    filter_form = StatusFilterForm(request.GET or None)
    status = filter_form.chosen()
    every = plan.steps(parent)
    can_change = plan.may_change(request.user, organisation)
    groups = {key: StepGroup(key, label) for key, label in ([] if status else plan.every_group(parent))}
    for step in with_status(every, status).select_related(*plan.list_related).order_by(*plan.list_order):
        if can_change:
            step.change_url = plan.url("edit-action", organisation, step)
            step.done_url = plan.url("action-done", organisation, step)
        key, label = plan.group_of(step)
        groups.setdefault(key, StepGroup(key, label)).steps.append(step)
    return render(
        request,
        LIST_TEMPLATE,
        {
            "organisation": organisation,
            "intro": plan.intro.format(organisation=organisation),
            "back_url": reverse(plan.back_url_name, args=[organisation.slug]),
            "back_text": plan.back_text,
            "empty_hint": plan.empty_hint,
            "groups": list(groups.values()),
            "group_field": plan.grouping.field,
            "filter_form": filter_form,
            "status": status,
            "overdue_count": overdue(every).count(),
            "total": every.count(),
            "can_change": can_change,
            "add_url": plan.url("add-action", organisation),
        },
    )


def _form_context(plan, organisation, setup: StepSetup, step=None) -> dict:
    return {
        "organisation": organisation,
        "action": step,
        "lead": setup.lead,
        "not_ready": setup.not_ready,
        "back_url": plan.url("actions", organisation),
    }


def add_page(request, plan: ActionPlan, organisation, *, save: Callable):
    """Add a step. `save` is the app's service: `save(parent, *, by, **fields)`."""
    plan.require_change(request.user, organisation)
    parent = plan.parent_of(organisation)
    setup = plan.step_setup(request, parent)
    context = _form_context(plan, organisation, setup)
    if setup.not_ready:
        return render(request, FORM_TEMPLATE, {**context, "form": None})
    form = StepForm(request.POST if request.method == "POST" else None, initial=setup.initial, grouping=plan.grouping, choices=setup.choices)
    return form_page(
        request,
        form,
        template=FORM_TEMPLATE,
        context=context,
        action=lambda data: save(parent, by=request.user, **setup.links, **form.step_values()),
        success_message=ADDED,
        success_url=plan.url("actions", organisation),
    )


def change_page(request, plan: ActionPlan, organisation, step_id, *, save: Callable):
    """Change a step. `save` is the app's service: `save(step, *, by, **changes)`."""
    plan.require_change(request.user, organisation)
    step = plan.find_step(plan.parent_of(organisation), step_id)
    setup = plan.step_setup(request, getattr(step, plan.parent_field), step)
    initial = {name: getattr(step, name) for name in STEP_FIELDS}
    initial[plan.grouping.field] = plan.group_key(step)
    form = StepForm(request.POST if request.method == "POST" else None, initial=initial, grouping=plan.grouping, choices=setup.choices)
    return form_page(
        request,
        form,
        template=FORM_TEMPLATE,
        context=_form_context(plan, organisation, setup, step),
        action=lambda data: save(step, by=request.user, **form.step_values()),
        success_message=SAVED,
        success_url=plan.url("actions", organisation),
    )


def mark_done_page(request, plan: ActionPlan, organisation, step_id, *, save: Callable):
    """Ask, then mark a step done. `save` is the app's service: `save(step, *, by)`."""
    plan.require_change(request.user, organisation)
    step = plan.find_step(plan.parent_of(organisation), step_id)
    list_url = plan.url("actions", organisation)
    if request.method == "POST":
        save(step, by=request.user)
        messages.success(request, MARKED_DONE)
        return redirect(list_url)
    return render(request, DONE_TEMPLATE, {"organisation": organisation, "action": step, "back_url": list_url})


@dataclass(frozen=True)
class PlanViews:
    """The four pages of an app's action plan, for its `urls.py`."""

    actions: Callable
    add_action: Callable
    edit_action: Callable
    action_done: Callable


def views_for(plan: ActionPlan, *, organisation: Callable, add: Callable, change: Callable, mark_done: Callable) -> PlanViews:
    """The list, add, change and mark-done pages of `plan`, signed in only; `organisation(slug)` finds the owner
    (or answers 404), and `add`, `change` and `mark_done` are the app's own services."""
    from django.contrib.auth.decorators import login_required
    from django.views.decorators.http import require_http_methods

    def actions(request, slug):
        return list_page(request, plan, organisation(slug))

    def add_action(request, slug):
        return add_page(request, plan, organisation(slug), save=add)

    def edit_action(request, slug, action_id):
        return change_page(request, plan, organisation(slug), action_id, save=change)

    def action_done(request, slug, action_id):
        return mark_done_page(request, plan, organisation(slug), action_id, save=mark_done)

    reading, changing = require_http_methods(["GET", "HEAD"]), require_http_methods(["GET", "POST"])
    return PlanViews(
        actions=login_required(reading(actions)),
        add_action=login_required(changing(add_action)),
        edit_action=login_required(changing(edit_action)),
        action_done=login_required(changing(action_done)),
    )
