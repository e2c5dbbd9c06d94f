"""Meeting tables belong to the market: the model moves here from meetings. Its table keeps its name and rows;
only Django's idea of which app owns it changes (state only: the database is not touched)."""

import django.db.models.deletion
from django.db import migrations, models

import web.validators


class Migration(migrations.Migration):
    dependencies = [
        ("filmart", "0008_text_bounds_and_single_line_names"),
        ("meetings", "0007_buyer_takes_part"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="MeetingTable",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("code", models.CharField(help_text="As signed at the table, e.g. BL-12.", max_length=20, verbose_name="code")),
                        ("name", models.CharField(help_text="As people will read it, e.g. Business Lounge table 12.", max_length=120, validators=[web.validators.validate_single_line], verbose_name="name")),
                        ("seats", models.PositiveSmallIntegerField(default=4, verbose_name="seats")),
                        ("is_active", models.BooleanField(default=True, help_text="Untick to stop reps choosing it.", verbose_name="in use")),
                        ("hall", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="meeting_tables", to="filmart.hall", verbose_name="hall")),
                        ("market", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="meeting_tables", to="filmart.market", verbose_name="market")),
                    ],
                    options={
                        "verbose_name": "meeting table",
                        "verbose_name_plural": "meeting tables",
                        "db_table": "meetings_meetingtable",
                        "ordering": ["market", "code"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("market", "code"),
                                name="meeting_table_code_unique_per_market",
                                violation_error_message="The market already has a table with this code.",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
