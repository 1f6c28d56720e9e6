"""Family record pages. Each view parses, asks `access` or `services`, and renders.

Every view is wrapped in `family_page`: signed in, two-step verified, the current terms
accepted, and `Cache-Control: no-store` so no family page stays in a browser's cache.
Which parts a person may see, and every log line, come from `access` and `services`.
"""

from .chronology import add_chronology
from .closing import close_record, reopen_record
from .consent import consents, record_consent, withdraw_consent
from .details import edit_details
from .emergency_access import emergency, review, reviews
from .exports import access_account, access_account_pdf, export_json, export_pdf
from .finding import ask_to_join, new_family, search, your_families
from .people import add_person, edit_person, edit_profile, profile
from .record import overview
from .retention_rule import retention
from .story import add_story, edit_story
from .team import decide_join_request, leave_team, make_lead

__all__ = [
    "access_account",
    "access_account_pdf",
    "add_chronology",
    "add_person",
    "add_story",
    "ask_to_join",
    "close_record",
    "consents",
    "decide_join_request",
    "edit_details",
    "edit_person",
    "edit_profile",
    "edit_story",
    "emergency",
    "export_json",
    "export_pdf",
    "leave_team",
    "make_lead",
    "new_family",
    "overview",
    "profile",
    "record_consent",
    "reopen_record",
    "retention",
    "review",
    "reviews",
    "search",
    "withdraw_consent",
    "your_families",
]
