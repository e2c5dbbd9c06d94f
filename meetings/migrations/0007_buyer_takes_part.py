from django.db import migrations

# Whether a buyer takes part in a market: the one definition, used by meetings.selectors.buyers_of_market and by
# the matching SQL of matchmaking (which may not import meetings). See buyers_of_market for the rule.
CREATE_SQL = """
CREATE FUNCTION buyer_takes_part(buyer_user_id bigint, market bigint, market_is_current boolean)
RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1 FROM meetings_meeting m
        WHERE m.buyer_id = $1 AND m.market_id = $2 AND (m.initiated_by = 'buyer' OR m.status IN ('accepted', 'cancelled'))
    ) OR ($3 AND NOT EXISTS (
        SELECT 1 FROM meetings_meeting m
        WHERE m.buyer_id = $1 AND (m.initiated_by = 'buyer' OR m.status IN ('accepted', 'cancelled'))
    ))
$$;
"""
DROP_SQL = "DROP FUNCTION buyer_takes_part(bigint, bigint, boolean);"


class Migration(migrations.Migration):
    dependencies = [("meetings", "0006_meeting_ical_uid")]

    operations = [migrations.RunSQL(CREATE_SQL, DROP_SQL)]
