"""Make the family access log append-only in the database itself (PostgreSQL), not only in the code.

Row triggers refuse UPDATE and DELETE; they do not fire on TRUNCATE, so a test database can
still be emptied between tests. Erasing a family under the retention rules deletes the family,
never its access log lines (they keep the reference; the foreign key holds no constraint).
"""

from django.db import migrations

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION goldenthread_access_log_is_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'The family access log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER families_accesslogentry_append_only
  BEFORE UPDATE OR DELETE ON families_accesslogentry
  FOR EACH ROW EXECUTE FUNCTION goldenthread_access_log_is_append_only();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS families_accesslogentry_append_only ON families_accesslogentry;
DROP FUNCTION IF EXISTS goldenthread_access_log_is_append_only();
"""


def forwards(apps, schema_editor):
    # SQLite is for the demo and first runs; there the model and queryset guards apply.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_UP)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN)


class Migration(migrations.Migration):
    dependencies = [("families", "0003_alter_accesslogentry_basis")]
    operations = [migrations.RunPython(forwards, backwards)]
