"""Busy times carry their market, like every market-scoped row. Each existing one joins the market whose days it
falls on (else the current market, else the latest)."""

import django.db.models.deletion
from django.db import migrations, models

BACKFILL_SQL = """
UPDATE meetings_busytime b SET market_id = coalesce(
    (SELECT m.id FROM filmart_market m
     WHERE (lower(b.during) AT TIME ZONE m.time_zone)::date BETWEEN m.starts_on AND m.ends_on
     ORDER BY m.starts_on DESC LIMIT 1),
    (SELECT m.id FROM filmart_market m ORDER BY m.is_current DESC, m.starts_on DESC LIMIT 1)
)
WHERE market_id IS NULL
"""


class Migration(migrations.Migration):
    dependencies = [("meetings", "0008_meeting_tables_move_to_the_market")]

    operations = [
        migrations.AddField(
            model_name="busytime",
            name="market",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="filmart.market",
                verbose_name="market",
            ),
        ),
        migrations.RunSQL(BACKFILL_SQL, migrations.RunSQL.noop),
    ]
