"""The "Waiting for you" list on a person's home page, as a test reads it."""

from html import unescape

from django.test import Client

START = 'id="waiting-for-you"'
END = "</section>"


def waiting_on_home_page(user) -> str:
    """The person's "Waiting for you" section, signed in as them, with the HTML entities turned back into text."""
    client = Client()
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    start = page.index(START)
    return unescape(page[start : page.index(END, start)])


def nothing_waits_for(user) -> bool:
    return "Nothing is waiting for you at the moment." in waiting_on_home_page(user)
