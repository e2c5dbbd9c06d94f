"""Meeting tables now belong to the market app (`filmart` label, markets package): open hours point there. State
only, the table and its rows stay; its content type follows, so permissions granted on it still hold."""

import django.db.models.deletion
from django.db import migrations, models


def content_type_follows(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    if not content_types.objects.filter(app_label="filmart", model="meetingtable").exists():
        content_types.objects.filter(app_label="meetings", model="meetingtable").update(app_label="filmart")


def content_type_back(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    content_types.objects.filter(app_label="filmart", model="meetingtable").update(app_label="meetings")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("filmart", "0009_meeting_tables_join_the_market"),
        ("meetings", "0007_buyer_takes_part"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="availability",
                    name="table",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="availability",
                        to="filmart.meetingtable",
                        verbose_name="meeting table",
                    ),
                ),
                migrations.DeleteModel(name="MeetingTable"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_follows, content_type_back),
    ]
