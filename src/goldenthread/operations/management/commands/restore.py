"""`manage.py restore <folder>`: a backup made by `manage.py backup`, into an empty installation."""

from django.core.management.base import BaseCommand, CommandError

from goldenthread.operations.backups import BackupRefused, restore_backup
from goldenthread.operations.backups.restore import RestoreIncomplete


class Command(BaseCommand):
    help = (
        "Restore a backup folder written by 'manage.py backup' into an empty installation: a new database with no tables "
        "(do not run 'migrate' first) and an empty media folder. The backup's checksums are checked first; "
        "nothing is changed if anything is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The backup folder, holding manifest.json")
        parser.add_argument("--database", default="default", help="The database to restore into (default: 'default')")

    def handle(self, *args, folder, database, **options):
        self.stdout.write(f"Checking the backup in {folder} ...")
        try:
            restored = restore_backup(folder, using=database)
        except BackupRefused as refused:
            raise CommandError(f"{refused}") from None
        except RestoreIncomplete as incomplete:
            raise CommandError(str(incomplete)) from None
        manifest = restored.manifest
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup made at {manifest['made_at']}:\n"
                f"  {len(manifest['tables'])} tables, {restored.rows} rows, each table's count as in the backup\n"
                f"  {restored.media_files} uploaded file{'' if restored.media_files == 1 else 's'}, each as in the backup"
            )
        )
        if restored.migrations_to_apply:
            self.stdout.write(
                f"This version of Golden Thread has {len(restored.migrations_to_apply)} migrations newer than the backup. Run 'manage.py migrate' next."
            )
        self.stdout.write(
            "Then start the platform with the same DJANGO_SECRET_KEY and GOLDENTHREAD_WELLBEING_KEYS as the installation "
            "that was backed up (the wellbeing check-ins cannot be read without them), and sign in to check it."
        )
