"""Run in a process of its own, on a scratch database (tests/test_migrations.py).

`pinned`: migrate the project's apps to the schema they had on 2026-11-29 (third-party apps to their latest),
fill it through the historical models of that day, and print every table's rows as JSON. `forward`: migrate
everything to today's latest, and print the rows again. The test compares the two.
"""

import json
import sys
from datetime import UTC, date, datetime

import django

django.setup()

from django.apps import apps as current_apps  # noqa: E402 - after setup
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402

# The project's apps and their last migration on 2026-11-29: the schema a deployment of that day holds.
PINNED = {
    "accounts": "0003_text_bounds_and_single_line_names",
    "exhibitors": "0008_invitation_expiry_and_withdrawal",
    "filmart": "0008_text_bounds_and_single_line_names",
    "matchmaking": "0002_text_bounds_and_single_line_names",
    "meetings": "0006_meeting_ical_uid",
    "notifications": "0002_keys_topics_and_cancelling",
    "organiser": "0003_private_exports",
}
# Bookkeeping tables that name apps and models, not data: they follow the code.
NOT_DATA = {"django_migrations", "django_content_type", "auth_permission", "auth_group_permissions"}


def third_party(label: str) -> bool:
    return not current_apps.get_app_config(label).path.startswith(str(settings.BASE_DIR))


def pinned_targets(executor: MigrationExecutor) -> list[tuple[str, str]]:
    leaves = executor.loader.graph.leaf_nodes()
    return [leaf for leaf in leaves if leaf[0] not in PINNED and third_party(leaf[0])] + list(PINNED.items())


def fill(apps) -> None:
    """One of everything a market holds, written as the code of that day wrote it."""
    model = apps.get_model
    market = model("filmart", "Market").objects.create(
        name="FILMART 2030", slug="filmart-2030", venue="HKCEC", city="Hong Kong", starts_on=date(2030, 3, 17),
        ends_on=date(2030, 3, 20), is_current=True, daily_meeting_cap=8,
    )  # fmt: skip
    hall = model("filmart", "Hall").objects.create(market=market, code="1E", name="Hall 1E")
    region = model("exhibitors", "Region").objects.create(code="HK", name="Hong Kong", name_zh_hant="香港")
    pavilion = model("exhibitors", "Pavilion").objects.create(market=market, name="Hong Kong", slug="hk", hall="1E")
    exhibitor = model("exhibitors", "Exhibitor").objects.create(
        market=market, name="Jade Pictures", slug="jade", region=region, pavilion=pavilion,
        company_type="distributor", hall="1E", stand="C01", description="Dramas.",
    )  # fmt: skip
    user = model("accounts", "User")
    rep = user.objects.create(email="rep@jade.example", full_name="Mei Chan", role="exhibitor", password="!")
    buyer = user.objects.create(email="ploy@siam.example", full_name="Ploy", role="buyer", password="!")
    user.objects.create(email="ops@filmart.example", role="organiser", is_staff=True, password="!")
    model("exhibitors", "TeamMember").objects.create(exhibitor=exhibitor, user=rep, role="admin", job_title="Sales")
    model("exhibitors", "Invitation").objects.create(exhibitor=exhibitor, email="new@jade.example", token="t0k3n")
    title = model("exhibitors", "Title").objects.create(
        exhibitor=exhibitor, slug="harbour-hearts-2026", kind="micro", original_title="港灣之心",
        english_title="Harbour Hearts", genres=["romance"], episodes=80, episode_minutes=2, original_language="yue",
        year=2026, synopsis="Two ferry captains.", facet_keys=["kind:micro"],
    )  # fmt: skip
    model("exhibitors", "RightsAvailability").objects.create(
        title=title, media=["svod"], territories=["TH"], available_from=date(2026, 1, 1)
    )
    model("exhibitors", "MediumCoverage").objects.create(title=title, medium="svod", territory_numbers=[1])
    profile = model("matchmaking", "BuyerProfile").objects.create(
        user=buyer, company="Siam Media", buyer_type="platform", country="TH", territories=["TH"], media=["svod"],
        verification="verified",
    )  # fmt: skip
    model("matchmaking", "Interest").objects.create(user=buyer, kind="shortlist", title=title)
    model("matchmaking", "Interest").objects.create(user=rep, kind="shortlist", buyer=profile)
    table = model("meetings", "MeetingTable").objects.create(market=market, hall=hall, code="BL-1", name="Table 1")
    window = model("meetings", "Availability").objects.create(
        market=market, exhibitor=exhibitor, rep=rep, place="table", place_detail="Table 1", table=table,
        during=DateTimeTZRange(datetime(2030, 3, 17, 2, tzinfo=UTC), datetime(2030, 3, 17, 4, tzinfo=UTC), "[)"),
    )  # fmt: skip
    model("meetings", "BusyTime").objects.create(
        user=buyer, note="Lunch",
        during=DateTimeTZRange(datetime(2030, 3, 17, 5, tzinfo=UTC), datetime(2030, 3, 17, 6, tzinfo=UTC), "[)"),
    )  # fmt: skip
    meeting = model("meetings", "Meeting").objects.create(
        market=market, exhibitor=exhibitor, rep=rep, buyer=buyer, availability=window, place="table",
        place_detail="Table 1", status="accepted", message="About Harbour Hearts", version=2, sequence=1,
        during=DateTimeTZRange(datetime(2030, 3, 17, 2, tzinfo=UTC), datetime(2030, 3, 17, 2, 30, tzinfo=UTC), "[)"),
        ical_uid="meeting-1@filmart",
    )  # fmt: skip
    meeting.titles.add(title)
    model("meetings", "CalendarFeed").objects.create(user=buyer, token="feed-token")
    model("notifications", "OutboundEmail").objects.create(
        from_email="no-reply@filmart.example", recipients=[buyer.email], subject="Meeting confirmed",
        body_text="See you", raw_message=b"Subject: Meeting confirmed\r\n\r\nSee you", key="meeting:1:accepted:v2",
        topic="meeting:1", kind="accepted", status="sent",
    )  # fmt: skip
    model("organiser", "Export").objects.create(kind="buyers", file_format="csv", status="done", total_rows=1)
    model("organiser", "Announcement").objects.create(subject="Welcome", body="Hall 1E opens at 10.", segment="buyers")


def rows() -> dict[str, dict[str, dict]]:
    """Every table's rows, by id, as PostgreSQL renders them to JSON."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'id'"
        )
        tables = sorted(name for (name,) in cursor.fetchall() if name not in NOT_DATA)
        found = {}
        for name in tables:
            cursor.execute(f'SELECT coalesce(json_agg(t), \'[]\') FROM "{name}" t')  # noqa: S608 - catalogue names
            found[name] = {str(row["id"]): row for row in cursor.fetchone()[0]}
        return found


def main(step: str) -> None:
    executor = MigrationExecutor(connection)
    if step == "pinned":
        targets = pinned_targets(executor)
        executor.migrate(targets)
        fill(MigrationExecutor(connection).loader.project_state(targets).apps)
    else:
        executor.migrate(executor.loader.graph.leaf_nodes())
    sys.stdout.write(json.dumps(rows()))


if __name__ == "__main__":
    main(sys.argv[1])
