"""A task for the killed-worker test: its effect, then (on its first attempt only) a long pause in which the worker is killed.

The effect is a line added to `effects` in the given folder, once per key: the task looks
before it acts, as every task must (goldenthread.operations.tasks_recovery). Each attempt also
adds its number to `attempts`, so the test can see the task really ran twice.
"""

import time
from pathlib import Path

from django_tasks import task


@task(takes_context=True)
def write_once_then_pause(context, folder: str, key: str, first_attempt_pause: float) -> bool:
    """Add `key` to the effects unless it is there already; True if it was added now."""
    here = Path(folder)
    with (here / "attempts").open("a") as attempts:
        attempts.write(f"{context.attempt}\n")
    effects = here / "effects"
    done = effects.exists() and key in effects.read_text().split()
    if not done:
        with effects.open("a") as written:
            written.write(f"{key}\n")
    if context.attempt == 1:
        time.sleep(first_attempt_pause)  # killed here: after its effect, before it is marked done
    return not done
