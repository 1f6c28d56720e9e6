"""API pieces every router shares: personal-token authentication, rate limits and 'who am I'."""

from ninja import Router, Schema
from ninja.errors import HttpError, Throttled
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from . import ratelimits
from .services import token_for_api_key


class TooManyRequests(Throttled):
    """A request over one of the API's rate limits (`core.ratelimits`): answered 429 with Retry-After."""

    def __init__(self, limited: ratelimits.Limited | None):
        self.limited = limited
        super().__init__(wait=limited.wait if limited else None)


class PersonalToken(HttpBearer):
    """A token a person made on their tokens page, sent as 'Authorization: Bearer <token>'.

    The person is `request.auth`; the token itself, with what it may read, is `request.api_token`.
    """

    def __call__(self, request):
        """The person, or None; a request without a working token counts against its address's limit."""
        person = super().__call__(request)
        if person is None and (limited := ratelimits.over_limit(request, ratelimits.API_PER_CLIENT)):
            raise TooManyRequests(limited)
        return person

    def authenticate(self, request, token):
        found = token_for_api_key(token)
        if found is None:
            return None
        request.user = found.user
        request.api_token = found
        return found.user


personal_token = PersonalToken()


class FamilyRecordsToken(PersonalToken):
    """A personal token that was made to read family records; any other working token is refused with 403."""

    def authenticate(self, request, token):
        user = super().authenticate(request, token)
        if user is not None and not request.api_token.reads_family_records:
            raise HttpError(403, FAMILY_SCOPE_MISSING)
        return user


FAMILY_SCOPE_MISSING = "This token may not read family records. Make a token that may, on your API tokens page."
family_records_token = FamilyRecordsToken()


class RateLimit(BaseThrottle):
    """Every operation's rate limit: per person with a working token, per address without one.

    A request without a working token to an operation that needs one was counted already, by
    `PersonalToken`, and never reaches here. Over the limit, ninja raises its Throttled, which the
    API answers with 429 and Retry-After from what this left in `request.goldenthread_limited`.
    """

    def allow_request(self, request):
        person = getattr(request, "auth", None)
        limit = ratelimits.API_PER_PERSON if getattr(person, "pk", None) else ratelimits.API_PER_CLIENT
        request.goldenthread_limited = ratelimits.over_limit(request, limit)
        return request.goldenthread_limited is None


rate_limit = RateLimit()

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


class Error(Schema):
    """Every refusal the API answers (401, 403, 404 and the rest): one sentence a person can act on."""

    detail: str
