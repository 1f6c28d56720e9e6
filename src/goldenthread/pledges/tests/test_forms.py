"""Bad input on every pledge form: a 400 with an error summary, every typed value kept, never a 500."""

from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from goldenthread.pledges.models import PersonalPledge, Pledge, PledgeAction, PledgeText, Strand
from goldenthread.pledges.services import commitment_field

from .conftest import move_expiry


def good_signing(organisation, **overrides):
    today = timezone.localdate()
    text = PledgeText.current()
    data = {commitment_field(value): [text.commitments.filter(strand=value).first().code] for value in Strand.values}
    data.update(
        {
            "vision": "Families in Riverbend feel safe and heard.",
            "how_we_will_do_it": "Training, supervision and kinder letters.",
            "priorities": "Train every team this year.",
            "signatory_name": "Morgan Ellis",
            "signatory_role": "Chief executive",
            "signed_on_0": str(today.day),
            "signed_on_1": str(today.month),
            "signed_on_2": str(today.year),
            "confirm": "on",
        }
    )
    data.update(overrides)
    return data


def page_text(response):
    return unescape(response.content.decode())


def assert_shown_with_errors(response, *messages):
    assert response.status_code == 400
    body = page_text(response)
    assert "There is a problem" in body
    assert "<title>Error: " in body
    for message in messages:
        assert message in body


@pytest.fixture
def lead_client(as_person, organisation_lead):
    return as_person(organisation_lead)


@pytest.fixture
def sign_url(childrens_services):
    return reverse("pledges:sign", args=[childrens_services.slug])


def test_a_lead_signs_the_pledge_and_it_appears_on_the_wall(lead_client, sign_url, childrens_services, client):
    response = lead_client.post(sign_url, good_signing(childrens_services))
    assert response.status_code == 302
    assert response["Location"] == reverse("pledges:manage", args=[childrens_services.slug])
    wall = client.get(reverse("pledges:wall"))
    assert "Riverbend Children&#x27;s Services" in wall.content.decode() or "Riverbend Children's Services" in page_text(wall)


def test_no_commitment_under_a_strand_is_named_in_the_error(lead_client, sign_url, childrens_services):
    data = good_signing(childrens_services)
    del data[commitment_field(Strand.AVOID_RETRAUMATISATION)]
    response = lead_client.post(sign_url, data)
    assert_shown_with_errors(response, "Choose at least one commitment under Avoid re-traumatisation")
    assert "Families in Riverbend feel safe and heard." in page_text(response)
    assert "Morgan Ellis" in page_text(response)
    assert not Pledge.objects.exists()


def test_a_date_in_the_future_is_refused_and_the_date_kept(lead_client, sign_url, childrens_services):
    tomorrow = timezone.localdate() + timedelta(days=1)
    data = good_signing(childrens_services, signed_on_0=str(tomorrow.day), signed_on_1=str(tomorrow.month), signed_on_2=str(tomorrow.year))
    response = lead_client.post(sign_url, data)
    assert_shown_with_errors(response, "The date signed must be today or in the past")
    assert f'value="{tomorrow.year}"' in response.content.decode()


def test_a_date_that_does_not_exist_is_refused(lead_client, sign_url, childrens_services):
    response = lead_client.post(sign_url, good_signing(childrens_services, signed_on_0="31", signed_on_1="2", signed_on_2="2026"))
    assert_shown_with_errors(response, "Enter a real date")


def test_letters_in_the_date_are_refused(lead_client, sign_url, childrens_services):
    response = lead_client.post(sign_url, good_signing(childrens_services, signed_on_0="first", signed_on_1="March", signed_on_2="99999999999"))
    assert_shown_with_errors(response)


def test_an_empty_statement_is_refused_with_what_to_do(lead_client, sign_url, childrens_services):
    response = lead_client.post(sign_url, good_signing(childrens_services, vision="", priorities="   "))
    assert_shown_with_errors(response, "Write your organisation's vision", "Write your priorities for the next 12 months")


def test_text_of_invisible_characters_only_counts_as_empty(lead_client, sign_url, childrens_services):
    response = lead_client.post(sign_url, good_signing(childrens_services, vision="\x07\x08 \x1b"))
    assert_shown_with_errors(response, "Write your organisation's vision")


def test_without_the_confirmation_the_pledge_is_not_signed(lead_client, sign_url, childrens_services):
    data = good_signing(childrens_services)
    del data["confirm"]
    response = lead_client.post(sign_url, data)
    assert_shown_with_errors(response, "Confirm that you have the authority to sign for Riverbend Children's Services")


def test_an_empty_form_is_refused_with_every_error(lead_client, sign_url):
    response = lead_client.post(sign_url, {})
    assert_shown_with_errors(
        response,
        "Choose at least one commitment under Recognise",
        "Enter the name of the senior person signing",
        "Enter the date the pledge was signed",
    )


def test_ten_thousand_characters_are_refused_and_kept(lead_client, sign_url, childrens_services):
    long_text = "Listening " * 1000
    response = lead_client.post(sign_url, good_signing(childrens_services, how_we_will_do_it=long_text))
    assert_shown_with_errors(response, "How we will do it must be 3,000 characters or fewer")
    assert long_text.strip() in page_text(response)


def test_a_commitment_that_is_not_on_the_list_is_refused(lead_client, sign_url, childrens_services):
    response = lead_client.post(sign_url, good_signing(childrens_services, commitments_recognise=["'; DROP TABLE pledges_pledge; --"]))
    assert_shown_with_errors(response, "Choose commitments under Recognise from the list")


def test_a_null_character_is_refused_not_a_server_error(lead_client, sign_url, childrens_services):
    response = lead_client.post(sign_url, good_signing(childrens_services, signatory_name="Morgan\x00Ellis"))
    assert_shown_with_errors(response, "contains a character we cannot store")


def test_html_and_sql_like_text_is_kept_as_text_and_escaped(lead_client, sign_url, childrens_services, client):
    odd = "<script>alert('x')</script> Robert'); DROP TABLE pledges;-- café 🙂 Ŵ"
    response = lead_client.post(sign_url, good_signing(childrens_services, vision=odd))
    assert response.status_code == 302
    assert Pledge.objects.get().vision == odd
    page = client.get(reverse("pledges:organisation", args=[childrens_services.slug])).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def test_signing_again_goes_to_the_pledge_page(lead_client, sign_url, signed_pledge, childrens_services):
    response = lead_client.post(sign_url, good_signing(childrens_services))
    assert response.status_code == 302
    assert Pledge.objects.count() == 1


def test_the_statement_form_keeps_what_was_typed(lead_client, signed_pledge, childrens_services):
    data = good_signing(childrens_services, vision="A changed vision", priorities="")
    response = lead_client.post(reverse("pledges:statement", args=[childrens_services.slug]), data)
    assert_shown_with_errors(response, "Write your priorities for the next 12 months")
    assert "A changed vision" in page_text(response)
    signed_pledge.refresh_from_db()
    assert signed_pledge.vision != "A changed vision"


def test_the_statement_form_saves(lead_client, signed_pledge, childrens_services):
    data = good_signing(childrens_services, vision="A changed vision")
    response = lead_client.post(reverse("pledges:statement", args=[childrens_services.slug]), data)
    assert response.status_code == 302
    signed_pledge.refresh_from_db()
    assert signed_pledge.vision == "A changed vision"


def test_an_action_needs_a_strand_an_owner_and_a_real_date(lead_client, signed_pledge, childrens_services):
    url = reverse("pledges:add-action", args=[childrens_services.slug])
    response = lead_client.post(
        url, {"strand": "everything", "description": "Kinder letters", "owner": "", "due_on_0": "40", "due_on_1": "13", "due_on_2": "2026", "status": "done"}
    )
    assert_shown_with_errors(response, "Choose one of the four strands", "Enter who owns this action", "Enter a real date")
    assert "Kinder letters" in page_text(response)
    assert not PledgeAction.objects.exists()


def test_an_action_is_added_and_changed(lead_client, signed_pledge, childrens_services):
    url = reverse("pledges:add-action", args=[childrens_services.slug])
    data = {
        "strand": Strand.RESPOND,
        "description": "Kinder letters",
        "owner": "Letters group",
        "due_on_0": "1",
        "due_on_1": "3",
        "due_on_2": "2027",
        "status": "not-started",
    }
    assert lead_client.post(url, data).status_code == 302
    action = PledgeAction.objects.get()
    edit = reverse("pledges:edit-action", args=[childrens_services.slug, action.public_id])
    assert lead_client.post(edit, {**data, "status": "in-progress"}).status_code == 302
    action.refresh_from_db()
    assert action.status == "in-progress"


def test_the_action_plan_marks_overdue_actions(lead_client, signed_pledge, childrens_services, organisation_lead):
    from goldenthread.pledges import services

    services.add_action(
        signed_pledge, by=organisation_lead, strand=Strand.RESPOND, description="Late one", owner="Team", due_on=timezone.localdate() - timedelta(days=5)
    )
    page = lead_client.get(reverse("pledges:actions", args=[childrens_services.slug])).content.decode()
    assert "Overdue" in page
    assert "No action under Recognise yet" in page


def test_a_progress_update_cannot_be_empty(lead_client, signed_pledge, childrens_services):
    response = lead_client.post(reverse("pledges:progress", args=[childrens_services.slug]), {"summary": ""})
    assert_shown_with_errors(response, "Write what has changed this year")


def test_a_progress_update_is_shown_on_the_public_page(lead_client, signed_pledge, childrens_services, client):
    response = lead_client.post(reverse("pledges:progress", args=[childrens_services.slug]), {"summary": "Every team has trained."})
    assert response.status_code == 302
    assert "Every team has trained." in client.get(reverse("pledges:organisation", args=[childrens_services.slug])).content.decode()


def test_renewing_without_an_action_per_strand_says_which_are_missing(lead_client, signed_pledge, childrens_services):
    move_expiry(signed_pledge, timezone.localdate() + timedelta(days=20))
    response = lead_client.post(
        reverse("pledges:renew", args=[childrens_services.slug]), {"signatory_name": "Morgan Ellis", "signatory_role": "Chief executive", "confirm": "on"}
    )
    assert_shown_with_errors(response, "Add at least one action to the action plan under Recognise, Respond")
    assert "Morgan Ellis" in page_text(response)


def test_renewing_before_the_window_is_refused(lead_client, full_action_plan, childrens_services):
    response = lead_client.post(
        reverse("pledges:renew", args=[childrens_services.slug]), {"signatory_name": "Morgan Ellis", "signatory_role": "Chief executive", "confirm": "on"}
    )
    assert_shown_with_errors(response, "You can renew this pledge from")


def test_renewing_a_lapsed_pledge_through_the_page(lead_client, full_action_plan, childrens_services):
    move_expiry(full_action_plan, timezone.localdate() - timedelta(days=1))
    response = lead_client.post(
        reverse("pledges:renew", args=[childrens_services.slug]), {"signatory_name": "Morgan Ellis", "signatory_role": "Chief executive", "confirm": "on"}
    )
    assert response.status_code == 302
    full_action_plan.refresh_from_db()
    assert not full_action_plan.is_lapsed


def test_choosing_champions_from_outside_the_organisation_is_refused(lead_client, signed_pledge, childrens_services, other_agency_practitioner, practitioner):
    url = reverse("pledges:champions", args=[childrens_services.slug])
    response = lead_client.post(url, {"champions": [str(other_agency_practitioner.pk)]})
    assert_shown_with_errors(response, "Choose champions from the list")
    assert lead_client.post(url, {"champions": [str(practitioner.pk)]}).status_code == 302
    assert practitioner.memberships.get().role == "champion"


def test_a_withdrawal_needs_a_reason_and_then_hides_the_pledge(as_person, partnership_lead, signed_pledge, childrens_services, client):
    admin = as_person(partnership_lead)
    url = reverse("pledges:withdraw", args=[childrens_services.slug])
    assert_shown_with_errors(admin.post(url, {"reason": ""}), "Write why the pledge is being withdrawn")
    assert admin.post(url, {"reason": "Under review with the board"}).status_code == 302
    assert "Riverbend Children" not in client.get(reverse("pledges:wall")).content.decode().split('id="wall-results"')[1]
    assert admin.post(reverse("pledges:republish", args=[childrens_services.slug])).status_code == 302
    signed_pledge.refresh_from_db()
    assert signed_pledge.status == "published"


def test_a_personal_pledge_over_600_characters_is_refused_and_kept(as_person, organisation_lead, childrens_services):
    client = as_person(organisation_lead)
    long_pledge = "I will listen. " * 50
    response = client.post(reverse("pledges:personal-pledge"), {"organisation": childrens_services.slug, "commitment": long_pledge, "is_shown": "on"})
    assert_shown_with_errors(response, "My pledge must be 600 characters or fewer")
    assert long_pledge.strip() in page_text(response)


def test_a_personal_pledge_is_made_shown_changed_and_removed(as_person, organisation_lead, signed_pledge, childrens_services, client):
    lead = as_person(organisation_lead)
    response = lead.post(
        reverse("pledges:personal-pledge"),
        {"organisation": childrens_services.slug, "commitment": "I will ask what has happened, not what is wrong.", "is_shown": "on"},
    )
    assert response.status_code == 302
    public = reverse("pledges:organisation", args=[childrens_services.slug])
    assert "I will ask what has happened" in page_text(client.get(public))
    personal = PersonalPledge.objects.get()
    lead.post(reverse("pledges:edit-personal-pledge", args=[personal.public_id]), {"commitment": "I will ask what has happened."})
    personal.refresh_from_db()
    assert not personal.is_shown
    assert "I will ask what has happened" not in page_text(client.get(public))
    assert lead.post(reverse("pledges:remove-personal-pledge", args=[personal.public_id])).status_code == 302
    assert not PersonalPledge.objects.exists()


def test_a_lead_of_two_organisations_chooses_which_one(as_person, organisation_lead, community_health):
    from goldenthread.partnership.models import Membership, Role

    Membership.objects.create(user=organisation_lead, organisation=community_health, role=Role.ORGANISATION_LEAD)
    client = as_person(organisation_lead)
    page = client.get(reverse("pledges:personal-pledge")).content.decode()
    assert "Riverbend Community Health" in page
    response = client.post(reverse("pledges:personal-pledge"), {"organisation": "", "commitment": "I will listen."})
    assert_shown_with_errors(response, "Choose the organisation your pledge is with")
    assert client.post(reverse("pledges:personal-pledge"), {"organisation": community_health.slug, "commitment": "I will listen."}).status_code == 302
    assert PersonalPledge.objects.get().organisation == community_health


def test_a_partnership_lead_without_an_organisation_gets_a_calm_message(as_person, partnership_lead):
    client = as_person(partnership_lead)
    response = client.get(reverse("pledges:personal-pledge"))
    assert response.status_code == 200
    assert "not a member of an organisation" in page_text(response)
    assert client.post(reverse("pledges:personal-pledge"), {"commitment": "I will listen."}).status_code == 403


def test_the_partnership_lead_filters_every_pledge_by_state(as_person, partnership_lead, signed_pledge, other_pledge):
    move_expiry(other_pledge, timezone.localdate() - timedelta(days=1))
    client = as_person(partnership_lead)
    lapsed = page_text(client.get(reverse("pledges:all"), {"state": "lapsed"}))
    table = lapsed.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    assert "Riverbend Community Health" in table and "Riverbend Children's Services" not in table
    assert "Lapsed: it ran until" in table
    assert client.get(reverse("pledges:all"), {"state": "\x00<b>"}).status_code == 200
