"""Write the partnership's published language rules to a lexicon file, for `goldenthread check --lexicon FILE` and `goldenthread scan --lexicon FILE`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from goldenthread.language_rules import lexicon


class Command(BaseCommand):
    help = "Write the partnership's published language rules (and the rules it has switched off) to PATH as a lexicon file."

    def add_arguments(self, parser):
        parser.add_argument("path", help="where to write the file, for example partnership-language-rules.toml")

    def handle(self, *args, path, **options):
        target = Path(path)
        if target.is_dir():
            raise CommandError(f"{target} is a folder: give the name of the file to write.")
        try:
            target.write_text(lexicon.download_text(), encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Could not write {target}: {error.strerror or error}.") from error
        self.stdout.write(self.style.SUCCESS(f"Wrote the partnership's language rules to {target}. Use it with: goldenthread check --lexicon {target}"))
