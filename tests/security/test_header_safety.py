"""Names reach email subjects, calendar files and spreadsheets: one character must not stop the mail.

Forms refuse control and line-separating characters in every name; subjects are made one line anyway (for
names stored before the check, or written by other means); and one message that still cannot be written is a
failed outbox row with its reason while the rest of its batch goes on."""

from datetime import timedelta

import pytest
from django.urls import reverse

from accounts.models import User
from exhibitors.models import Exhibitor, Title
from matchmaking.models import BuyerProfile
from meetings import services
from meetings.models import Meeting, Status
from notifications.models import OutboundEmail, OutboundStatus
from notifications.services import outbox_sweep
from tests.factories import ExhibitorFactory, MarketFactory, TitleFactory, UserFactory, team_member
from tests.meetings_fixtures import at, verified_buyer, written

pytestmark = pytest.mark.django_db

SEPARATORS = ["\n", "\x0b", "\x85", "\u2028", "\u2029", "\t", "\x00", "\u202e"]
REFUSED = "Use one line of plain text"


def refusal(separator: str) -> str:
    return "Null characters are not allowed" if separator == "\x00" else REFUSED  # Django's own check comes first


@pytest.mark.parametrize("separator", SEPARATORS)
def test_account_and_buyer_forms_refuse_separators_and_save_nothing(client, separator):
    user = UserFactory(full_name="Ploy Srisawat")
    client.force_login(user)
    response = client.post(reverse("accounts:settings"), {"full_name": f"Ploy{separator}Bcc: x@evil.example"})
    assert refusal(separator) in response.content.decode()
    user.refresh_from_db()
    assert user.full_name == "Ploy Srisawat"

    response = client.post(
        reverse("matchmaking:buyer_profile"),
        {"company": f"Siam{separator}Media", "buyer_type": "platform", "country": "TH", "media": ["svod"]},
    )
    assert refusal(separator) in response.content.decode()
    assert not BuyerProfile.objects.filter(user=user).exists()


def test_sign_up_refuses_a_name_with_a_line_separator(client):
    response = client.post(
        reverse("account_signup"),
        {
            "full_name": "Mallory\u2028Subject: hi",
            "email": "mallory@example.org",
            "role": "buyer",
            "password1": "a-long-enough-password-1",
            "password2": "a-long-enough-password-1",
        },
    )
    assert REFUSED in response.content.decode()
    assert not User.objects.filter(email="mallory@example.org").exists()


def test_exhibitor_and_title_names_are_one_line(client):
    company = ExhibitorFactory(market=MarketFactory(), name="Pearl River Pictures")
    title = TitleFactory(exhibitor=company, english_title="Harbour Hearts")
    client.force_login(team_member(company, role="admin"))
    response = client.post(
        reverse("workspace:profile"), {"name": "Pearl\x85River", "company_type": "distributor", "description": ""}
    )
    assert REFUSED in response.content.decode()
    response = client.post(
        reverse("workspace:title", args=[title.slug]),
        {
            "kind": "feature", "english_title": "Harbour\x0bHearts", "original_title": "港灣之心",
            "original_language": "yue", "year": "2026", "status": "completed",
        },
    )  # fmt: skip
    assert REFUSED in response.content.decode()
    assert Exhibitor.objects.get(pk=company.pk).name == "Pearl River Pictures"
    assert Title.objects.get(pk=title.pk).english_title == "Harbour Hearts"


def test_a_name_stored_before_the_check_still_gets_its_email_written(client, rep, exhibitor, market):
    buyer = verified_buyer(full_name="Ploy")
    User.objects.filter(pk=buyer.pk).update(full_name="Ploy\u2028Srisawat")  # as old data may hold
    BuyerProfile.objects.filter(user=buyer).update(company="Siam\x85Media")
    client.force_login(buyer)
    response = client.post(
        reverse("meetings:book", args=[exhibitor.slug]), {"rep": rep.pk, "start": at(market, 10).isoformat()}
    )
    meeting = Meeting.objects.get(buyer=buyer)
    assert response.status_code == 302 and response.url == reverse("meetings:detail", args=[meeting.pk])
    (email,) = written(OutboundEmail.objects.filter(recipients=[rep.email], kind="requested"))
    assert email.status == OutboundStatus.PENDING
    assert email.subject == "Meeting request from Siam Media (Ploy Srisawat)"
    assert b"\r\nSubject: Meeting request from Siam Media (Ploy Srisawat)\r\n" in bytes(email.raw_message)


def test_one_unwritable_email_does_not_hold_up_the_expiry_sweep(smtp_sink, rep, exhibitor, market):
    buyers = [verified_buyer() for _ in range(3)]
    requests = [
        services.meeting_request(buyer=buyer, rep=rep, exhibitor=exhibitor, start=at(market, 10 + i // 2, 30 * (i % 2)))
        for i, buyer in enumerate(buyers)
    ]
    # An address with a line break in it, stored before any check (or by other means): its email cannot be written.
    User.objects.filter(pk=buyers[1].pk).update(email="broken\n@example.org")
    latest = max(meeting.expires_at for meeting in requests)

    assert services.meetings_expire_due(now=latest + timedelta(seconds=1)) == 3
    assert set(Meeting.objects.values_list("status", flat=True)) == {Status.EXPIRED}
    expiry_emails = OutboundEmail.objects.filter(kind="expired")
    written(expiry_emails)  # as the worker writes them, just before sending
    broken = expiry_emails.get(recipients=["broken\n@example.org"])
    assert broken.status == OutboundStatus.FAILED and "linefeed" in broken.last_error
    assert expiry_emails.filter(status=OutboundStatus.PENDING).count() == 2

    outbox_sweep(now=latest + timedelta(minutes=1))
    delivered = {message["To"] for message in smtp_sink.messages if "expired" in message["Subject"]}
    assert delivered == {buyers[0].email, buyers[2].email}
    broken.refresh_from_db()
    assert broken.status == OutboundStatus.FAILED  # never retried: it cannot be written
