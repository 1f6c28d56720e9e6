"""The pledge's forms: they parse and explain. Each field is built from its rule in `rules.py`,
which the services check again; the action plan's form is the shared one of `core.action_plan`.
"""

from django import forms
from django.core.exceptions import ValidationError

from goldenthread.core.forms import GoldenThreadForm, LenientChoiceField
from goldenthread.partnership.models import Role, Sector

from . import rules
from .models import Strand
from .services import commitment_field


class StatementForm(GoldenThreadForm):
    """The commitments chosen under each strand, and the published statement."""

    def __init__(self, *args, pledge_text, **kwargs):
        super().__init__(*args, **kwargs)
        self.pledge_text = pledge_text
        self.commitments_by_code = {c.code: c for c in pledge_text.commitments.all()}
        strand_fields = {}
        for value, label in Strand.choices:
            strand_fields[commitment_field(value)] = forms.MultipleChoiceField(
                label=label,
                choices=[(c.code, c.text) for c in self.commitments_by_code.values() if c.strand == value],
                widget=forms.CheckboxSelectMultiple,
                error_messages={
                    "required": f"Choose at least one commitment under {label}",
                    "invalid_choice": f"Choose commitments under {label} from the list",
                },
            )
        self.fields = {**strand_fields, **self.fields}

    vision = rules.VISION.form_field()
    how_we_will_do_it = rules.HOW_WE_WILL_DO_IT.form_field()
    priorities = rules.PRIORITIES.form_field()

    def strand_fields(self):
        return [self[commitment_field(value)] for value in Strand.values]

    def chosen_commitments(self):
        codes = []
        for value in Strand.values:
            codes.extend(self.cleaned_data.get(commitment_field(value), []))
        return [self.commitments_by_code[code] for code in codes]

    def statement(self):
        return {name: self.cleaned_data[name] for name in rules.STATEMENT}


class SignPledgeForm(StatementForm):
    signatory_name = rules.SIGNATORY_NAME.form_field()
    signatory_role = rules.SIGNATORY_ROLE.form_field()
    signed_on = rules.SIGNED_ON.form_field()
    confirm = forms.BooleanField(label="I have the authority to sign", error_messages={"required": ""})

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["confirm"].label = f"I have the authority to sign for {organisation.name}"
        self.fields["confirm"].error_messages["required"] = f"Confirm that you have the authority to sign for {organisation.name}"

    def clean_signed_on(self):
        signed_on = self.cleaned_data["signed_on"]
        problem = rules.signed_on_problem(signed_on) if signed_on else None
        if problem:
            raise ValidationError(problem)
        return signed_on


class ChampionsForm(GoldenThreadForm):
    champions = forms.MultipleChoiceField(
        label="Champions",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose the people who will promote the way of working. Anyone not chosen stays a practitioner.",
        error_messages={"invalid_choice": "Choose champions from the list of your organisation's members"},
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.memberships = list(organisation.memberships.filter(role__in=[Role.PRACTITIONER, Role.CHAMPION]).select_related("user").order_by("user__full_name"))
        self.fields["champions"].choices = [
            (str(m.user_id), f"{m.user.full_name}, {m.user.job_title}" if m.user.job_title else m.user.full_name) for m in self.memberships
        ]
        if not self.is_bound:
            self.initial["champions"] = [str(m.user_id) for m in self.memberships if m.role == Role.CHAMPION]

    def chosen_people(self):
        chosen = set(self.cleaned_data.get("champions", []))
        return [m.user for m in self.memberships if str(m.user_id) in chosen]


class ProgressForm(GoldenThreadForm):
    summary = rules.PROGRESS_SUMMARY.form_field()


class RenewForm(GoldenThreadForm):
    signatory_name = rules.RENEWER_NAME.form_field()
    signatory_role = rules.SIGNATORY_ROLE.form_field()
    confirm = forms.BooleanField(label="I have the authority to renew", error_messages={"required": ""})

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = f"I have the authority to renew the pledge for {organisation.name}"
        self.fields["confirm"].error_messages["required"] = f"Confirm that you have the authority to renew the pledge for {organisation.name}"


class WithdrawForm(GoldenThreadForm):
    reason = rules.WITHDRAWAL_REASON.form_field()


class PersonalPledgeForm(GoldenThreadForm):
    organisation = forms.ChoiceField(
        label="Organisation",
        error_messages={"required": "Choose the organisation your pledge is with", "invalid_choice": "Choose one of the organisations you lead"},
    )
    commitment = rules.PERSONAL_COMMITMENT.form_field()
    is_shown = forms.BooleanField(label="Show it on our organisation's page on the pledge wall", required=False, initial=True)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.organisations = {o.slug: o for o in organisations}
            self.fields["organisation"].choices = [("", "Choose an organisation"), *[(o.slug, o.name) for o in organisations]]
            if len(self.organisations) == 1 and not self.is_bound:
                self.initial["organisation"] = next(iter(self.organisations))

    def chosen_organisation(self):
        return self.organisations[self.cleaned_data["organisation"]]


class WallFilterForm(GoldenThreadForm):
    q = forms.CharField(label="Search by name or words in the statement", required=False, strip=True)
    sector = LenientChoiceField(label="Sector", required=False, choices=[("", "All sectors"), *Sector.choices])


class AllPledgesFilterForm(GoldenThreadForm):
    state = LenientChoiceField(
        label="Show",
        required=False,
        choices=[("", "Every pledge"), ("signed", "Signed"), ("due", "Due for renewal"), ("lapsed", "Lapsed"), ("withdrawn", "Withdrawn")],
    )
