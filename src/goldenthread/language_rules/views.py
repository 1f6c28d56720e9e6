"""The language rules' pages. Thin: each parses, asks `permissions`, calls a service or a query, and renders."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from goldenthread.core.decorators import FORM, READ, page, post_or_none
from goldenthread.core.pages import form_page
from goldenthread.core.refusals import Refused

from . import forms, lexicon, permissions, queries, services

NOT_FOR_YOU = "The partnership's language rules are for the people who work in the partnership."
REVIEWERS_ONLY = (
    "Proposed language rules are reviewed by the language leads and the partnership team. "
    "If you think you should review them, ask your organisation lead or the partnership team."
)
DOWNLOAD_NAME = "partnership-language-rules.toml"


def _page(methods, allowed=permissions.can_read_rules, message=NOT_FOR_YOU):
    return page(methods, allowed, message)


def rule_url(rule_id: str) -> str:
    return reverse("language_rules:rule", args=[rule_id])


def _version(public_id):
    version = queries.version_by_id(public_id)
    if version is None:
        raise Http404
    return version


@_page(READ)
def rules_list(request):
    """Every rule the partnership looks after: published, proposed, switched off; and a way to find any rule by its name."""
    wanted = (request.GET.get("rule") or "").strip()[:120]
    not_found = False
    if wanted:
        if queries.rule_by_id(wanted) is not None or queries.shipped_rule(wanted) is not None:
            return redirect(rule_url(wanted))
        not_found = True
    off = queries.switched_off()
    return render(
        request,
        "language_rules/list.html",
        {
            "published": [(version, version.rule.rule_id in off) for version in queries.published_rules()],
            "proposals": [(version, queries.STATE_WORDS[state]) for version, state in queries.latest_versions() if state != queries.PUBLISHED],
            "switched_off": list(off.values()),
            "wanted": wanted,
            "not_found": not_found,
            "can_propose": permissions.can_propose(request.user),
        },
        status=404 if not_found else 200,
    )


@_page(READ)
def download(request):
    """The rules in force as a lexicon file, for `goldenthread check --lexicon FILE` and `goldenthread scan --lexicon FILE`."""
    response = HttpResponse(lexicon.download_text(), content_type="application/toml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{DOWNLOAD_NAME}"'
    return response


@_page(READ)
def rule_detail(request, rule_id):
    """One rule: its words in force, every version with who and why, and every time it was switched off or on."""
    rule = queries.rule_by_id(rule_id)
    shipped = queries.shipped_rule(rule_id)
    if rule is None and shipped is None:
        raise Http404
    history = queries.history(rule) if rule is not None else []
    live = queries.live_version(rule) if rule is not None else None
    return render(
        request,
        "language_rules/rule.html",
        {
            "rule_id": rule_id,
            "rule": rule,
            "shipped": shipped,
            "live": live,
            "history": history,
            "switches": queries.switches(rule_id),
            "is_off": queries.is_switched_off(rule_id),
            "open_version": queries.open_version(rule) if rule is not None else None,
            "can_propose": permissions.can_propose(request.user),
            "can_switch": permissions.can_switch(request.user) and (shipped is not None or live is not None),
            "can_review": permissions.can_review_rules(request.user),
            "can_publish": permissions.can_publish_rules(request.user),
            "user_id": request.user.pk,
        },
    )


@_page(FORM, permissions.can_propose, services.ONLY_LANGUAGE_LEADS)
def propose(request):
    form = forms.RuleForm(post_or_none(request), initial={"severity": "suggestion"})
    return form_page(
        request,
        form,
        template="language_rules/propose.html",
        context={"adding": True},
        action=lambda data: services.propose_rule(data["name"], by=request.user, **form.rule_values()),
        success_message=lambda version: f"Thank you. {version.rule.rule_id} is proposed, and waits for a second person to review it.",
        success_url=lambda version: rule_url(version.rule.rule_id),
    )


@_page(FORM, permissions.can_propose, services.ONLY_LANGUAGE_LEADS)
def change(request, rule_id):
    rule = queries.rule_by_id(rule_id)
    shipped = queries.shipped_rule(rule_id)
    if rule is None and shipped is None:
        raise Http404
    latest = queries.latest_version(rule) if rule is not None else None
    form = forms.RuleForm(post_or_none(request), naming=False, initial=forms.RuleForm.initial_for(latest or shipped))
    return form_page(
        request,
        form,
        template="language_rules/propose.html",
        context={"rule_id": rule_id, "shipped": shipped, "open_version": queries.open_version(rule) if rule is not None else None},
        action=lambda data: services.propose_change(rule or rule_id, by=request.user, **form.rule_values()),
        success_message=lambda version: (
            f"Thank you. Version {version.number} of {version.rule.rule_id} is proposed, and waits for a second person to review it."
        ),
        success_url=lambda version: rule_url(version.rule.rule_id),
    )


@_page(FORM, permissions.can_review_rules, REVIEWERS_ONLY)
def review(request, public_id):
    version = _version(public_id)
    if permissions.is_proposer(request.user, version):
        raise Refused(services.ONLY_A_SECOND_PERSON)
    if queries.state_of(version) != queries.PROPOSED:
        messages.info(request, f"Version {version.number} of {version.rule.rule_id} is no longer waiting for a review: it may have been reviewed already.")
        return redirect(rule_url(version.rule.rule_id))
    form = forms.ReviewForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="language_rules/review.html",
        context={"version": version, "shipped": queries.shipped_rule(version.rule.rule_id)},
        action=lambda data: services.review(version, by=request.user, approve=data["decision"] == forms.APPROVE, reason=data.get("reason", "")),
        success_message=lambda decided: (
            f"Version {version.number} of {version.rule.rule_id} is approved. A language lead can publish it now."
            if decided.approved
            else f"Version {version.number} of {version.rule.rule_id} is sent back with your note. We have told the person who proposed it."
        ),
        success_url=rule_url(version.rule.rule_id),
    )


@_page(FORM, permissions.can_publish_rules, services.ONLY_LANGUAGE_LEADS)
def publish(request, public_id):
    version = _version(public_id)
    if queries.state_of(version) != queries.APPROVED:
        messages.info(
            request, f"Version {version.number} of {version.rule.rule_id} is not waiting to be published: it needs a second person to approve it first."
        )
        return redirect(rule_url(version.rule.rule_id))
    form = forms.PublishForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="language_rules/publish.html",
        context={"version": version, "review": queries.last_review(version)},
        action=lambda data: services.publish(version, by=request.user),
        success_message=f"Version {version.number} of {version.rule.rule_id} is published. Every check the site makes uses it from now on.",
        success_url=rule_url(version.rule.rule_id),
    )


@_page(FORM, permissions.can_switch, services.ONLY_LANGUAGE_LEADS)
def switch(request, rule_id):
    rule = queries.rule_by_id(rule_id)
    if queries.shipped_rule(rule_id) is None and (rule is None or queries.live_version(rule) is None):
        raise Http404
    is_off = queries.is_switched_off(rule_id)
    form = forms.SwitchForm(post_or_none(request))
    act = services.switch_on if is_off else services.switch_off
    return form_page(
        request,
        form,
        template="language_rules/switch.html",
        context={"rule_id": rule_id, "is_off": is_off},
        action=lambda data: act(rule_id, by=request.user, reason=data["reason"]),
        success_message=f"{rule_id} is switched {'back on' if is_off else 'off'} for the partnership.",
        success_url=rule_url(rule_id),
    )
