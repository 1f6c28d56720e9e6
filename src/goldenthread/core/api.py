"""API pieces every router shares: personal-token authentication and 'who am I'."""

from ninja import Router, Schema
from ninja.security import HttpBearer

from .services import user_for_api_key


class PersonalToken(HttpBearer):
    """A token a person made on their tokens page, sent as 'Authorization: Bearer <token>'."""

    def authenticate(self, request, token):
        user = user_for_api_key(token)
        if user is not None:
            request.user = user
        return user


personal_token = PersonalToken()

router = Router(tags=["You"])


class MembershipOut(Schema):
    organisation: str
    organisation_slug: str
    role: str


class MeOut(Schema):
    name: str
    email: str
    job_title: str
    is_partnership_admin: bool
    memberships: list[MembershipOut]


@router.get("/me", response=MeOut, auth=personal_token, summary="The person the token belongs to")
def me(request):
    user = request.auth
    return {
        "name": user.full_name,
        "email": user.email,
        "job_title": user.job_title,
        "is_partnership_admin": user.is_partnership_admin,
        "memberships": [
            {"organisation": m.organisation.name, "organisation_slug": m.organisation.slug, "role": m.role}
            for m in user.memberships.select_related("organisation")
        ],
    }
