"""The partnership's services: organisations, people and roles, and the rules they keep."""

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from goldenthread.core.models import AuditEvent, User
from goldenthread.core.refusals import Refused
from goldenthread.core.tests.mail import sent_by_the_worker
from goldenthread.partnership import rules, services
from goldenthread.partnership.models import Membership, Organisation, Role, Sector, Size


def fresh(user):
    """The same person as a new request would see them, without remembered roles."""
    return User.objects.get(pk=user.pk)


# Organisations


def test_partnership_lead_adds_an_organisation(partnership_lead):
    organisation = services.create_organisation(
        by=partnership_lead,
        name="Riverbend Fire and Rescue",
        sector=Sector.FIRE,
        area="Borough-wide",
        size=Size.LARGE,
        description="Keeps the borough safe from fire.",
    )

    assert organisation.slug == "riverbend-fire-and-rescue"
    assert organisation.is_active
    assert AuditEvent.objects.filter(action="create", object_type="partnership.organisation", object_id=str(organisation.pk)).exists()


def test_a_second_organisation_with_the_same_name_in_other_letters_is_refused(partnership_lead, childrens_services):
    with pytest.raises(ValidationError) as refusal:
        services.create_organisation(by=partnership_lead, name="RIVERBEND children's services", sector=Sector.OTHER)

    assert "already an organisation with this name" in str(refusal.value.message_dict["name"])
    assert Organisation.objects.count() == 1


def test_organisation_lead_cannot_add_an_organisation(organisation_lead):
    with pytest.raises(PermissionDenied):
        services.create_organisation(by=organisation_lead, name="Riverbend Youth Club", sector=Sector.VOLUNTARY)


def test_a_refusal_says_who_may_do_it(organisation_lead):
    with pytest.raises(Refused, match="Only the partnership's admin"):
        services.create_organisation(by=organisation_lead, name="Riverbend Youth Club", sector=Sector.VOLUNTARY)


def test_the_service_keeps_the_forms_rules_for_every_other_caller(partnership_lead):
    with pytest.raises(ValidationError) as refusal:
        services.create_organisation(by=partnership_lead, name=" \u200b ", sector="space", size="gigantic", description="a" * 2001)

    problems = refusal.value.message_dict
    assert problems["name"] == [rules.ORGANISATION_NAME.required_message]
    assert problems["sector"] == [rules.CHOOSE_A_SECTOR]
    assert problems["size"] == [rules.CHOOSE_A_SIZE]
    assert problems["description"] == ["Description must be 2,000 characters or fewer"]
    assert not Organisation.objects.exists()


def test_the_service_tidies_text_as_the_form_does(partnership_lead):
    organisation = services.create_organisation(by=partnership_lead, name="  Riverbend\u200b Youth Club ", sector=Sector.VOLUNTARY)

    assert organisation.name == "Riverbend Youth Club"


def test_only_an_organisations_own_details_can_be_changed(partnership_lead, childrens_services):
    with pytest.raises(TypeError):
        services.update_organisation(childrens_services, by=partnership_lead, slug="elsewhere")


def test_partnership_lead_changes_an_organisation_and_its_address_stays(partnership_lead, childrens_services):
    slug = childrens_services.slug

    services.update_organisation(childrens_services, by=partnership_lead, name="Riverbend Children's Social Care", area="North")

    childrens_services.refresh_from_db()
    assert childrens_services.name == "Riverbend Children's Social Care"
    assert childrens_services.area == "North"
    assert childrens_services.slug == slug


def test_renaming_to_another_organisations_name_is_refused(partnership_lead, childrens_services, community_health):
    with pytest.raises(ValidationError):
        services.update_organisation(childrens_services, by=partnership_lead, name="riverbend community health")

    childrens_services.refresh_from_db()
    assert childrens_services.name == "Riverbend Children's Services"


def test_keeping_the_same_name_in_other_letters_is_allowed(partnership_lead, childrens_services):
    services.update_organisation(childrens_services, by=partnership_lead, name="RIVERBEND CHILDREN'S SERVICES")

    childrens_services.refresh_from_db()
    assert childrens_services.name == "RIVERBEND CHILDREN'S SERVICES"


def test_organisation_lead_cannot_change_the_organisations_details(organisation_lead, childrens_services):
    with pytest.raises(PermissionDenied):
        services.update_organisation(childrens_services, by=organisation_lead, name="Something else")


# Adding people


def test_someone_new_is_invited_by_email_to_choose_a_password(organisation_lead, childrens_services, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.add_member(
            childrens_services,
            by=organisation_lead,
            email="  Morgan.Blake@Childrens.example ",
            full_name="Morgan Blake",
            job_title="Family support worker",
            role=Role.PRACTITIONER,
        )

    person = membership.user
    assert person.email == "morgan.blake@childrens.example"
    assert not person.has_usable_password()
    assert mail.outbox == [], "the page never waits for the mail server: the worker sends it"
    assert len(sent_by_the_worker()) == 1
    invitation = mail.outbox[0]
    assert invitation.to == ["morgan.blake@childrens.example"]
    assert "choose your password" in invitation.subject
    assert "Riverbend Children's Services" in invitation.body
    assert "/password-reset/" in invitation.body


def test_the_invitation_links_to_the_partnerships_own_address_and_goes_only_once_saved(
    organisation_lead, childrens_services, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        services.add_member(childrens_services, by=organisation_lead, email="morgan.blake@childrens.example", full_name="Morgan Blake")
        assert sent_by_the_worker() == [], "nothing is queued before the membership is saved"

    for callback in callbacks:
        callback()
    (invitation,) = sent_by_the_worker()
    link = next(line for line in invitation.body.splitlines() if "/password-reset/" in line)
    assert link.startswith(f"{settings.GOLDENTHREAD_SITE_URL}/password-reset/")
    assert "localhost" not in invitation.body


def test_a_person_with_a_bad_address_or_no_name_is_refused_by_the_service_too(organisation_lead, childrens_services):
    with pytest.raises(ValidationError) as refusal:
        services.add_member(childrens_services, by=organisation_lead, email="morgan.blake at childrens", full_name="   ", job_title="x" * 151)

    problems = refusal.value.message_dict
    assert problems["email"] == [rules.EMAIL_LIKE_THIS]
    assert problems["full_name"] == [rules.FULL_NAME.required_message]
    assert problems["job_title"] == ["Job title must be 150 characters or fewer"]
    assert not User.objects.filter(full_name="").exists()


def test_someone_who_already_has_an_account_joins_without_an_invitation(
    organisation_lead, childrens_services, other_agency_practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.add_member(childrens_services, by=organisation_lead, email="CASEY.EVANS@health.example", full_name="Casey Evans")

    assert membership.user == other_agency_practitioner
    assert membership.role == Role.PRACTITIONER
    assert sent_by_the_worker() == []
    assert other_agency_practitioner.memberships.count() == 2


def test_adding_someone_who_is_already_a_member_is_refused(organisation_lead, childrens_services, practitioner):
    with pytest.raises(ValidationError) as refusal:
        services.add_member(childrens_services, by=organisation_lead, email=practitioner.email, full_name="Riley Shah")

    assert "already a member" in str(refusal.value.message_dict["email"])


def test_practitioner_cannot_add_people(practitioner, childrens_services):
    with pytest.raises(PermissionDenied):
        services.add_member(childrens_services, by=practitioner, email="new.person@childrens.example", full_name="New Person")

    assert not User.objects.filter(email="new.person@childrens.example").exists()


def test_another_organisations_lead_cannot_add_people_here(other_agency_lead, childrens_services):
    with pytest.raises(PermissionDenied):
        services.add_member(childrens_services, by=other_agency_lead, email="new.person@childrens.example", full_name="New Person")


def test_a_role_that_does_not_exist_is_refused(organisation_lead, childrens_services):
    with pytest.raises(ValidationError):
        services.add_member(childrens_services, by=organisation_lead, email="new.person@childrens.example", full_name="New Person", role="king")

    assert not User.objects.filter(email="new.person@childrens.example").exists()


def test_partnership_lead_can_add_an_organisation_lead(partnership_lead, community_health):
    membership = services.add_member(community_health, by=partnership_lead, email="new.lead@health.example", full_name="New Lead", role=Role.ORGANISATION_LEAD)

    assert membership.role == Role.ORGANISATION_LEAD


# Roles


def test_organisation_lead_makes_a_practitioner_a_champion(organisation_lead, practitioner, childrens_services):
    membership = Membership.objects.get(user=practitioner, organisation=childrens_services)

    services.change_role(membership, by=organisation_lead, role=Role.CHAMPION)

    membership.refresh_from_db()
    assert membership.role == Role.CHAMPION
    assert AuditEvent.objects.filter(action="update", object_type="partnership.membership", changed_fields=["role"]).exists()


def test_the_only_organisation_lead_cannot_step_down(organisation_lead, childrens_services):
    membership = Membership.objects.get(user=organisation_lead, organisation=childrens_services)

    with pytest.raises(ValidationError) as refusal:
        services.change_role(membership, by=organisation_lead, role=Role.PRACTITIONER)

    assert "at least one organisation lead" in str(refusal.value.message_dict["role"])
    membership.refresh_from_db()
    assert membership.role == Role.ORGANISATION_LEAD


def test_an_organisation_lead_can_step_down_once_there_is_another(organisation_lead, champion, childrens_services):
    services.change_role(Membership.objects.get(user=champion), by=organisation_lead, role=Role.ORGANISATION_LEAD)

    services.change_role(Membership.objects.get(user=organisation_lead), by=fresh(organisation_lead), role=Role.PRACTITIONER)

    assert Membership.objects.get(user=organisation_lead).role == Role.PRACTITIONER
    assert Membership.objects.get(user=champion).role == Role.ORGANISATION_LEAD


def test_an_unknown_role_is_refused_when_changing(organisation_lead, practitioner):
    with pytest.raises(ValidationError):
        services.change_role(Membership.objects.get(user=practitioner), by=organisation_lead, role="overlord")


def test_champion_cannot_change_roles(champion, practitioner):
    with pytest.raises(PermissionDenied):
        services.change_role(Membership.objects.get(user=practitioner), by=champion, role=Role.CHAMPION)


# Removing people


def test_organisation_lead_removes_someone_who_has_left(organisation_lead, practitioner, childrens_services):
    services.remove_member(Membership.objects.get(user=practitioner), by=organisation_lead)

    assert not Membership.objects.filter(user=practitioner).exists()
    assert User.objects.filter(pk=practitioner.pk).exists(), "the account itself is kept"
    assert AuditEvent.objects.filter(action="delete", object_type="partnership.membership").exists()


def test_the_last_organisation_lead_cannot_be_removed(partnership_lead, organisation_lead):
    with pytest.raises(ValidationError):
        services.remove_member(Membership.objects.get(user=organisation_lead), by=partnership_lead)

    assert Membership.objects.filter(user=organisation_lead).exists()


def test_another_organisations_lead_cannot_remove_people_here(other_agency_lead, practitioner):
    with pytest.raises(PermissionDenied):
        services.remove_member(Membership.objects.get(user=practitioner), by=other_agency_lead)


# Champions, as the pledge names them


def test_naming_champions_promotes_the_chosen_and_returns_the_others_to_practice(organisation_lead, champion, practitioner, trainer, childrens_services):
    changed = services.name_champions(childrens_services, by=organisation_lead, people=[practitioner])

    roles = dict(Membership.objects.filter(organisation=childrens_services).values_list("user__email", "role"))
    assert roles[practitioner.email] == Role.CHAMPION
    assert roles[champion.email] == Role.PRACTITIONER
    assert roles[trainer.email] == Role.TRAINER, "a trainer keeps their role"
    assert roles[organisation_lead.email] == Role.ORGANISATION_LEAD, "a lead keeps their role"
    assert len(changed) == 2


def test_practitioner_cannot_name_champions(practitioner, childrens_services):
    with pytest.raises(PermissionDenied):
        services.name_champions(childrens_services, by=practitioner, people=[practitioner])


def test_an_organisation_lead_cannot_make_anyone_a_language_lead(organisation_lead, practitioner, childrens_services):
    with pytest.raises(Refused, match="only the partnership's admin"):
        services.change_role(Membership.objects.get(user=practitioner), by=organisation_lead, role=Role.LANGUAGE_LEAD)
    with pytest.raises(Refused, match="only the partnership's admin"):
        services.add_member(
            childrens_services, by=organisation_lead, email="second.account@childrens.riverbend.example", full_name="A Second Account", role=Role.LANGUAGE_LEAD
        )
    assert not Membership.objects.filter(role=Role.LANGUAGE_LEAD).exists()


def test_the_partnership_admin_makes_a_language_lead(partnership_lead, practitioner):
    services.change_role(Membership.objects.get(user=practitioner), by=partnership_lead, role=Role.LANGUAGE_LEAD)
    assert Membership.objects.get(user=practitioner).role == Role.LANGUAGE_LEAD
