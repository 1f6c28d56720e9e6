"""Bring your own learning system: people, courses and completed courses in and out as CSV files.

Many councils and NHS trusts keep training in a learning system of their own (Totara, Moodle,
an HR system). This lets a trainer or a partnership lead bring those records in, and take ours
out, as CSV files a spreadsheet opens.

- `files.py` reads an uploaded file safely: its size, its encoding (UTF-8, with or without
  the byte-order mark Excel writes; "CSV UTF-8" in Excel's Save As), whether it is a CSV at all,
  its column names, and each row with the line it starts on.
- `formats.py` checks every row of people, courses or completed courses against Golden Thread,
  and says for each rejected row its line, the column, what is wrong and what to do.
- `services.py` does the import: only when every row passes, and then all of it in one
  transaction, checked again inside it. Nothing is ever half imported.
- `exports.py` writes the same three files, every cell safe to open in a spreadsheet.

The choices, and why:

- **Import only when no row is rejected, then all in one transaction.** A file from another
  system is fixed in that system or the spreadsheet and uploaded again; a partial import would
  leave people unsure which rows are in. Rows already on Golden Thread are recognised and left
  as they are, so uploading the same file again is safe and adds nothing twice.
- **Nobody gets a sign-in from a file without the partnership's say.** People are matched to
  accounts by e-mail address (spelled as sign-in spells it). A completed course for an
  address nobody here has is rejected, never a new account. Only a partnership lead may import
  a people file; each person new to Golden Thread is added to their organisation as a
  practitioner, through the partnership's own service, which e-mails them an invitation to
  choose a password; the check page names every person who will be invited before anyone is.
  A role in the file is never read (a role gives more than a practitioner's access, and is
  given on the organisation's page), and an import never changes anyone already here: not
  their name, their organisation or their role.
- **What an import adds is marked.** A completed course imported is marked with its import, so
  the register here never takes it back, no three-month follow-up e-mails anyone about it, and
  the reach figures count it as trained.
- **A cell that a spreadsheet would run as a formula** (`=HYPERLINK(...)`, `+`, `-`, `@`) is
  refused where it would become new text here, and every cell of every export is written with
  `core.spreadsheets.safe_cell`, so such text shows as text and never runs.
"""
