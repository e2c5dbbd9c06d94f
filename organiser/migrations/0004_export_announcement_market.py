import django.db.models.deletion
from django.db import migrations, models


def market_fill(apps, schema_editor):
    """Exports and announcements made before they named their market get the one they were made for.

    The console only ever showed the current market, so that is the one; without a current market, the latest.
    An announcement to one pavilion's teams names its market through the pavilion, which is exact.
    """
    Market = apps.get_model("filmart", "Market")
    Export = apps.get_model("organiser", "Export")
    Announcement = apps.get_model("organiser", "Announcement")
    for announcement in Announcement.objects.filter(market=None, pavilion__isnull=False).select_related("pavilion"):
        Announcement.objects.filter(pk=announcement.pk).update(market_id=announcement.pavilion.market_id)
    market = Market.objects.filter(is_current=True).first() or Market.objects.order_by("-starts_on", "-pk").first()
    if market is not None:
        Export.objects.filter(market=None).update(market=market)
        Announcement.objects.filter(market=None).update(market=market)
    elif Export.objects.exists() or Announcement.objects.exists():
        # Only possible once every market has been deleted: nothing can say which market these rows were for.
        raise RuntimeError(
            "Exports or announcements exist but no market does, so none can be given a market. Create the market "
            "they were made for in the admin (or delete them), then migrate again."
        )


class Migration(migrations.Migration):
    # Not null comes in the next migration: PostgreSQL refuses to alter a table whose rows this one's updates
    # left foreign-key checks pending on.

    dependencies = [
        ("filmart", "0008_text_bounds_and_single_line_names"),
        ("organiser", "0003_private_exports"),
    ]

    operations = [
        migrations.AddField(
            model_name="export",
            name="market",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="filmart.market",
                verbose_name="market",
            ),
        ),
        migrations.AddField(
            model_name="announcement",
            name="market",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="filmart.market",
                verbose_name="market",
            ),
        ),
        migrations.RunPython(market_fill, migrations.RunPython.noop),
    ]
