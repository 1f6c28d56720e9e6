"""`manage.py requeue_stalled_tasks --older-than 15`: put back in the queue each task whose worker died mid-way."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from goldenthread.operations.tasks_recovery import DEFAULT_MAX_ATTEMPTS, DEFAULT_OLDER_THAN, requeue_stalled


def add_recovery_arguments(parser):
    parser.add_argument(
        "--older-than",
        type=float,
        default=DEFAULT_OLDER_THAN.total_seconds() / 60,
        metavar="MINUTES",
        help="A task still RUNNING this many minutes after it started is taken to have lost its worker (default: %(default)s). Make it longer than any task takes.",
    )
    parser.add_argument(
        "--max-attempts",
        type=int,
        default=DEFAULT_MAX_ATTEMPTS,
        help="A task already started this many times is set FAILED instead of run again (default: %(default)s).",
    )


def recover(command: BaseCommand, older_than: float, max_attempts: int) -> None:
    if older_than < 0 or max_attempts < 1:
        raise CommandError("--older-than must be 0 or more minutes, and --max-attempts 1 or more.")
    done = requeue_stalled(timedelta(minutes=older_than), max_attempts=max_attempts)
    for task_id in done.requeued:
        command.stdout.write(f"Put back in the queue: task {task_id} (its worker stopped before it finished).")
    for task_id in done.gave_up:
        command.stdout.write(f"Set FAILED: task {task_id} (started {max_attempts} times or more; each time its worker stopped).")
    if not done.requeued and not done.gave_up:
        command.stdout.write("No task had lost its worker.")


class Command(BaseCommand):
    help = (
        "Put back in the queue every task still RUNNING more than --older-than minutes after it started: its worker "
        "died (killed, or the machine stopped), and nothing else would run it again. See goldenthread.operations.tasks_recovery."
    )

    def add_arguments(self, parser):
        add_recovery_arguments(parser)

    def handle(self, *args, older_than, max_attempts, **options):
        recover(self, older_than, max_attempts)
