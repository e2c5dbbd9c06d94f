"""The victim world the attack suite runs against, the people who attack it, and a digest of what they must not
change.

Victim: exhibitor V (a company admin and a rep with open hours), a verified buyer VB who meets V's rep, with a busy
time, a shortlist entry, a calendar feed, a pending request, an accepted meeting, a meeting with a rep who has
since been removed from V's team; VB's wish to meet V and V's wish to meet VB; a title with a rights row, an open
team invitation, an export and an announcement written by an organiser, and an email to VB in the outbox.
"""

from dataclasses import dataclass, field
from datetime import time, timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.auth.models import Group
from django.core.mail import EmailMultiAlternatives
from django.db import connection
from django.db.models import Q, QuerySet
from django.test import Client
from django.urls import reverse

from accounts.models import User
from exhibitors import services as exhibitor_services
from exhibitors.models import Exhibitor, Invitation, Pavilion, Region, RightsAvailability, TeamMember, Title
from markets.models import Hall, Market, MeetingTable
from matchmaking import services as matchmaking_services
from matchmaking.models import BuyerProfile, Interest
from meetings import services as meeting_services
from meetings.models import Availability, BusyTime, CalendarFeed, Meeting
from notifications.models import OutboundEmail
from organiser import services as organiser_services
from organiser.models import Announcement, Export
from organiser.permissions import organiser_group_sync
from scheduling import services as scheduling_services
from scheduling import wishes
from scheduling.models import Proposal, Round, Wish, WishSide
from tests.factories import (
    ExhibitorFactory,
    MarketFactory,
    PavilionFactory,
    RegionFactory,
    RightsFactory,
    TitleFactory,
    UserFactory,
    team_member,
)
from tests.meetings_fixtures import DAY_ONE, at, open_hours, verified_buyer

ATTACKERS = ["anonymous", "other_buyer", "other_rep", "teammate", "removed"]

# What nobody outside the victims may read. Plain ASCII, so it reads the same escaped in HTML as in a file.
BUYER_EMAIL = "vb.victim@victim-buyer.example"
BUYER_COMPANY = "Zyxvictim Holdings"
BUSY_NOTE = "VICTIM-BUSY-NOTE"
MESSAGE = "VICTIM-MESSAGE"
ANNOUNCEMENT_SUBJECT = "VICTIM-ANNOUNCEMENT-SUBJECT"


@dataclass
class World:
    market: Market
    victim: Exhibitor
    victim_admin: User
    victim_rep: User
    buyer: User
    profile: BuyerProfile
    organiser: User
    availability: Availability
    busy: BusyTime
    shortlist: Interest
    rep_shortlist: Interest
    feed: CalendarFeed
    old_feed_token: str
    title: Title
    rights: RightsAvailability
    invitation: Invitation
    pending: Meeting
    accepted: Meeting
    removed_meeting: Meeting
    export: Export
    announcement: Announcement
    mail: OutboundEmail
    admin_membership: TeamMember
    rep_membership: TeamMember
    other_company: Exhibitor
    buyer_wish: Wish  # VB's wish to meet V
    team_wish: Wish  # V's wish to meet VB
    round: Round  # the organisers' matchmaking round (staff only)
    attackers: dict[str, User | None] = field(default_factory=dict)
    extra_pks: dict[type, int] = field(default_factory=dict)
    digest_sql: tuple[str, list] | None = field(default=None, repr=False)  # built at the first digest

    @property
    def victim_user_ids(self) -> list[int]:
        return [self.buyer.pk, self.victim_admin.pk, self.victim_rep.pk, self.organiser.pk]

    @property
    def victim_emails(self) -> list[str]:
        return [self.buyer.email, self.victim_admin.email, self.victim_rep.email, self.organiser.email]

    def markers(self) -> dict[str, str]:
        """Strings that prove a page showed the victims' private data; name -> text."""
        return {
            "buyer email": self.buyer.email,
            "buyer company": BUYER_COMPANY,
            "meeting message": MESSAGE,
            "busy note": BUSY_NOTE,
            "calendar feed token": self.feed.token,
            "old calendar feed token": self.old_feed_token,
            "invitation token": self.invitation.token,
            "announcement": ANNOUNCEMENT_SUBJECT,
        }


def build_world() -> World:
    market = MarketFactory()
    victim = ExhibitorFactory(market=market, name="Victim Pictures", slug="victim-pictures")
    victim_admin = team_member(victim, role="admin", email="admin@victim.example", full_name="Vera Admin")
    victim_rep = team_member(victim, role="rep", email="rep@victim.example", full_name="Victor Rep")
    availability = open_hours(victim_rep, victim)
    teammate = team_member(victim, role="rep", email="teammate@victim.example", full_name="Tom Teammate")
    removed = team_member(victim, role="rep", email="removed@victim.example", full_name="Rita Removed")
    open_hours(removed, victim, start=time(13, 0), end=time(15, 0))

    title = TitleFactory(exhibitor=victim, slug="victim-harbour", english_title="Victim Harbour")
    rights = RightsFactory(title=title, media=["svod"], territories=["TH"])

    buyer = verified_buyer(email=BUYER_EMAIL, full_name="Vicky Buyer")
    profile = BuyerProfile.objects.get(user=buyer)
    BuyerProfile.objects.filter(pk=profile.pk).update(company=BUYER_COMPANY, media=["svod"], territories=["TH"])
    profile.refresh_from_db()

    busy = meeting_services.busy_time_add(
        user=buyer, market=market, day=DAY_ONE + timedelta(days=1), start=time(14, 0), end=time(15, 0), note=BUSY_NOTE
    )
    shortlist = matchmaking_services.interest_set(user=buyer, kind=Interest.Kind.SHORTLIST, title=title)
    rep_shortlist = matchmaking_services.interest_set(user=victim_rep, kind=Interest.Kind.SHORTLIST, buyer=profile)
    buyer_wish = wishes.buyer_wish_add(buyer=buyer, market=market, exhibitor_id=victim.pk, priority="must")
    team_wish = wishes.team_wish_add(member=victim_rep, exhibitor=victim, buyer_id=profile.pk, priority="must")
    feed = meeting_services.calendar_feed_for(user=buyer)
    old_feed_token = feed.token
    feed = meeting_services.calendar_feed_reset(user=buyer)  # the old address must be dead for everyone
    meeting_services.calendar_feed_for(user=victim_rep)

    pending = meeting_services.meeting_request(
        buyer=buyer, rep=victim_rep, exhibitor=victim, start=at(market, 11), message=f"{MESSAGE}-PENDING"
    )
    accepted = meeting_services.meeting_request(
        buyer=buyer, rep=victim_rep, exhibitor=victim, start=at(market, 10), message=f"{MESSAGE}-ACCEPTED"
    )
    accepted = meeting_services.meeting_accept(meeting_id=accepted.pk, version=accepted.version, user=victim_rep)
    removed_meeting = meeting_services.meeting_request(
        buyer=buyer, rep=removed, exhibitor=victim, start=at(market, 13), message=f"{MESSAGE}-REMOVED"
    )
    removed_meeting = meeting_services.meeting_accept(
        meeting_id=removed_meeting.pk, version=removed_meeting.version, user=removed
    )

    organiser = UserFactory(role="organiser", is_staff=True, email="organiser@filmart.example")
    organiser.groups.add(organiser_group_sync())  # what market staff may do in the admin
    export = organiser_services.export_request(
        market=market, kind="buyers", file_format="csv", filters={}, user=organiser
    )
    organiser_services.export_build(pk=export.pk)
    export.refresh_from_db()
    round_of_organisers = scheduling_services.round_create(
        market=market, user=organiser, name="Victim round", days=[DAY_ONE], day_starts=time(10), day_ends=time(12),
        slot_minutes=30, per_person_per_day=4, floor=1, only_verified=True, confirm_at_once=False, seconds=5,
    )  # fmt: skip
    announcement = Announcement.objects.create(
        market=market,
        segment="buyers",
        subject=ANNOUNCEMENT_SUBJECT,
        body="Victim announcement body",
        created_by=organiser,
    )

    admin = Client()
    admin.force_login(victim_admin)
    admin.post(reverse("workspace:team"), {"email": "newcomer@victim.example", "role": "rep"})
    invitation = Invitation.objects.get(exhibitor=victim, email="newcomer@victim.example")
    # Off the team after holding meetings with VB. The bare team change, whatever else the team page does on
    # removal: the meetings they keep as rep must stay out of their reach all the same.
    removed_membership = TeamMember.objects.get(user=removed, exhibitor=victim)
    exhibitor_services.team_member_remove(exhibitor=victim, member_id=removed_membership.pk, acting_user=victim_admin)

    EmailMultiAlternatives("Victim private subject", f"{MESSAGE}-MAIL", None, [buyer.email]).send()
    mail = OutboundEmail.objects.filter(recipients__contains=[buyer.email]).latest("pk")

    # The attackers' own world: another buyer, and the admin of another company whose catalogue fits nobody here.
    other_buyer = verified_buyer(email="mallory@attacker.example", full_name="Mallory Buyer")
    other_company = ExhibitorFactory(market=market, name="Attacker Films", slug="attacker-films")
    other_rep = team_member(other_company, role="admin", email="oscar@attacker.example", full_name="Oscar Other")
    open_hours(other_rep, other_company)
    other_title = TitleFactory(exhibitor=other_company, slug="attacker-story", english_title="Attacker Story")
    RightsFactory(title=other_title, media=["free_tv"], territories=["JP"])

    # Rows of every other admin-registered model, so the admin sample has a victim pk for each.
    pavilion = PavilionFactory(market=market, region=RegionFactory(code="TH"))
    hall = Hall.objects.create(market=market, code="1A", name="Hall 1A")
    Hall.objects.create(market=market, code="3B", name="Hall 3B")
    table = MeetingTable.objects.create(market=market, hall=hall, code="BL-1", name="Business Lounge 1")
    group = Group.objects.create(name="victim-group")
    authenticator = RecoveryCodes.activate(victim_admin).instance
    extra_pks = {
        Market: market.pk,
        MeetingTable: table.pk,
        Pavilion: pavilion.pk,
        Region: victim.region_id,
        Group: group.pk,
        Authenticator: authenticator.pk,
        EmailAddress: EmailAddress.objects.get(user=buyer).pk,
        Hall: hall.pk,
    }

    return World(
        market=market,
        victim=victim,
        victim_admin=victim_admin,
        victim_rep=victim_rep,
        buyer=buyer,
        profile=profile,
        organiser=organiser,
        availability=availability,
        busy=busy,
        shortlist=shortlist,
        rep_shortlist=rep_shortlist,
        feed=feed,
        old_feed_token=old_feed_token,
        title=title,
        rights=rights,
        invitation=invitation,
        pending=Meeting.objects.get(pk=pending.pk),
        accepted=Meeting.objects.get(pk=accepted.pk),
        removed_meeting=Meeting.objects.get(pk=removed_meeting.pk),
        export=export,
        announcement=announcement,
        mail=mail,
        admin_membership=TeamMember.objects.get(user=victim_admin),
        rep_membership=TeamMember.objects.get(user=victim_rep),
        other_company=other_company,
        buyer_wish=buyer_wish,
        team_wish=team_wish,
        round=round_of_organisers,
        attackers={
            "anonymous": None,
            "other_buyer": other_buyer,
            "other_rep": other_rep,
            "teammate": teammate,
            "removed": removed,
        },
        extra_pks=extra_pks,
    )


# --- The digest: one query that hashes every row an attacker must not change --------------------------------


def _parts(world: World) -> dict[str, QuerySet]:
    victims = world.victim_user_ids
    meetings = Meeting.objects.filter(Q(buyer_id__in=victims) | Q(rep_id__in=victims) | Q(exhibitor=world.victim))
    return {
        "Meeting": meetings,
        "Meeting titles": Meeting.titles.through.objects.filter(meeting__in=meetings),
        "Availability": Availability.objects.filter(Q(rep_id__in=victims) | Q(exhibitor=world.victim)),
        "BusyTime": BusyTime.objects.filter(user_id__in=victims),
        "Title": Title.objects.filter(exhibitor=world.victim),
        "RightsAvailability": RightsAvailability.objects.filter(title__exhibitor=world.victim),
        "TeamMember": TeamMember.objects.filter(exhibitor=world.victim),
        "Invitation": Invitation.objects.filter(exhibitor=world.victim),
        "BuyerProfile": BuyerProfile.objects.filter(user_id__in=victims),
        # The victims' own entries, and anyone's entry naming the victim buyer (keeping a buyer is for the teams
        # that buyer's profile is shown to).
        "Interest": Interest.objects.filter(Q(user_id__in=victims) | Q(buyer=world.profile)),
        "CalendarFeed": CalendarFeed.objects.filter(user_id__in=victims),
        # The victims' own wishes (VB's, V's), and any team's wish naming VB (for teams VB's profile is shown to).
        "Wish": Wish.objects.filter(Q(buyer_id__in=victims) | Q(side=WishSide.EXHIBITOR, exhibitor=world.victim)),
        "Exhibitor": Exhibitor.objects.filter(pk=world.victim.pk),
        "User": User.objects.filter(pk__in=victims),
        "User groups": User.groups.through.objects.filter(user_id__in=victims),
        "User permissions": User.user_permissions.through.objects.filter(user_id__in=victims),
        "EmailAddress": EmailAddress.objects.filter(user_id__in=victims),
        "Authenticator": Authenticator.objects.filter(user_id__in=victims),
        "Export": Export.objects.all(),
        "Round": Round.objects.all(),
        "Proposal": Proposal.objects.all(),
        "Announcement": Announcement.objects.all(),
        "OutboundEmail to victims": OutboundEmail.objects.filter(recipients__overlap=world.victim_emails).only("pk"),
        # Set up by organisers alone: nobody else may touch any row.
        "Market": Market.objects.all(),
        "Hall": Hall.objects.all(),
        "Region": Region.objects.all(),
        "Pavilion": Pavilion.objects.all(),
        "MeetingTable": MeetingTable.objects.all(),
        "Group": Group.objects.all(),
    }


def _digest_sql(world: World) -> tuple[str, list]:
    if world.digest_sql is None:
        selects, params = [], []
        for label, queryset in _parts(world).items():
            if label == "OutboundEmail to victims":
                columns = ["id"]  # how many, and which: delivery bookkeeping on other rows is not the point
            else:
                columns = [f.attname for f in queryset.model._meta.concrete_fields]
            sql, sql_params = queryset.order_by().values(*columns).query.sql_with_params()
            # Django's own SQL for our querysets; the values stay parameters.
            hashed = "md5(coalesce(string_agg(row_to_json(s)::text, '|' ORDER BY s.id), ''))"
            selects.append(f"SELECT %s::text, {hashed} FROM ({sql}) s")  # noqa: S608
            params += [label, *sql_params]
        world.digest_sql = (" UNION ALL ".join(selects), params)
    return world.digest_sql


def digest(world: World) -> dict[str, str]:
    """label -> hash of the victim rows under that label."""
    sql, params = _digest_sql(world)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return [label for label in before if before[label] != after.get(label)]
