"""The demo's champions network, and the words of the champions pages, e-mails and messages."""

import random

import pytest
from django.core.management import call_command
from django.utils import timezone

from goldenthread.core.models import User
from goldenthread.core.tests.mail import sent_by_the_worker
from goldenthread.language import check
from goldenthread.language.readers import read_bytes
from goldenthread.partnership.models import Role
from goldenthread.programme.champions import demo, rules, services, views, waiting
from goldenthread.programme.champions.models import ChampionProfile, ChampionVolunteer, NetworkPost

from .conftest import WHY

pytestmark = pytest.mark.django_db


def faults(text):
    return [(finding.text, finding.rule) for finding in check(text) if finding.is_fault]


def load():
    demo.load(random.Random("riverbend-programme"), timezone.localdate())


def test_the_demo_loads_once_with_a_profile_for_every_champion(db):
    call_command("load_demo_partnership", stdout=open("/dev/null", "w"))
    load()
    load()
    champions = User.objects.filter(memberships__role=Role.CHAMPION).distinct()
    assert ChampionProfile.objects.count() == champions.count() >= 20
    assert NetworkPost.objects.count() == 10
    [offer] = ChampionVolunteer.objects.all()
    assert offer.status == ChampionVolunteer.Status.PENDING
    assert not offer.person.memberships.filter(role=Role.CHAMPION).exists()
    lead = User.objects.get(full_name="Imogen Vasquez-Hart")
    assert len(waiting.waiting(lead)) == 1


def test_the_demo_words_pass_the_shared_language_check():
    data = demo.read_demo()
    texts = [entry["about"] for entry in data["profiles"]] + [text for _, _, text in data["network"]["posts"]] + [entry["why"] for entry in data["volunteers"]]
    texts += [item for entry in data["profiles"] for item in entry["interests"]] + data["wider"]["interests"]
    assert [fault for text in texts for fault in faults(" ".join(text.split()))] == []


def test_every_champions_page_reads_well(client, profile, post, offer, champion, practitioner, organisation_lead):
    pages = {
        champion: [
            "/programme/champions/",
            f"/programme/champions/{champion.public_id}/",
            "/programme/champions/profile/",
            "/programme/champions/network/",
            f"/programme/champions/network/{post.public_id}/remove/",
        ],
        practitioner: ["/programme/champions/volunteer/", "/programme/champions/network/"],
        organisation_lead: ["/programme/champions/offers/", f"/programme/champions/offers/{offer.public_id}/"],
    }
    problems = []
    for person, urls in pages.items():
        client.force_login(person)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            problems += [(url, *fault) for fault in faults(read_bytes(response.content, ".html"))]
    assert problems == []


def test_the_champions_emails_and_messages_read_well(
    practitioner, other_agency_practitioner, childrens_services, community_health, organisation_lead, other_agency_lead, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.volunteer(childrens_services, by=practitioner, why=WHY)
        second = services.volunteer(community_health, by=other_agency_practitioner, why=WHY)
        services.accept_offer(first, by=organisation_lead, reply="Welcome, and thank you.")
        services.decline_offer(second, by=other_agency_lead, reply="Not this time. Would you join the wellbeing workstream?")
    mails = sent_by_the_worker()
    assert len(mails) == 4
    words = [f"{message.subject}\n{message.body}" for message in mails]
    words += [value for module in (rules, services, views) for name, value in vars(module).items() if name.isupper() and isinstance(value, str)]
    words += [rule.label + " " + rule.hint + " " + (rule.required_message or "") for rule in vars(rules).values() if hasattr(rule, "label")]
    assert [fault for text in words for fault in faults(text)] == []
