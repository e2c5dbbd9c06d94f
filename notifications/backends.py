from django.core.mail.backends.base import BaseEmailBackend

from notifications.services import outbound_email_queue


class OutboxEmailBackend(BaseEmailBackend):
    """Django mail backend that writes each message to the outbox instead of talking SMTP in the request."""

    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            outbound_email_queue(message=message)
        return len(email_messages)
