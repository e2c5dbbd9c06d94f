"""Triggers for what a constraint on one row cannot say. Each raises a check violation under a constraint
name that meetings.services turns into a message for the person acting."""

from django.db import migrations

GUARDS_SQL = """
CREATE FUNCTION meetings_availability_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    market filmart_market%ROWTYPE;
    local_start timestamp;
    local_end timestamp;
BEGIN
    SELECT * INTO market FROM filmart_market WHERE id = NEW.market_id;
    local_start := lower(NEW.during) AT TIME ZONE market.time_zone;
    local_end := upper(NEW.during) AT TIME ZONE market.time_zone;
    IF local_start::date < market.starts_on OR local_start::date > market.ends_on
       OR local_end::date <> local_start::date
       OR local_start::time < market.meeting_day_start OR local_end::time > market.meeting_day_end THEN
        RAISE EXCEPTION 'open hours outside the market''s meeting hours'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'availability_inside_market_hours';
    END IF;
    IF TG_OP = 'UPDATE' AND EXISTS (
        SELECT 1 FROM meetings_meeting m
        WHERE m.availability_id = NEW.id AND m.status IN ('pending', 'accepted')
          AND NOT (NEW.during @> m.during AND NEW.rep_id = m.rep_id)
    ) THEN
        RAISE EXCEPTION 'open hours would lose their meetings'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'availability_keeps_its_meetings';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER availability_guard BEFORE INSERT OR UPDATE ON meetings_availability
    FOR EACH ROW EXECUTE FUNCTION meetings_availability_guard();

CREATE FUNCTION meetings_meeting_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IN ('pending', 'accepted') AND (
        TG_OP = 'INSERT' OR NEW.during IS DISTINCT FROM OLD.during OR NEW.status IS DISTINCT FROM OLD.status
        OR NEW.availability_id IS DISTINCT FROM OLD.availability_id
    ) THEN
        IF lower(NEW.during) <= now() THEN
            RAISE EXCEPTION 'meeting in the past'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'meeting_not_in_past';
        END IF;
        IF NOT EXISTS (
            SELECT 1 FROM meetings_availability a
            WHERE a.id = NEW.availability_id AND a.rep_id = NEW.rep_id AND a.during @> NEW.during
        ) THEN
            RAISE EXCEPTION 'meeting outside the rep''s open hours'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'meeting_inside_availability';
        END IF;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER meeting_guard BEFORE INSERT OR UPDATE ON meetings_meeting
    FOR EACH ROW EXECUTE FUNCTION meetings_meeting_guard();
"""

DROP_SQL = """
DROP TRIGGER meeting_guard ON meetings_meeting;
DROP FUNCTION meetings_meeting_guard();
DROP TRIGGER availability_guard ON meetings_availability;
DROP FUNCTION meetings_availability_guard();
"""


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunSQL(GUARDS_SQL, DROP_SQL)]
