"""Template tags of the family's own pages: the "Exit this page" button on every page."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from goldenthread.core.govuk import render_component

from .. import rules

register = template.Library()


@register.simple_tag
def exit_this_page():
    """GOV.UK's "Exit this page" button: it leaves for an ordinary page (the partnership's choice, `door.toml`).

    Pressing Shift three times does the same: govuk-frontend's initAll (the site's init.js) starts it.
    """
    return render_component(
        "exit-this-page",
        {
            "html": format_html('<span class="govuk-visually-hidden">{}</span> {}', _("Emergency"), _("Exit this page")),
            "redirectUrl": rules.door().exit_page,
            "activatedText": _("Loading."),
            "timedOutText": _("Exit this page expired."),
            "pressTwoMoreTimesText": _("Shift, press 2 more times to exit."),
            "pressOneMoreTimeText": _("Shift, press 1 more time to exit."),
        },
    )
