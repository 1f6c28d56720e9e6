"""Each resources field's rule and message, written once: the forms build their fields from these and the services check them again.

The files the library takes are written here too: which kinds, how large, and what to say
when a file is not one of them. `uploads.py` does the checking with these words.
"""

from goldenthread.core.rules import TextRule

TITLE = TextRule("Title", 150, "Enter a title for the resource", hint="What people will look for, for example ‘Writing with families: a short guide’")
SUMMARY = TextRule("What it is and who it helps", 2000, "Say in a sentence or two what the resource is and who it helps", rows=5)
NOTE = TextRule(
    "What changed in this version",
    500,
    "Say in a few words what changed in this version",
    rows=3,
    hint="For example, ‘Updated the contacts on page 2’. People read this in the version history.",
)
FIRST_NOTE = TextRule("A note on this version", 500, rows=3, hint="Optional. For example, ‘Agreed by the partnership board in March’.")
LINK = TextRule("Web address", 500, hint="It must start with https://")
WITHDRAW_REASON = TextRule("Why it is withdrawn", 500, rows=3, hint="Optional. People who open it later read this, for example ‘Replaced by the 2026 guide’.")

# Files ------------------------------------------------------------------------------------

MAX_FILE_BYTES = 25 * 1024 * 1024  # the one limit on a file's size: the form, the service and the words below all use it
MAX_FILE_MB = MAX_FILE_BYTES // (1024 * 1024)
# The words kept for search and checked by the shared-language engine: a long guide is cut here.
MAX_TEXT_CHARACTERS = 200_000
# A finding's words and advice kept for the resource page: the first few, and the count of all.
FINDINGS_KEPT = 5

# Extension -> (content type it is served with, what people call it).
FILE_TYPES = {
    ".pdf": ("application/pdf", "PDF"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document"),
    ".odt": ("application/vnd.oasis.opendocument.text", "OpenDocument text"),
    ".txt": ("text/plain; charset=utf-8", "text file"),
    ".md": ("text/markdown; charset=utf-8", "Markdown text file"),
    ".html": ("text/html; charset=utf-8", "web page (HTML)"),
    ".htm": ("text/html; charset=utf-8", "web page (HTML)"),
    ".mp3": ("audio/mpeg", "audio recording (MP3)"),
    ".mp4": ("video/mp4", "video recording (MP4)"),
}
RECORDINGS = (".mp3", ".mp4")
FILE_TYPE_WORDS = "PDF, Word (.docx), OpenDocument (.odt), text (.txt or .md), a web page (.html), or a recording (.mp3 or .mp4)"
ACCEPT = ",".join(FILE_TYPES)

CHOOSE_AGAIN = "Choose the file again before you send the form: a page that comes back with a problem cannot keep a chosen file"
FILE_OR_LINK = "Choose a file to upload, or enter a web address, for this resource"
NOT_BOTH = "Choose a file or enter a web address, not both: a version is one or the other"
FILE_EMPTY = "The file you chose is empty. Choose the file again, or save it again from the program you made it in and upload that"
FILE_TOO_BIG = f"The file must be {MAX_FILE_MB} MB or smaller. Make it smaller (for example, save a PDF ‘for the web’ or share a long recording as a link) and upload it again"
WRONG_TYPE = f"The library takes {FILE_TYPE_WORDS}. Save the file as one of these and upload it again"
DISGUISED = "The file’s name says it is a {kind}, but what is inside is not. Open it, save it again as a {kind}, and upload that"
UNREADABLE = "We could not open this {kind}: it may be damaged. Open it on your computer, save it again as a new file, and upload that"
PASSWORD_PROTECTED = "This PDF is protected with a password, so nobody could open it from the library. Save a copy without the password and upload that"  # noqa: S105 (a message about password-protected files, not a password)
LINK_PROBLEM = "Enter a web address that starts with https://, for example https://www.partnership.example/guide"

NOT_FOR_YOU = (
    "The resources library is for the people who work in the partnership's organisations. If you think it should include you, ask your organisation lead."
)

# Choices and tags ---------------------------------------------------------------------------

CHOOSE_KIND = "Choose what kind of resource it is"
NOT_A_TAG = "Choose from the options shown"
NOT_YOUR_ORGANISATION = "Choose an organisation you work in, or the partnership as a whole"
WITHDRAWN = "This resource is withdrawn, so it cannot be changed. Ask the partnership team if it should come back"

# Searching ----------------------------------------------------------------------------------

MAX_SEARCH_LENGTH = 200
