from importlib import import_module

from django.db import migrations

# The counters' functions of 0006, returning at once when the statement changed no row: every booking runs an
# UPDATE that declines the requests it overtook, and most overtake none.
tallies = import_module("organiser.migrations.0006_console_tallies")
BODY_START = "RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"


def functions(*, skip_empty: bool) -> str:
    sql = []
    for op, source in tallies.SOURCES.items():
        created = tallies.MEETINGS_FUNCTION.format(
            op=op, OP=op.upper(), referencing=tallies.REFERENCING[op], local=tallies.LOCAL.format(source=source)
        )
        function = created[: created.index("CREATE TRIGGER")].replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION")
        if skip_empty:
            changed = "old_rows" if op == "delete" else "new_rows"
            guard = f"    IF NOT EXISTS (SELECT 1 FROM {changed}) THEN\n        RETURN NULL;\n    END IF;\n"
            function = function.replace(BODY_START, BODY_START + guard)
        sql.append(function)
    return "".join(sql)


class Migration(migrations.Migration):
    dependencies = [("organiser", "0006_console_tallies")]

    operations = [migrations.RunSQL(functions(skip_empty=True), functions(skip_empty=False))]
