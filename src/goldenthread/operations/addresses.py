"""The addresses monitoring calls over plain HTTP from inside the network, as patterns for SECURE_REDIRECT_EXEMPT.

Production redirects every other request to HTTPS. Kept here, beside urls.py, so the two agree
(operations/tests/test_health.py checks they do); imports nothing, so settings may import it.
"""

PLAIN_HTTP_ADDRESSES = [r"^health/(live|ready)/$", r"^metrics$"]
