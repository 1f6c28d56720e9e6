"""Records that are only ever added to: the audit log, a family's access log, and any log like them.

The model refuses save-after-create and delete, its queryset refuses bulk update and delete,
and on PostgreSQL a row trigger refuses UPDATE and DELETE from anywhere, the shell included.
Row triggers do not fire on TRUNCATE, so a test database can still be emptied between tests.
"""

from django.db import migrations, models


class AppendOnlyQuerySet(models.QuerySet):
    """A bulk update or delete is refused, as the model's own save and delete are."""

    def update(self, **kwargs):
        raise PermissionError(self.model.APPEND_ONLY_MESSAGE)

    def delete(self):
        raise PermissionError(self.model.APPEND_ONLY_MESSAGE)


class AppendOnlyModel(models.Model):
    """A row is written once and never changed or deleted."""

    APPEND_ONLY_MESSAGE = "This log is append-only."

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError(self.APPEND_ONLY_MESSAGE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(self.APPEND_ONLY_MESSAGE)


def refuse_changes_in_postgresql(table: str, function: str, message: str) -> migrations.RunPython:
    """A migration step adding a PostgreSQL trigger that refuses UPDATE and DELETE on `table`.

    SQLite is for the demo and first runs; there the model and queryset guards apply.
    """
    quoted = message.replace("'", "''")  # a message may hold an apostrophe ("a rule's history")
    up = f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '{quoted}';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {table}_append_only
  BEFORE UPDATE OR DELETE ON {table}
  FOR EACH ROW EXECUTE FUNCTION {function}();
"""
    down = f"""
DROP TRIGGER IF EXISTS {table}_append_only ON {table};
DROP FUNCTION IF EXISTS {function}();
"""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(up)

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(down)

    return migrations.RunPython(forwards, backwards)
