"""An upload cut off mid-way (the connection closed before the whole body came) leaves nothing half-saved.

A real HTTP server (pytest-django's `live_server`) and a raw socket: Jo Park (champion) signs
in, then sends the resource library's add form with a text file, declaring the whole body's
length but sending only part of it before the connection closes. No resource, no version and no
file may be left, and the server answers the next request as usual.
"""

from __future__ import annotations

import socket
import time
import uuid
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from goldenthread.programme.resources.models import Resource, ResourceVersion
from goldenthread.programme.resources.tests.conftest import resource_details

ADD = reverse("programme:resources-add")
# The practice domains are rows a migration writes, gone after an earlier test that emptied the database
# (`live_server` does): the form is sent without one, which the library allows.
FILE_WORDS = b"Ask the family what helps. Say what will happen next, and when you will be back in touch.\n"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def multipart(fields: dict, file_name: str, file_bytes: bytes, content_type: str = "text/plain") -> tuple[str, bytes]:
    """The form as a browser sends it: each field, then the file last; (content type, body)."""
    boundary = f"----goldenthread{uuid.uuid4().hex}"
    parts = []
    for name, value in fields.items():
        for each in value if isinstance(value, list) else [value]:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{each}\r\n'.encode())
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
        + file_bytes
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", b"".join(parts)


def send_and_cut_off(url: str, path: str, cookies: dict, content_type: str, body: bytes, send_bytes: int) -> bytes:
    """POST `body`, declaring its whole length, but send only its first `send_bytes`, then close; what came back, if anything."""
    address = urlsplit(url)
    cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {address.hostname}:{address.port}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
    ).encode()
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        connection.sendall(head + body[:send_bytes])
        time.sleep(0.3)
        connection.shutdown(socket.SHUT_WR)  # the client is gone: nothing more will come
        try:
            return b"".join(iter(lambda: connection.recv(65536), b""))
        except (ConnectionResetError, TimeoutError):
            return b""


def signed_in(client, person, page: str = ADD) -> dict:
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    client.get(page)  # sets the CSRF cookie
    return {name: morsel.value for name, morsel in client.cookies.items()}


def nothing_saved(media_root) -> bool:
    files = [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []
    return not Resource.objects.exists() and not ResourceVersion.objects.exists() and files == []


@pytest.mark.parametrize("cut_in", ["the file", "the fields"])
def test_an_upload_cut_off_mid_way_leaves_nothing_half_saved(live_server, client, champion, media_root, settings, tmp_path, cut_in):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploading")  # a file over 2 MB is written here while it comes in
    (tmp_path / "uploading").mkdir()
    cookies = signed_in(client, champion)
    fields = {**resource_details(domains=[]), "csrfmiddlewaretoken": cookies["csrftoken"]}
    content_type, body = multipart(fields, "guide.txt", FILE_WORDS * 45_000)  # about 4 MB, under the library's 25 MB
    file_starts = body.index(b'filename="guide.txt"')
    send_bytes = file_starts + 3_000_000 if cut_in == "the file" else file_starts // 2

    answer = send_and_cut_off(live_server.url, ADD, cookies, content_type, body, send_bytes)

    # Cut in the file: the file never ended, so the form has none ("Choose a file", 400). Cut in the fields: no CSRF token yet (403).
    assert answer.split(b"\r\n", 1)[0] in (b"HTTP/1.1 400 Bad Request", b"HTTP/1.1 403 Forbidden"), answer[:200]
    time.sleep(0.5)  # let the server's thread finish with the request
    assert nothing_saved(media_root)
    assert list((tmp_path / "uploading").iterdir()) == [], "no part-written upload is left behind"

    # The server still answers, and a whole upload is still taken.
    client.force_login(champion, backend="django.contrib.auth.backends.ModelBackend")
    whole = client.post(ADD, {**resource_details(domains=[]), "file": SimpleUploadedFile("guide.txt", FILE_WORDS, content_type="text/plain")})
    assert whole.status_code == 302, whole.context["form"].errors if whole.context else whole.content[:3000]
    assert ResourceVersion.objects.count() == 1


def test_the_live_server_answers_after_a_connection_closed_mid_upload(live_server, client, champion, media_root):
    cookies = signed_in(client, champion)
    content_type, body = multipart({**resource_details(domains=[]), "csrfmiddlewaretoken": cookies["csrftoken"]}, "guide.txt", FILE_WORDS * 1000)
    send_and_cut_off(live_server.url, ADD, cookies, content_type, body, len(body) // 2)

    with socket.create_connection((urlsplit(live_server.url).hostname, urlsplit(live_server.url).port), timeout=10) as connection:
        connection.sendall(b"GET /health/live/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        answer = connection.recv(65536)

    assert answer.startswith(b"HTTP/1.1 200")


def test_a_learning_system_file_cut_off_mid_way_is_not_kept(live_server, client, trainer):
    """The training's CSV upload: a file that never ended is not checked, kept or imported."""
    from goldenthread.training.models import Completion, LmsImport

    page = reverse("training:lms")
    cookies = signed_in(client, trainer, page)
    rows = "".join(f"person{n}@childrens.example,Person {n},Riverbend Children's Services\n" for n in range(8000))
    csv = ("email,full_name,organisation\n" + rows).encode()
    content_type, body = multipart({"kind": "people", "csrfmiddlewaretoken": cookies["csrftoken"]}, "people.csv", csv, "text/csv")

    answer = send_and_cut_off(live_server.url, page, cookies, content_type, body, len(body) - len(csv) // 2)

    assert answer.startswith(b"HTTP/1.1 400 Bad Request"), answer[:200]  # the form: no file came whole
    assert not LmsImport.objects.exists()
    assert not Completion.objects.exists()
