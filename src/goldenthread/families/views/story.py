"""The family's story: adding an entry, and changing one without losing someone else's save."""

from django.shortcuts import get_object_or_404

from goldenthread.core.pages import form_page, render_form_page

from .. import access, forms, services
from ..models import (
    Part,
    StoryEntry,
)
from ._common import _family, _overview_url, _require_part, _require_write, family_page

STORY_FIELDS = ("story", "who_was_there", "told_on", "how_agreed")


@family_page("GET", "POST")
def add_story(request, family_id):
    family = _family(family_id)
    _require_write(request, family, Part.STORY)
    form = forms.StoryEntryForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form,
        template="families/story_form.html",
        context={"family": family},
        action=lambda data: services.add_story_entry(family, by=request.user, **form.entry()),
        success_message="The story is saved.",
        success_url=_overview_url(family),
    )


@family_page("GET", "POST")
def edit_story(request, family_id, entry_id):
    """Change a story entry; if someone else saved it meanwhile, show both versions and lose nothing."""
    family = _family(family_id)
    entry = get_object_or_404(StoryEntry, family=family, public_id=entry_id)
    if request.method == "GET":
        _require_part(request, family, Part.STORY, "story entry, to change it")
        form = forms.StoryEditForm(initial={**{name: getattr(entry, name) for name in STORY_FIELDS}, "version": entry.version})
        return render_form_page(request, "families/story_form.html", {"family": family, "entry": entry}, form)
    _require_write(request, family, Part.STORY)
    form = forms.StoryEditForm(request.POST)

    def saved_now(conflict):
        """What is saved now, shown beside what the person typed (and the look logged)."""
        entry.refresh_from_db()
        access.read(request.user, family, Part.STORY, detail="story entry saved by someone else, shown beside your changes")
        return {"saved": entry}

    return form_page(
        request,
        form,
        template="families/story_form.html",
        context={"family": family, "entry": entry},
        action=lambda data: services.update_story_entry(entry, by=request.user, version=data["version"], **form.entry()),
        success_message="The story is saved.",
        success_url=_overview_url(family),
        conflict_context=saved_now,
    )
