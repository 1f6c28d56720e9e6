"""`manage.py backup <folder>`: the database and the uploaded files, consistent with each other, in one new folder."""

from django.core.management.base import BaseCommand, CommandError

from goldenthread.operations.backups import BackupRefused, make_backup


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded files (MEDIA_ROOT) into FOLDER, a new folder, with a manifest of "
        "checksums and row counts. Restore it with 'manage.py restore FOLDER' into an empty installation."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A folder that does not exist yet (or is empty), for example /var/backups/goldenthread/2026-12-04")
        parser.add_argument("--database", default="default", help="The database to back up (default: 'default')")

    def handle(self, *args, folder, database, **options):
        self.stdout.write(f"Backing up the database and the uploaded files into {folder} ...")
        try:
            made = make_backup(folder, using=database)
        except BackupRefused as refused:
            raise CommandError(f"{refused}\nNo backup was written.") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup complete: {made.folder}\n"
                f"  {made.manifest['database']['vendor']} database, {len(made.manifest['tables'])} tables, {made.rows} rows\n"
                f"  {made.media_files} uploaded file{'' if made.media_files == 1 else 's'}\n"
                "It holds every family's record: keep it somewhere only the people who run the platform can read, "
                "and copy it off this machine."
            )
        )
