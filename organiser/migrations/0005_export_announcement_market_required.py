import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("organiser", "0004_export_announcement_market"),
    ]

    operations = [
        migrations.AlterField(
            model_name="export",
            name="market",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="filmart.market", verbose_name="market"
            ),
        ),
        migrations.AlterField(
            model_name="announcement",
            name="market",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="filmart.market", verbose_name="market"
            ),
        ),
    ]
