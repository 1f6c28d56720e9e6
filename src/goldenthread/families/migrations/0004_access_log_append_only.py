"""Make the family access log append-only in the database itself (PostgreSQL), not only in the code.

Erasing a family under the retention rules deletes the family, never its access log lines
(they keep the reference; the foreign key holds no constraint).
"""

from django.db import migrations

from goldenthread.core.append_only import refuse_changes_in_postgresql


class Migration(migrations.Migration):
    dependencies = [("families", "0003_alter_accesslogentry_basis")]
    operations = [refuse_changes_in_postgresql("families_accesslogentry", "goldenthread_access_log_is_append_only", "The family access log is append-only")]
