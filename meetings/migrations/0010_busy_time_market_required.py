"""Every busy time has its market now (0009): the column becomes required. Busy times with no market to join
(a database with busy times and no market at all) are removed: they belonged to no market's days."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meetings", "0009_busy_time_market")]

    operations = [
        migrations.RunSQL("DELETE FROM meetings_busytime WHERE market_id IS NULL", migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="busytime",
            name="market",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="filmart.market",
                verbose_name="market",
            ),
        ),
    ]
