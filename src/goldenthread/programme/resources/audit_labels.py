"""How the audit log names the resources part's records (gathered by ../audit_labels.py): by title and version, never by a file's words."""

from goldenthread.core.audit_labels import PUBLIC_ID
from goldenthread.core.registry import AuditLabel

from .models import Resource, ResourceVersion

LABELS = {
    Resource: AuditLabel(
        kind="resource in the library",
        describe=lambda resource: f"‘{resource.title}’",
        fields={
            "public_id": PUBLIC_ID,
            "title": "title",
            "summary": "what it is and who it helps",
            "kind": "kind of resource",
            "principles": "principles it serves",
            "sectors": "sectors it is for",
            "domains": "continuum areas it helps with",
            "roles": "roles it helps",
            "tag_words": "its tags in words",
            "organisation": "where it comes from",
            "added_by": "who added it",
            "added_at": "when it was added",
            "changed_at": "when it last changed",
            "is_withdrawn": "whether it is withdrawn",
            "withdrawn_at": "when it was withdrawn",
            "withdrawn_reason": "why it was withdrawn",
        },
    ),
    ResourceVersion: AuditLabel(
        kind="version of a resource",
        describe=lambda version: f"‘{version.resource.title}’, version {version.number}",
        fields={
            "resource": "resource",
            "number": "version",
            "file": "file",
            "file_name": "the file's name as uploaded",
            "link": "web address",
            "note": "what changed",
            "uploaded_by": "who added it",
            "uploaded_at": "when it was added",
            "text": "its words, kept for search",
            "size": "size",
            "content_type": "kind of file",
            "language_findings": "what the shared-language check found",
        },
    ),
}
