"""Emails the worker writes from the facts a row holds.

A change in a request stores a small row (who, what happened, the facts as they stood); the worker that
delivers it turns the facts into the message just before sending. The app that knows the subject registers
a renderer under a name; notifications imports no app, so the registry is filled by the apps themselves
(in their AppConfig.ready).

A renderer takes a batch of rows and returns, for each row's pk, the EmailMessage to send, or raises
`CannotWrite` for a row whose facts no longer make a message (the meeting is gone): the row fails with
that reason and the rest of the batch goes on.
"""

from collections.abc import Callable, Iterable

from django.core.mail import EmailMessage

from notifications.models import OutboundEmail

Renderer = Callable[[list[OutboundEmail]], dict[int, "EmailMessage | CannotWrite"]]
_renderers: dict[str, Renderer] = {}


class CannotWrite(Exception):
    """The facts of a row no longer make a message."""


def register(name: str) -> Callable[[Renderer], Renderer]:
    def decorator(function: Renderer) -> Renderer:
        _renderers[name] = function
        return function

    return decorator


def messages_for(rows: Iterable[OutboundEmail]) -> dict[int, "EmailMessage | CannotWrite"]:
    """Each row's message, rows grouped by renderer so each renderer reads what it needs once per batch."""
    by_template: dict[str, list[OutboundEmail]] = {}
    for row in rows:
        by_template.setdefault(row.template, []).append(row)
    written: dict[int, EmailMessage | CannotWrite] = {}
    for template, batch in by_template.items():
        renderer = _renderers.get(template)
        if renderer is None:
            written |= {row.pk: CannotWrite(f"no renderer called {template!r}") for row in batch}
            continue
        written |= renderer(batch)
    return written
