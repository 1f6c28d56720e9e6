"""Make the audit log append-only in the database itself (PostgreSQL), not only in the code."""

from django.db import migrations

from goldenthread.core.append_only import refuse_changes_in_postgresql


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [refuse_changes_in_postgresql("core_auditevent", "goldenthread_audit_is_append_only", "The audit log is append-only")]
