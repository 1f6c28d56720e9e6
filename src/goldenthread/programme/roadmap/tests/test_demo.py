"""The demo's shared roadmap: about twenty fictional milestones across the recovery response's year, loaded once however often it runs."""

import random

import pytest
from django.utils import timezone

from goldenthread.core.audit import acting_as
from goldenthread.core.models import User
from goldenthread.language import check
from goldenthread.partnership.models import Membership, Organisation, Role, Sector
from goldenthread.programme.roadmap import demo, queries, waiting
from goldenthread.programme.roadmap.models import Milestone, MilestoneChange
from goldenthread.programme.work.models import Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_partnership(db):
    """The two organisations the demo roadmap names, each with a lead, and the partnership team (all fictional)."""
    admin = User.objects.create_user("alex.morgan@partnership.example", "a-long-test-password", full_name="Alex Morgan", is_partnership_admin=True)
    leads = {}
    for name, sector, email in (
        ("Riverbend Children's Social Care", Sector.CHILDRENS_SOCIAL_CARE, "lead@childrens.example"),
        ("Millbrook Primary School", Sector.SCHOOL_PRIMARY, "lead@millbrook.example"),
    ):
        organisation = Organisation.objects.create(name=name, sector=sector)
        lead = User.objects.create_user(email, "a-long-test-password", full_name=f"Lead of {name}")
        Membership.objects.create(user=lead, organisation=organisation, role=Role.ORGANISATION_LEAD)
        leads[name] = lead
    return admin, leads


def load():
    with acting_as(None):
        return demo.load(random.Random("riverbend-programme"), timezone.localdate())


def test_the_demo_roadmap_has_milestones_of_every_kind_across_the_year(demo_partnership):
    added = load()
    milestones = list(Milestone.objects.all())

    assert added == len(milestones) and 18 <= added <= 24
    assert Programme.objects.get().name == "Riverbend recovery response (fictional)"
    assert sum(m.is_whole_system for m in milestones) >= 5
    assert len({m.sector for m in milestones if m.sector and not m.organisation}) >= 8
    assert sorted(m.organisation.name for m in milestones if m.organisation) == ["Millbrook Primary School", "Riverbend Children's Social Care"]
    statuses = [m.status for m in milestones]
    assert statuses.count("reached") >= 8 and statuses.count("moved") == 1 and statuses.count("dropped") == 1
    assert all(m.domains for m in milestones)
    today = timezone.localdate()
    assert min(m.due_on for m in milestones) < today < max(m.due_on for m in milestones)


def test_the_moved_milestone_keeps_the_date_it_had(demo_partnership):
    load()
    moved = Milestone.objects.get(status="moved")
    (move,) = MilestoneChange.objects.filter(milestone=moved, kind="moved")
    assert move.from_date < move.to_date == moved.due_on and move.note
    assert [change.kind for change in queries.history(moved)] == ["added", "moved"]


def test_the_demo_leaves_something_waiting_for_the_partnership_team_and_an_organisation_lead(demo_partnership):
    admin, leads = demo_partnership
    load()
    assert waiting.waiting(admin) and waiting.waiting(leads["Millbrook Primary School"])


def test_loading_the_demo_again_changes_nothing(demo_partnership):
    load()
    counts = Milestone.objects.count(), MilestoneChange.objects.count(), Programme.objects.count()
    assert load() == 0
    assert (Milestone.objects.count(), MilestoneChange.objects.count(), Programme.objects.count()) == counts


def test_the_demo_uses_the_programme_the_work_part_started(demo_partnership):
    started = Programme.objects.create(name="Riverbend recovery response (fictional)", starts_on=timezone.localdate().replace(day=1))
    load()
    assert set(Milestone.objects.values_list("programme", flat=True)) == {started.pk}


def test_every_word_of_the_demo_roadmap_passes_the_shared_language_check():
    data, milestones = demo.read()
    texts = [data["programme_purpose"]] + [text for m in milestones for text in (m.title, m.description, m.reason, m.note) if text]
    problems = [(text, finding.text, finding.rule) for text in texts for finding in check(text) if finding.is_fault]
    assert problems == []


def test_a_mistake_in_the_data_file_is_named_before_anything_loads(tmp_path):
    path = tmp_path / "roadmap.toml"
    path.write_text(
        'programme = "A programme (fictional)"\n[[milestone]]\ntitle = "A"\ndescription = "B"\ndue_in_days = 3\nfor = "sector:the-moon"\nstatus = "moved"\n'
    )
    with pytest.raises(demo.DemoProblem, match="sector:<code>.*needs a reason"):
        demo.read(path)


def test_the_demo_links_the_work_parts_demo_actions_it_names_even_when_they_come_later(demo_partnership):
    from goldenthread.programme.work.models import Workstream, WorkstreamAction

    load()
    programme = Programme.objects.get()
    workstream = Workstream.objects.create(programme=programme, name="Communication", purpose="Clear words for families.")
    card = WorkstreamAction.objects.create(
        workstream=workstream,
        description="Design one card with one number to call, for every partner to leave on visits",
        owner="A volunteer",
        due_on=timezone.localdate(),
    )
    load()
    assert [m.title for m in card.milestones.all()] == ["One number families can call for help, shared by every partner"]
