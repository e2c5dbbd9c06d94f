from importlib import import_module

from django.db import migrations, models

# A meeting makes its buyer take part in its market when the buyer asked for it or agreed to it (the rule of
# meetings.selectors.buyers_of_market). Each statement that changes meetings adds, per (buyer, market), how
# many such meetings it made (+1 as rows are now, -1 as they were), in one upsert ordered by key so that two
# statements lock shared rows in the same order.
QUALIFIES = "(initiated_by = 'buyer' OR status IN ('accepted', 'cancelled'))"
ROWS = "SELECT buyer_id, market_id, {sign} AS sign FROM {table} WHERE " + QUALIFIES
SOURCES = {
    "insert": ROWS.format(sign=1, table="new_rows"),
    "delete": ROWS.format(sign=-1, table="old_rows"),
    "update": ROWS.format(sign=-1, table="old_rows") + " UNION ALL " + ROWS.format(sign=1, table="new_rows"),
}
REFERENCING = {
    "insert": "NEW TABLE AS new_rows",
    "delete": "OLD TABLE AS old_rows",
    "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
}
FUNCTION = """
CREATE FUNCTION meetings_participation_{op}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM {changed}) THEN
        RETURN NULL;  -- a statement that changed no row (a booking declining no request) costs nothing more
    END IF;
    INSERT INTO meetings_participation (buyer_id, market_id, meetings)
    SELECT buyer_id, market_id, sum(sign) FROM ({source}) c
    GROUP BY 1, 2 HAVING sum(sign) <> 0 ORDER BY 1, 2
    ON CONFLICT (buyer_id, market_id) DO UPDATE SET meetings = meetings_participation.meetings + EXCLUDED.meetings;
    RETURN NULL;
END $$;
CREATE TRIGGER meetings_participation_{op} AFTER {OP} ON meetings_meeting
    REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION meetings_participation_{op}();
"""
CREATE_SQL = "".join(
    FUNCTION.format(
        op=op, OP=op.upper(), referencing=REFERENCING[op], source=source,
        changed="old_rows" if op == "delete" else "new_rows",
    )  # fmt: skip
    for op, source in SOURCES.items()
)
DROP_SQL = "".join(
    f"DROP TRIGGER meetings_participation_{op} ON meetings_meeting; DROP FUNCTION meetings_participation_{op}();"
    for op in SOURCES
)
BACKFILL_SQL = f"""
INSERT INTO meetings_participation (buyer_id, market_id, meetings)
SELECT buyer_id, market_id, count(*) FROM meetings_meeting WHERE {QUALIFIES} GROUP BY 1, 2;
"""

# The rule of migration 0007, read from the counts instead of the meetings.
TAKES_PART_SQL = """
CREATE OR REPLACE FUNCTION buyer_takes_part(buyer_user_id bigint, market bigint, market_is_current boolean)
RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1 FROM meetings_participation p WHERE p.buyer_id = $1 AND p.market_id = $2 AND p.meetings > 0
    ) OR ($3 AND NOT EXISTS (
        SELECT 1 FROM meetings_participation p WHERE p.buyer_id = $1 AND p.meetings > 0
    ))
$$;
"""
# Undone: the rule as migration 0007 wrote it, reading the meetings.
TAKES_PART_FROM_MEETINGS_SQL = import_module("meetings.migrations.0007_buyer_takes_part").CREATE_SQL.replace(
    "CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"
)


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0010_busy_time_market_required'),
    ]

    operations = [
        migrations.CreateModel(
            name='Participation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('buyer_id', models.BigIntegerField()),
                ('market_id', models.BigIntegerField()),
                ('meetings', models.IntegerField()),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('buyer_id', 'market_id'), name='participation_buyer_market')],
            },
        ),
        migrations.RunSQL(CREATE_SQL, DROP_SQL),
        migrations.RunSQL(BACKFILL_SQL, migrations.RunSQL.noop),
        migrations.RunSQL(TAKES_PART_SQL, TAKES_PART_FROM_MEETINGS_SQL),
    ]
