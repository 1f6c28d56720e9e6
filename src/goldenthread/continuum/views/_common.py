"""What the self-assessment pages share: the organisation and the round, 404 when unknown."""

from django.shortcuts import get_object_or_404

from goldenthread.partnership.models import Organisation

from ..models import Assessment


def _organisation(slug) -> Organisation:
    return get_object_or_404(Organisation, slug=slug)


def _assessment(assessment_id) -> Assessment:
    return get_object_or_404(Assessment.objects.select_related("organisation", "framework"), public_id=assessment_id)
