"""The audit log describes records that hold personal data without a name or anything written about them."""

from goldenthread.core import audit
from goldenthread.core.models import AuditEvent
from goldenthread.families.models import Family, LawfulBasis, Person


def test_a_childs_name_never_reaches_the_audit_log(childrens_services):
    family = Family.objects.create(
        family_name="The Brightwater family (fictional)", lawful_basis=LawfulBasis.PUBLIC_TASK, recording_organisation=childrens_services
    )
    Person.objects.create(family=family, first_name="Wren", role_in_family=Person.RoleInFamily.CHILD, is_focus=True)

    labels = " ".join(AuditEvent.objects.values_list("object_label", flat=True))

    assert "Wren" not in labels
    assert "Brightwater" not in labels
    assert f"Someone in family {family.reference}" in labels, "a person is described only as someone in the family, by its reference"


def test_other_records_keep_their_readable_labels(childrens_services):
    audit.record(AuditEvent.Action.UPDATE, obj=childrens_services)

    assert AuditEvent.objects.filter(object_label=childrens_services.name).exists()
