from django.db import migrations

from goldenthread.core.append_only import refuse_changes_in_postgresql

MESSAGE = "A language rule's history is append-only"


class Migration(migrations.Migration):
    dependencies = [("language_rules", "0001_initial")]

    operations = [
        refuse_changes_in_postgresql(f"language_rules_{table}", f"goldenthread_language_rules_{table}_is_append_only", MESSAGE)
        for table in ("ruleversion", "rulereview", "rulepublication", "ruleswitch")
    ]
