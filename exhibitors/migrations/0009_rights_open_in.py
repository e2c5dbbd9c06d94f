from django.db import migrations

# "Rights open in territory T", the one statement of the rule: a row lists T, or says "worldwide except" and
# does not list T. Catalogue filters and counts (exhibitors.selectors.RightsOpenIn and its SQL) and matching's
# reasons (matchmaking.selectors) all call it. A single SQL expression, IMMUTABLE and not STRICT, so PostgreSQL
# inlines it into the calling query: plans are the same as with the expression written out.
RIGHTS_OPEN_IN_SQL = """
CREATE FUNCTION rights_open_in(worldwide_except boolean, territories varchar[], territory varchar) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (NOT worldwide_except AND territories @> ARRAY[territory])
    OR (worldwide_except AND NOT territories @> ARRAY[territory]);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("exhibitors", "0008_invitation_expiry_and_withdrawal"),
    ]

    operations = [
        migrations.RunSQL(RIGHTS_OPEN_IN_SQL, "DROP FUNCTION rights_open_in(boolean, varchar[], varchar);"),
    ]
