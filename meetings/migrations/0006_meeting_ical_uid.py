from django.db import migrations, models

import meetings.models

# Calendars already hold these meetings under the old UID: a meeting keeps its identity for life.
KEEP_THE_UIDS_ALREADY_SENT = "UPDATE meetings_meeting SET ical_uid = 'meeting-' || id || '@filmart'"


class Migration(migrations.Migration):
    dependencies = [("meetings", "0005_text_bounds_and_single_line_names")]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="ical_uid",
            field=models.CharField(editable=False, max_length=255, null=True, verbose_name="calendar UID"),
        ),
        migrations.RunSQL(KEEP_THE_UIDS_ALREADY_SENT, migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="meeting",
            name="ical_uid",
            field=models.CharField(
                default=meetings.models.new_ical_uid,
                editable=False,
                max_length=255,
                unique=True,
                verbose_name="calendar UID",
            ),
        ),
    ]
