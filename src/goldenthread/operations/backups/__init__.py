"""Backups and restores: one folder holding the database and the uploaded files, consistent with each other.

`manage.py backup <folder>` writes the folder (`backup.make_backup`); `manage.py restore <folder>`
restores it into an empty installation (`restore.restore_backup`). What a folder holds, and why
the files and the database agree, is told in `backup.py`; what a restore checks, in `restore.py`.

A backup holds no secrets from the environment: DJANGO_SECRET_KEY and GOLDENTHREAD_WELLBEING_KEYS
(without which the encrypted wellbeing check-ins cannot be read) are kept in the secret store,
apart from the backups, and the restored installation needs the same ones.
"""

from .backup import make_backup
from .manifest import BackupRefused
from .restore import restore_backup

__all__ = ["BackupRefused", "make_backup", "restore_backup"]
