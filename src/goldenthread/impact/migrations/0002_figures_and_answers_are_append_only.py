from django.db import migrations

from goldenthread.core.append_only import refuse_changes_in_postgresql

MESSAGE = "Figures entered, families' answers and audit grades are append-only"


class Migration(migrations.Migration):
    dependencies = [("impact", "0001_initial")]

    operations = [
        refuse_changes_in_postgresql(f"impact_{table}", f"goldenthread_impact_{table}_is_append_only", MESSAGE)
        for table in ("indicatorvalue", "feedbackanswer", "auditgrade")
    ]
