"""The roadmap's forms. Their fields come from `rules`; the services check the same rules again.

The filters above the roadmap never fail: a value that is not in their lists (an old link, a
hand-typed address) is left out, and the page says which filter it left out and why.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone

from goldenthread.core.forms import GoldenThreadForm, LenientChoiceField, radio_choice
from goldenthread.partnership.models import Sector

from .. import principles as shared
from . import queries, rules

WHOLE_SYSTEM = queries.WHOLE_SYSTEM
WHOLE_ROADMAP = "all"
MOST_RADIOS = 6  # more choices than this, and who a milestone is for is a drop-down list


def audiences_for(organisations, *, whole_system: bool) -> list[tuple[str, str, str, object]]:
    """Who a milestone may be for, as (key, words, sector, organisation): the whole system and each sector (the partnership team), and each organisation kept."""
    found = []
    if whole_system:
        found.append((WHOLE_SYSTEM, "The whole system", "", None))
        found.extend((f"sector:{code}", f"{label} sector", code, None) for code, label in Sector.choices)
    found.extend((f"organisation:{organisation.slug}", organisation.name, organisation.sector, organisation) for organisation in organisations)
    return found


def audience_key(milestone) -> str:
    if milestone.organisation_id:
        return f"organisation:{milestone.organisation.slug}"
    if milestone.sector:
        return f"sector:{milestone.sector}"
    return WHOLE_SYSTEM


def _checkboxes(label: str, choices, message: str, hint: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=hint,
        error_messages={"invalid_choice": message, "invalid_list": message},
    )


class MilestoneForm(GoldenThreadForm):
    """Add or change a milestone. Adding asks its programme and date; changing leaves the date to "Move it to a new date", so the history keeps it."""

    title = rules.TITLE.form_field()
    description = rules.DESCRIPTION.form_field()
    due_on = rules.DUE_ON.form_field()

    def __init__(self, *args, audiences, programmes=None, adding: bool = True, actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.audiences = {key: (sector, organisation) for key, _, sector, organisation in audiences}
        self.fixed_audience = audiences[0][1] if len(audiences) == 1 else ""
        self.programmes = {str(p.public_id): p for p in programmes or []}
        self.fixed_programme = next(iter(self.programmes.values())) if adding and len(self.programmes) == 1 else None
        if adding and len(self.programmes) > 1:
            self.fields["programme"] = radio_choice("Programme", [(key, p.name) for key, p in self.programmes.items()], rules.NOT_A_PROGRAMME)
        if not adding:
            del self.fields["due_on"]
        if len(self.audiences) > 1:
            choices = [(key, words) for key, words, _, _ in audiences]
            if len(choices) > MOST_RADIOS:
                field = forms.ChoiceField(
                    label="Who it is for",
                    choices=[("", "Choose who it is for"), *choices],
                    help_text="The whole system, one sector, or one organisation.",
                    error_messages={"required": rules.NOT_FOR_WHOM, "invalid_choice": rules.NOT_FOR_WHOM},
                )
            else:
                field = radio_choice("Who it is for", choices, rules.NOT_FOR_WHOM)
            self.fields["for_whom"] = field
        self.fields["domains"] = _checkboxes(
            "Continuum areas it moves forward (optional)", shared.domain_choices(), rules.NOT_A_DOMAIN, "The areas of the trauma-informed continuum."
        )
        self.fields["principles"] = _checkboxes("Principles it serves (optional)", shared.principle_choices(), rules.NOT_A_PRINCIPLE, "")
        self.linkable = {str(action.public_id): action for action in actions}
        if self.linkable:
            self.fields["actions"] = _checkboxes(
                "Workstream actions that move it forward (optional)",
                [(key, queries.action_words(action)) for key, action in self.linkable.items()],
                rules.NOT_AN_ACTION,
                "Actions still open in the programme's workstreams.",
            )
        self.order_fields(["programme", "title", "description", "due_on", "for_whom", "domains", "principles", "actions"])

    def chosen_programme(self):
        """The programme chosen, or the only one open."""
        return self.fixed_programme or self.programmes.get(self.cleaned_data.get("programme"))

    def scope(self) -> dict:
        """Who the milestone is for, as the services take it: a sector (maybe empty) and an organisation (maybe None)."""
        key = self.cleaned_data.get("for_whom") if len(self.audiences) > 1 else next(iter(self.audiences), None)
        sector, organisation = self.audiences.get(key, ("", None))
        return {"sector": "" if organisation else sector, "organisation": organisation}

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "domains": data.get("domains") or [],
            "principles": data.get("principles") or [],
            "actions": [self.linkable[key] for key in data.get("actions") or [] if key in self.linkable],
            **self.scope(),
        }

    def apply_service_errors(self, error):
        for field, messages in error.message_dict.items():
            name = "for_whom" if field in ("sector", "organisation") else field
            for message in messages:
                self.add_error(name if name in self.fields else None, message)


class ReachedForm(GoldenThreadForm):
    reached_on = rules.REACHED_ON.form_field(initial=timezone.localdate)
    note = rules.REACHED_NOTE.form_field()


class MoveForm(GoldenThreadForm):
    due_on = rules.NEW_DUE_ON.form_field()
    reason = rules.MOVE_REASON.form_field()


class DropForm(GoldenThreadForm):
    reason = rules.DROP_REASON.form_field()


class RoadmapFilterForm(GoldenThreadForm):
    """The filters above the roadmap: programme, sector, continuum area, and whose part of the roadmap.

    `part` is WHOLE_ROADMAP or an organisation's slug; a person in an organisation sees their
    organisation's part unless they choose the whole roadmap.
    """

    programme = LenientChoiceField(label="Programme", required=False)
    sector = LenientChoiceField(label="Sector", required=False)
    domain = LenientChoiceField(label="Continuum area", required=False)
    part = LenientChoiceField(label="Whose part of the roadmap", required=False)

    NAMES = {"programme": "programme", "sector": "sector", "domain": "continuum area", "part": "part of the roadmap"}

    def __init__(self, data, *, programmes, parts, default_part: str = WHOLE_ROADMAP):
        data = data.copy()
        if not data.get("part"):
            data["part"] = default_part
        super().__init__(data)
        self.programmes = {str(p.public_id): p for p in programmes}
        self.parts = {organisation.slug: organisation for organisation in parts}
        self.fields["programme"].choices = [("", "Every programme"), *((key, p.name) for key, p in self.programmes.items())]
        self.fields["sector"].choices = [("", "Every sector, and the whole system"), (WHOLE_SYSTEM, "The whole system only"), *Sector.choices]
        self.fields["domain"].choices = [("", "Every area"), *shared.domain_choices()]
        self.fields["part"].choices = [(WHOLE_ROADMAP, "The whole roadmap"), *((slug, f"The part for {o.name}") for slug, o in self.parts.items())]

    def chosen(self) -> tuple[dict, list[str]]:
        """The filters to use, and a sentence for each value that was left out because it is not in its list."""
        raw = self.cleaned_data if self.is_valid() else {}
        ignored, found = [], {}
        for name in ("programme", "sector", "domain", "part"):
            value = str(raw.get(name) or "")
            known = {key for key, _ in self.fields[name].choices}
            if value not in known:
                ignored.append(f"The {self.NAMES[name]} in the address is not one on the list, so that filter is not used. Choose from the list instead.")
                value = "" if name != "part" else WHOLE_ROADMAP
                self.data = self.data.copy()
                self.data[name] = value
            found[name] = value
        return {
            "programme": self.programmes.get(found["programme"]),
            "sector": found["sector"],
            "domain": found["domain"],
            "organisation": self.parts.get(found["part"]),
        }, ignored
