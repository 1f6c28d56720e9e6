"""Template tags that turn Django form fields into GOV.UK Frontend components."""

import json
import re

from django import forms, template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..forms import DateWidget, WritingInput, date_parts_at_fault
from ..govuk import render_component

register = template.Library()


def _error(field):
    if field.errors:
        return {"text": " ".join(str(e) for e in field.errors)}
    return None


def _hint(field, hint):
    text = hint if hint is not None else field.help_text
    return {"text": str(text)} if text else None


def _value(field):
    value = field.value()
    return "" if value is None else str(value)


def _choices(field, selected):
    items = []
    for value, label in field.field.choices:
        if value in ("", None) and isinstance(field.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
            continue
        value = str(getattr(value, "value", value))
        items.append({"value": value, "text": str(label), "checked": value in selected, "selected": value in selected})
    return items


DATE_PART_WIDTHS = ("govuk-input--width-2", "govuk-input--width-5", "govuk-input--width-4")


@register.simple_tag
def gt_field(field, hint=None, label_class="govuk-label--s", width="", heading=False, **attributes):
    """Render a bound field as the GOV.UK component that suits its widget."""
    widget = field.field.widget
    label = {"text": str(field.label), "classes": label_class}
    if heading:
        label.update({"isPageHeading": True, "classes": "govuk-label--l"})
    common = {
        "id": field.auto_id,
        "name": field.html_name,
        "hint": _hint(field, hint),
        "errorMessage": _error(field),
        "attributes": {**widget.attrs, **attributes} or None,
    }
    common["attributes"] = {k: v for k, v in (common["attributes"] or {}).items() if k not in ("maxlength",)} or None
    legend = {"text": str(field.label), "classes": "govuk-fieldset__legend--s"}

    if isinstance(widget, DateWidget):
        parts = field.value() if isinstance(field.value(), (list, tuple)) else widget.decompress(field.value())
        parts = list(parts or [None, None, None])
        names = ("Day", "Month", "Year")
        at_fault = date_parts_at_fault(field.errors)  # only the boxes with the problem are marked
        return render_component(
            "date-input",
            {
                "id": field.auto_id,
                "fieldset": {"legend": legend},
                "hint": _hint(field, hint) or {"text": "For example, 27 3 2026 or 27 March 2026"},
                "errorMessage": _error(field),
                "items": [
                    {
                        "id": f"{field.auto_id}_{i}",
                        "name": f"{field.html_name}_{i}",
                        "label": names[i],
                        "value": "" if parts[i] is None else str(parts[i]),
                        "classes": DATE_PART_WIDTHS[i] + (" govuk-input--error" if i in at_fault else ""),
                        # Months may be typed as words ("March"), so only the day and year ask for a number pad.
                        **({} if i == 1 else {"inputmode": "numeric"}),
                    }
                    for i in range(3)
                ],
            },
        )
    if isinstance(widget, forms.CheckboxSelectMultiple):
        selected = {str(v) for v in (field.value() or [])}
        return render_component(
            "checkboxes",
            {**common, "idPrefix": field.auto_id, "fieldset": {"legend": legend}, "items": _choices(field, selected)},
        )
    if isinstance(widget, forms.RadioSelect):
        selected = {_value(field)}
        return render_component(
            "radios",
            {**common, "idPrefix": field.auto_id, "fieldset": {"legend": legend}, "items": _choices(field, selected)},
        )
    if isinstance(widget, forms.CheckboxInput):
        return render_component(
            "checkboxes",
            {
                **common,
                "idPrefix": field.auto_id,
                # the full-size GOV.UK checkbox, as every other checkbox and radio button
                "items": [{"value": "on", "text": str(field.label), "checked": bool(field.value()), "id": field.auto_id}],
            },
        )
    if isinstance(widget, forms.Select):
        selected = {_value(field)}
        return render_component("select", {**common, "label": label, "items": _choices(field, selected)})
    if isinstance(widget, forms.Textarea) and widget.attrs.get(OWN_WORDS_ATTRIBUTE):
        # a person writing about themselves, in their own words (a family member): no advice on how to say it
        params = {**common, "label": label, "value": _value(field), "rows": widget.attrs.get("rows", 5)}
        max_length = getattr(field.field, "max_length", None)
        return render_component("character-count", {**params, "maxlength": max_length}) if max_length else render_component("textarea", params)
    if isinstance(widget, forms.Textarea):  # every other text box gets shared-language advice as the person types
        feedback_id = f"{field.auto_id}-language"
        params = {
            **common,
            "label": label,
            "value": _value(field),
            "rows": widget.attrs.get("rows", 5),
            "describedBy": feedback_id,
            "attributes": {**(common["attributes"] or {}), **_language_feedback_attributes(field, feedback_id)},
        }
        max_length = getattr(field.field, "max_length", None)
        component = render_component("character-count", {**params, "maxlength": max_length}) if max_length else render_component("textarea", params)
        return component + _language_feedback_region(feedback_id)
    input_type = getattr(widget, "input_type", "text")
    params = {**common, "label": label, "type": input_type, "value": "" if input_type == "password" else _value(field)}
    if width:
        params["classes"] = f"govuk-input--width-{width}"
    if input_type == "email":
        params["spellcheck"] = False
    if isinstance(widget, WritingInput):
        # a line where people write about people: the same advice as a text box
        feedback_id = f"{field.auto_id}-language"
        params["describedBy"] = feedback_id
        params["attributes"] = {**(common["attributes"] or {}), **_language_feedback_attributes(field, feedback_id)}
        return render_component("input", params) + _language_feedback_region(feedback_id)
    return render_component("input", params)


# A text box whose widget has this attribute is a person's own words about themselves: no language advice.
OWN_WORDS_ATTRIBUTE = "data-own-words"
# A text box written to a child or young person (data-written-to="child"): its advice includes the reading age.
WRITTEN_TO_ATTRIBUTE = "data-written-to"


def _language_feedback_attributes(field, feedback_id):
    """Ask for shared-language feedback as the person types (htmx), after a pause; in child mode for text written to a child."""
    from django.urls import reverse

    values = {"field": field.html_name}
    if field.field.widget.attrs.get(WRITTEN_TO_ATTRIBUTE) == "child":
        values["mode"] = "child"
    return {
        "hx-post": reverse("core:language-feedback"),
        # Only as the person types: checking every box on page load would send a burst of
        # requests for text that is already saved.
        "hx-trigger": "input changed delay:700ms",
        "hx-target": f"#{feedback_id}",
        "hx-swap": "innerHTML",
        "hx-vals": json.dumps(values),
        "hx-sync": "this:replace",
    }


def _language_feedback_region(feedback_id):
    from django.utils.safestring import mark_safe

    return mark_safe(f'<div class="gt-language-feedback" id="{feedback_id}" aria-live="polite"></div>')  # noqa: S308 (HTML rendered by the autoescaping GOV.UK components)


@register.simple_tag(takes_context=True)
def gt_words_to_check(context):
    """Inside a form that publishes or shares words: the shared-language findings, shown once (see `core.language`)."""
    from django.template.loader import render_to_string

    from ..language import CHECKED_FIELD

    review = context.get("words_to_check")
    if not review:
        return ""
    return render_to_string("core/_words_to_check.html", {"review": review, "checked_field": CHECKED_FIELD})


@register.simple_tag(takes_context=True)
def gt_who_to_ask(context):
    """Who the person on the page should ask when their role does not include something ("ask the partnership team")."""
    from ..refusals import who_to_ask

    return who_to_ask(context.get("user"))


@register.simple_tag
def gt_error_summary(*forms_with_errors):
    """The 'There is a problem' box: every error, each a link to its field."""
    items = []
    for form in forms_with_errors:
        if not form or not form.errors:
            continue
        for error in form.non_field_errors():
            items.append({"text": str(error), "href": "#main-content"})
        for field in form:
            for error in field.errors:
                target = field.auto_id
                if isinstance(field.field.widget, DateWidget):
                    target = f"{field.auto_id}_{min(date_parts_at_fault(field.errors) or {0})}"
                elif isinstance(field.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
                    target = field.auto_id
                items.append({"text": str(error), "href": f"#{target}"})
    if not items:
        return ""
    return render_component("error-summary", {"titleText": "There is a problem", "errorList": items})


@register.simple_tag
def gt_component(name, **params):
    """Render any GOV.UK component by name with simple keyword parameters."""
    return render_component(name, params)


@register.filter
def gt_text(value):
    """Escape text and keep the writer's paragraphs."""
    paragraphs = [p.strip() for p in str(value or "").split("\n\n") if p.strip()]
    from django.utils.safestring import mark_safe

    return mark_safe("".join(f'<p class="govuk-body">{escape(p).replace(chr(10), "<br>")}</p>' for p in paragraphs))  # noqa: S308 (HTML rendered by the autoescaping GOV.UK components)


@register.simple_tag(takes_context=True)
def gt_service_navigation(context):
    """The service name and the links a person's role gives them; no GOV.UK crown."""
    from django.contrib.auth.models import AnonymousUser
    from django.middleware.csrf import get_token
    from django.urls import reverse

    from ..navigation import navigation_for

    request = context["request"]
    identity = context["partnership"]
    # A request refused before sign-in is read (a wrong Host header, say) has no user yet.
    user = getattr(request, "user", None) or AnonymousUser()
    items = [
        {"href": href, "text": text, "active": request.path == href or (href != "/" and request.path.startswith(href))} for text, href in navigation_for(user)
    ]
    if user.is_authenticated:
        end = (
            f'<li class="govuk-service-navigation__item gt-header__account"><form method="post" action="{reverse("core:sign-out")}" class="gt-sign-out">'
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{get_token(request)}">'
            '<button type="submit" class="govuk-service-navigation__link gt-link-button">Sign out</button></form></li>'
        )
    else:
        end = f'<li class="govuk-service-navigation__item gt-header__account"><a class="govuk-service-navigation__link" href="{reverse("core:sign-in")}">Sign in</a></li>'
    return render_component(
        "service-navigation",
        {
            "serviceName": identity.name,
            "serviceUrl": "/",
            "navigation": items,
            "navigationLabel": "Main menu",
            "slots": {"navigationEnd": end},
        },
    )


# The one responsive table -------------------------------------------------------------------

_CAPTION = re.compile(r"<caption\b([^>]*)>", re.IGNORECASE)
_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


@register.tag("gt_table")
def gt_table(parser, token):
    """One responsive table: `{% gt_table %}<table class="govuk-table">…</table>{% end_gt_table %}`.

    The table sits in a region that scrolls sideways on its own when the table is wider than
    the screen, so the page never does; the region can take the keyboard's focus (to scroll
    it with the arrow keys) and is named by the table's caption, which is given an id where
    it has none. Where tables with the same caption share a page, `heading=<id>` names each
    region by the heading it sits under as well ("List organisations, Parameters"). A table
    without a caption names its region with `label="…"`. The styles are
    `.gt-table-scroll` (assets/goldenthread.scss); assets/init.js takes the region out of the
    tab order while the table fits.
    """
    bits = token.split_contents()[1:]
    arguments = template.base.token_kwargs(bits, parser)
    if bits or set(arguments) - {"label", "heading"}:
        raise template.TemplateSyntaxError("gt_table takes only label=… or heading=…")
    nodes = parser.parse(("end_gt_table",))
    parser.delete_first_token()
    return ResponsiveTableNode(nodes, arguments.get("label"), arguments.get("heading"))


class ResponsiveTableNode(template.Node):
    def __init__(self, nodes, label, heading):
        self.nodes, self.label, self.heading = nodes, label, heading

    def render(self, context):
        table = self.nodes.render(context)
        label = self.label.resolve(context) if self.label is not None else ""
        if label:
            name = f'aria-label="{escape(label)}"'
        else:
            caption = _CAPTION.search(table)
            if caption is None:
                raise template.TemplateSyntaxError("A table in {% gt_table %} needs a <caption>, or label=… to name it.")
            found = _ID.search(caption.group(1))
            caption_id = found.group(1) if found else _next_table_id(context)
            if not found:
                table = f'{table[: caption.start()]}<caption id="{caption_id}"{caption.group(1)}>{table[caption.end() :]}'
            heading = self.heading.resolve(context) if self.heading is not None else ""
            name = f'aria-labelledby="{escape(f"{heading} {caption_id}".strip())}"'
        return mark_safe(f'<div class="gt-table-scroll" role="region" {name} tabindex="0">{table}</div>')  # noqa: S308 (HTML rendered by the autoescaping GOV.UK components)


def _next_table_id(context) -> str:
    """An id for a caption, unique on the page: counted on the request (or the render, without one)."""
    holder = context.get("request") or context.render_context
    if isinstance(holder, template.context.RenderContext):
        count = holder.get("gt_table_count", 0) + 1
        holder["gt_table_count"] = count
    else:
        count = getattr(holder, "gt_table_count", 0) + 1
        holder.gt_table_count = count
    return f"gt-table-{count}"
