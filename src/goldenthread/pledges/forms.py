"""The pledge's forms: they parse and explain; the rules themselves live in services."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from goldenthread.core.forms import DateField, TidyTextMixin, show_service_errors
from goldenthread.partnership.models import Role, Sector

from .models import Action, Strand
from .services import commitment_field


class PledgeForm(TidyTextMixin, forms.Form):
    """Shared by every pledge form: text tidied, and required text that tidied away to nothing refused."""

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            if field.required and isinstance(field, forms.CharField) and name in cleaned and not cleaned[name]:
                self.add_error(name, field.error_messages["required"])
        return cleaned

    def apply_service_errors(self, error: ValidationError):
        show_service_errors(self, error)


def _text(label, max_length, required_message, *, rows=5, hint="", required=True):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": required_message,
            "max_length": f"{label} must be {max_length:,} characters or fewer",
            "null_characters_not_allowed": f"{label} contains a character we cannot store. Remove it and try again",
        },
    )


def _line(label, max_length, required_message, *, hint=""):
    return forms.CharField(
        label=label,
        max_length=max_length,
        help_text=hint,
        error_messages={
            "required": required_message,
            "max_length": f"{label} must be {max_length} characters or fewer",
            "null_characters_not_allowed": f"{label} contains a character we cannot store. Remove it and try again",
        },
    )


class StatementForm(PledgeForm):
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

    vision = _text("Our vision", 3000, "Write your organisation's vision", hint="What will be different for the people you serve and for your staff.")
    how_we_will_do_it = _text("How we will do it", 3000, "Write how you will do it")
    priorities = _text("Our priorities for the next 12 months", 3000, "Write your priorities for the next 12 months")

    def strand_fields(self):
        return [self[commitment_field(value)] for value in Strand.values]

    def chosen_commitments(self):
        codes = []
        for value in Strand.values:
            codes.extend(self.cleaned_data.get(commitment_field(value), []))
        return [self.commitments_by_code[code] for code in codes]

    def statement(self):
        return {name: self.cleaned_data[name] for name in ("vision", "how_we_will_do_it", "priorities")}


class SignPledgeForm(StatementForm):
    signatory_name = _line("Name of the senior person signing", 150, "Enter the name of the senior person signing", hint="For example, your chief executive, director or head teacher.")
    signatory_role = _line("Their job title", 150, "Enter their job title")
    signed_on = DateField(label="Date signed", help_text="For example, 27 3 2026")
    confirm = forms.BooleanField(label="I have the authority to sign", error_messages={"required": ""})

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["signed_on"].error_messages["required"] = "Enter the date the pledge was signed, for example 27 3 2026"
        self.fields["confirm"].label = f"I have the authority to sign for {organisation.name}"
        self.fields["confirm"].error_messages["required"] = f"Confirm that you have the authority to sign for {organisation.name}"

    def clean_signed_on(self):
        signed_on = self.cleaned_data["signed_on"]
        today = timezone.localdate()
        if signed_on and signed_on > today:
            raise ValidationError("The date signed must be today or in the past")
        if signed_on and signed_on <= today - timedelta(days=settings.GOLDENTHREAD_PLEDGE_TERM_DAYS):
            raise ValidationError("Enter a date in the last 12 months: a pledge signed before then has already run its year")
        return signed_on


class ChampionsForm(PledgeForm):
    champions = forms.MultipleChoiceField(
        label="Champions",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose the people who will promote the way of working. Anyone not chosen stays a practitioner.",
        error_messages={"invalid_choice": "Choose champions from the list of your organisation's members"},
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.memberships = list(
            organisation.memberships.filter(role__in=[Role.PRACTITIONER, Role.CHAMPION]).select_related("user").order_by("user__full_name")
        )
        self.fields["champions"].choices = [
            (str(m.user_id), f"{m.user.full_name}, {m.user.job_title}" if m.user.job_title else m.user.full_name) for m in self.memberships
        ]
        if not self.is_bound:
            self.initial["champions"] = [str(m.user_id) for m in self.memberships if m.role == Role.CHAMPION]

    def chosen_people(self):
        chosen = set(self.cleaned_data.get("champions", []))
        return [m.user for m in self.memberships if str(m.user_id) in chosen]


class ActionForm(PledgeForm):
    strand = forms.ChoiceField(
        label="Strand", choices=Strand.choices, widget=forms.RadioSelect, error_messages={"required": "Choose the strand this action is for", "invalid_choice": "Choose one of the four strands"}
    )
    description = _text("What we will do", 500, "Describe what you will do", rows=3)
    owner = _line("Who owns it", 150, "Enter who owns this action: a name or a team", hint="A name or a team.")
    due_on = DateField(label="Due date", help_text="For example, 27 3 2026")
    status = forms.ChoiceField(
        label="Status", choices=Action.Status.choices, initial=Action.Status.NOT_STARTED, widget=forms.RadioSelect,
        error_messages={"required": "Choose where this action has got to", "invalid_choice": "Choose one of the statuses listed"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].error_messages["required"] = "Enter the date it is due, for example 27 3 2026"


class ProgressForm(PledgeForm):
    summary = _text(
        "What has changed this year", 4000, "Write what has changed this year", rows=8,
        hint="What you have done under each strand, what has made a difference, and what you have learned.",
    )


class RenewForm(PledgeForm):
    signatory_name = _line("Name of the senior person renewing", 150, "Enter the name of the senior person renewing")
    signatory_role = _line("Their job title", 150, "Enter their job title")
    confirm = forms.BooleanField(label="I have the authority to renew", error_messages={"required": ""})

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = f"I have the authority to renew the pledge for {organisation.name}"
        self.fields["confirm"].error_messages["required"] = f"Confirm that you have the authority to renew the pledge for {organisation.name}"


class WithdrawForm(PledgeForm):
    reason = _text(
        "Why the pledge is being withdrawn", 500, "Write why the pledge is being withdrawn", rows=4,
        hint="The organisation's people will read this. Say what would let it be published again.",
    )


class PersonalPledgeForm(PledgeForm):
    organisation = forms.ChoiceField(
        label="Organisation", error_messages={"required": "Choose the organisation your pledge is with", "invalid_choice": "Choose one of the organisations you lead"}
    )
    commitment = _text("My pledge", 600, "Write your pledge in your own words", rows=4, hint="A short commitment in your own words, 600 characters at most.")
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


class LenientChoiceField(forms.ChoiceField):
    """A filter choice: an unknown value is ignored by the query rather than shown as an error."""

    def validate(self, value):
        forms.Field.validate(self, value)


class WallFilterForm(forms.Form):
    q = forms.CharField(label="Search by name or words in the statement", required=False, strip=True)
    sector = LenientChoiceField(label="Sector", required=False, choices=[("", "All sectors"), *Sector.choices])


class AllPledgesFilterForm(forms.Form):
    state = LenientChoiceField(
        label="Show",
        required=False,
        choices=[("", "Every pledge"), ("signed", "Signed"), ("due", "Due for renewal"), ("lapsed", "Lapsed"), ("withdrawn", "Withdrawn")],
    )

