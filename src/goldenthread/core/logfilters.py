"""Keep personal data out of application logs."""

import logging


class RedactRequestFilter(logging.Filter):
    """Drop the request object from log records so no handler can print its body or user.

    Django attaches the request to error records; a formatter or handler added later could
    then print form data typed by a practitioner. Paths stay, and they carry opaque ids only.
    """

    def filter(self, record):
        if hasattr(record, "request"):
            record.request = None
        return True
