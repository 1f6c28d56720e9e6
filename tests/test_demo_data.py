"""The demo partnership a newcomer meets with `make demo`: realistic in shape, fictional, loaded once."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.audit import acting_as
from goldenthread.core.models import AuditEvent, User
from goldenthread.partnership.management.commands.load_demo_partnership import check_demo, read_demo
from goldenthread.partnership.models import Membership, Organisation, Role, Sector
from goldenthread.pledges.management.commands.load_demo_pledges import check_demo_pledges
from goldenthread.pledges.models import PersonalPledge, Pledge, PledgeAction, ProgressUpdate, Renewal, Strand

DEMO_PASSWORD = "riverbend-demo-2026"
PLACEHOLDER = re.compile(r"lorem|ipsum|todo|tbc|xxx|placeholder|example text", re.IGNORECASE)


def load_demo():
    output = StringIO()
    call_command("load_demo_partnership", stdout=output)
    call_command("load_demo_pledges", stdout=output)
    return output.getvalue()


@pytest.fixture
def demo(db):
    return load_demo()


def test_demo_has_at_least_25_organisations_in_every_sector(demo):
    assert Organisation.objects.count() >= 25
    assert set(Organisation.objects.values_list("sector", flat=True)) == set(Sector.values)


def test_demo_has_people_in_every_role(demo):
    assert User.objects.filter(is_partnership_admin=True).exists()
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    for organisation in Organisation.objects.all():
        assert organisation.memberships.filter(role=Role.ORGANISATION_LEAD).exists(), organisation


def test_every_demo_person_is_fictional_and_can_sign_in_with_the_demo_password(demo, client):
    for email in User.objects.values_list("email", flat=True):
        assert email.endswith(".example"), email
    lead = User.objects.filter(is_partnership_admin=True).first()
    response = client.post(reverse("core:sign-in"), {"username": lead.email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("core:home")).context["user"] == lead


def test_demo_has_pledges_in_every_state(demo):
    today = timezone.localdate()
    pledges = list(Pledge.objects.select_related("organisation"))
    states = {pledge.state_label for pledge in pledges}
    assert states == {"Signed", "Lapsed", "Withdrawn"}
    live = [pledge for pledge in pledges if pledge.is_live]
    assert len(live) > Organisation.objects.count() / 2, "most organisations have a live, published pledge"
    assert Renewal.objects.exists()
    assert Organisation.objects.filter(pledge__isnull=True).count() >= 2, "a few have not signed yet"
    for pledge in live:
        assert today - pledge.signed_on <= timezone.timedelta(days=365) or pledge.renewed_on, pledge
        assert pledge.signed_on <= today
        assert pledge.signatory_name and pledge.signatory_role
        assert pledge.signed_by.memberships.filter(organisation=pledge.organisation, role=Role.ORGANISATION_LEAD).exists()


def test_every_demo_pledge_commits_and_plans_in_every_strand(demo):
    for pledge in Pledge.objects.prefetch_related("commitments", "actions"):
        assert {c.strand for c in pledge.commitments.all()} == set(Strand.values), pledge
        assert {a.strand for a in pledge.actions.all()} == set(Strand.values), pledge
    assert set(PledgeAction.objects.values_list("status", flat=True)) == set(PledgeAction.Status.values)


def test_demo_has_champions_progress_updates_and_personal_pledges(demo):
    champions_with_live_pledges = Membership.objects.filter(role=Role.CHAMPION, organisation__pledge__status=Pledge.Status.PUBLISHED)
    assert champions_with_live_pledges.values("organisation").distinct().count() >= 10
    assert ProgressUpdate.objects.count() >= 3
    assert PersonalPledge.objects.count() >= 3
    for personal_pledge in PersonalPledge.objects.select_related("user", "organisation"):
        assert personal_pledge.user.memberships.filter(organisation=personal_pledge.organisation, role=Role.ORGANISATION_LEAD).exists()


def test_every_demo_statement_is_written_out_in_full(demo):
    statements = set()
    for pledge in Pledge.objects.all():
        for field in ("vision", "how_we_will_do_it", "priorities"):
            text = getattr(pledge, field)
            assert 60 <= len(text) <= 3000, (pledge, field)
            assert text == " ".join(text.split()), f"{pledge} {field} has stray spaces or line breaks"
            assert not PLACEHOLDER.search(text), (pledge, field)
            assert text not in statements, f"{pledge} repeats another organisation's {field}"
            statements.add(text)


def test_demo_words_pass_the_partnerships_own_shared_language_check(demo):
    from goldenthread.language import check

    texts = [*Organisation.objects.values_list("description", flat=True), *PersonalPledge.objects.values_list("commitment", flat=True)]
    for pledge in Pledge.objects.all():
        texts += [pledge.vision, pledge.how_we_will_do_it, pledge.priorities, pledge.withdrawn_reason]
    texts += list(PledgeAction.objects.values_list("description", flat=True)) + list(ProgressUpdate.objects.values_list("summary", flat=True))
    findings = [(text[:60], finding.rule, finding.text) for text in texts for finding in check(text)]
    assert findings == []


def test_loading_the_demo_prints_a_sign_in_for_every_role(demo):
    assert DEMO_PASSWORD in demo
    for role in ("Partnership lead", "Organisation lead", "Champion", "Practitioner", "Trainer"):
        line = next(line for line in demo.splitlines() if line.strip().startswith(role))
        email = line.split()[-1]
        assert User.objects.filter(email=email).exists(), line


def test_loading_the_demo_again_changes_nothing(demo):
    counts = {model: model.objects.count() for model in (User, Organisation, Membership, Pledge, PledgeAction, AuditEvent)}
    again = load_demo()
    assert "The Riverbend demo partnership is already loaded" in again
    assert "The demo pledges are already loaded" in again
    assert {model: model.objects.count() for model in counts} == counts


def test_demo_is_not_loaded_over_an_organisation_of_the_same_name(db):
    with acting_as(None):
        Organisation.objects.create(name="Riverbend Children's Social Care", sector=Sector.CHILDRENS_SOCIAL_CARE)
    output = StringIO()
    call_command("load_demo_partnership", stdout=output)
    assert "already loaded" in output.getvalue()
    assert Organisation.objects.count() == 1


def test_demo_is_written_as_the_system_and_queues_no_reminders(demo):
    from django_tasks_db.models import DBTaskResult

    assert not AuditEvent.objects.filter(actor__isnull=False).exists()
    assert AuditEvent.objects.filter(object_type="pledges.pledge", actor_label="System").exists()
    assert not DBTaskResult.objects.exists()


def test_a_mistake_in_the_demo_files_is_named_before_anything_is_written():
    demo = read_demo()
    demo.organisations[0]["sector"] = "space-agency"
    demo.organisations[1]["pledge"]["actions"] = demo.organisations[1]["pledge"]["actions"][:1]
    with pytest.raises(Exception) as refused:
        check_demo(demo)
    assert "space-agency" in str(refused.value)
    with pytest.raises(Exception) as refused:
        check_demo_pledges(demo.organisations)
    assert demo.organisations[1]["name"] in str(refused.value)
