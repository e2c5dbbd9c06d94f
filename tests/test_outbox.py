import pytest
from django.core.mail import EmailMultiAlternatives
from django.db import transaction

from notifications.models import OutboundEmail, OutboundStatus
from notifications.services import outbound_email_deliver, outbound_email_send_copy, outbox_sweep

pytestmark = pytest.mark.django_db


def send_welcome() -> None:
    message = EmailMultiAlternatives("Welcome to FILMART", "Plain words", None, ["ploy@example.org"])
    message.attach_alternative("<p>Rich words</p>", "text/html")
    message.send()


def test_mail_is_a_row_written_in_the_callers_transaction():
    with pytest.raises(RuntimeError), transaction.atomic():
        send_welcome()
        assert OutboundEmail.objects.count() == 1
        raise RuntimeError("the change that caused the mail failed")
    assert OutboundEmail.objects.count() == 0  # rolled back with its cause: no mail about what never happened


def test_delivery_goes_over_smtp_once(smtp_sink):
    send_welcome()
    row = OutboundEmail.objects.get()
    assert (row.status, row.body_text, row.body_html) == (
        OutboundStatus.PENDING,
        "Plain words",
        "<p>Rich words</p>",
    )

    assert outbound_email_deliver(pk=row.pk) is True
    assert outbound_email_deliver(pk=row.pk) is False  # already sent: never twice
    row.refresh_from_db()
    assert (row.status, row.attempts) == (OutboundStatus.SENT, 1)
    [received] = smtp_sink.messages
    assert received["Subject"] == "Welcome to FILMART"
    assert received.get_body(("html",)).get_content().strip() == "<p>Rich words</p>"


def test_a_fresh_copy_of_a_sent_email_arrives_as_a_new_message(smtp_sink):
    send_welcome()
    row = OutboundEmail.objects.get()
    assert outbound_email_send_copy(pk=row.pk) is None  # not sent yet: nothing to copy
    outbound_email_deliver(pk=row.pk)

    copy = outbound_email_send_copy(pk=row.pk)
    assert (copy.status, copy.recipients, copy.key) == (OutboundStatus.PENDING, ["ploy@example.org"], None)
    assert outbound_email_deliver(pk=copy.pk) is True
    first, second = smtp_sink.messages
    assert first["Subject"] == second["Subject"] == "Welcome to FILMART"
    assert first["Message-ID"] != second["Message-ID"]
    assert second.get_body(("html",)).get_content().strip() == "<p>Rich words</p>"


def test_smtp_down_keeps_the_mail_for_a_later_sweep(smtp_sink, settings):
    send_welcome()
    row = OutboundEmail.objects.get()
    working = settings.MAILERS
    settings.MAILERS = {
        **working,
        "smtp": {**working["smtp"], "OPTIONS": {**working["smtp"]["OPTIONS"], "port": 1}},
    }

    assert outbound_email_deliver(pk=row.pk) is False
    row.refresh_from_db()
    assert row.status == OutboundStatus.PENDING
    assert "refused" in row.last_error.lower()
    assert row.next_attempt_at > row.created_at

    settings.MAILERS = working
    OutboundEmail.objects.filter(pk=row.pk).update(next_attempt_at=row.created_at)  # the backoff has passed
    assert outbox_sweep() == 1
    assert len(smtp_sink.messages) == 1


@pytest.mark.parametrize("count", [1, 30])
def test_demo_mailbox_lists_mail_in_constant_queries(client, settings, count):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.DEMO_MODE = True
    for n in range(count):
        EmailMultiAlternatives(f"Notice {n}", "Body", None, [f"p{n}@example.org"]).send()
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/mailbox/").content.decode()
    assert f"Notice {count - 1}" in html and "p0@example.org" in html
    assert len(queries) == 2  # the messages, and the current market for the page header
