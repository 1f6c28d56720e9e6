"""Replay issue 9's three attacks against a running demo, as an outsider with only a password would.

    make demo                      # in one terminal
    .venv/bin/python scripts/replay_password_only_attacks.py EMAIL [--site http://127.0.0.1:8000]

EMAIL is a demo person who works with families (the demo prints them); the password is the
demo's. Prints each attack and whether it was refused; exits 1 if any got through. It uses
only the standard library, so it can be pointed at any copy of the site. It locks EMAIL out
for 15 minutes on the way (the third attack), so use a person you will not need.
"""

import argparse
import http.cookiejar
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

DEMO_PASSWORD = "riverbend-demo-2026"  # noqa: S105 (the demo's published, fictional password)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A cookie-keeping client that does not follow redirects, so each answer is seen as sent."""

    def __init__(self, site):
        self.site = site.rstrip("/")
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect)

    def request(self, path, data=None, headers=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.site + path, data=body, headers={"Referer": self.site + path, **(headers or {})})  # noqa: S310 (the address is built here, always http(s) to the local demo)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as answer:
            return answer.code, dict(answer.headers), answer.read().decode("utf-8", "replace")

    def csrf(self, path):
        _, _, page = self.request(path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        return match.group(1) if match else ""

    def sign_in(self, email, password):
        token = self.csrf("/sign-in/")
        return self.request("/sign-in/", {"csrfmiddlewaretoken": token, "username": email, "password": password})


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("email")
    parser.add_argument("--site", default="http://127.0.0.1:8000")
    parser.add_argument("--password", default=DEMO_PASSWORD)
    options = parser.parse_args(argv)
    results = []

    attacker = Browser(options.site)
    status, headers, _ = attacker.sign_in(options.email, options.password)
    if status != 302:
        print(f"Could not sign in as {options.email} with the password (answer {status}); check the address.")
        return 2

    # 1. A password alone mints an API token.
    status, headers, _ = attacker.request("/account/tokens/")
    page_refused = status == 302 and "/two-step/" in headers.get("Location", "")
    token = attacker.csrf("/sign-in/")
    status, headers, page = attacker.request("/account/tokens/", {"csrfmiddlewaretoken": token, "name": "x", "scope": "families", "days": "90"})
    minted = "gt_" in page and 'id="new-token"' in page
    results.append(("1. a password alone makes an API token", page_refused and not minted))

    # 2. A password alone replaces the authenticator.
    status, headers, page = attacker.request("/account/two-step/")
    secret_shown = "gt-secret" in page
    token = attacker.csrf("/sign-in/")
    status, headers, _ = attacker.request("/account/two-step/", {"csrfmiddlewaretoken": token, "code": "123456"})
    replaced = status == 302 and "recovery-codes" in headers.get("Location", "")
    results.append(("2. a password alone sees a new secret or replaces the authenticator", not secret_shown and not replaced))

    # 3. The lockout bypassed by letter case.
    guesser = Browser(options.site)
    spellings = [options.email.lower(), options.email.upper(), f"  {options.email}  ", options.email.title(), options.email.lower()]
    for spelling in spellings:
        guesser.sign_in(spelling, "not-the-password")
    status, _, page = Browser(options.site).sign_in(options.email.upper(), options.password)
    results.append(("3. another spelling of the address escapes the lockout", status != 302 and "paused" in page))

    for what, refused in results:
        print(f"{'refused' if refused else 'GOT THROUGH'}: {what}")
    return 0 if all(refused for _, refused in results) else 1


if __name__ == "__main__":
    sys.exit(main())
