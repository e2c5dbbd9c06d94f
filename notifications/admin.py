from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notifications.models import OutboundEmail, OutboundStatus
from notifications.services import links_masked, outbound_email_resend, outbound_email_send_copy


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient_list", "kind", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status", "kind", "created_at"]
    # Not the bodies: a search is an oracle that would spell out a password-reset key letter by letter.
    search_fields = ["subject", "recipients", "topic", "key"]
    date_hierarchy = "created_at"
    # Bodies are shown with their links masked: they carry password-reset, address-confirmation and team
    # invitation keys, which are for their recipient alone.
    fields = [
        "subject", "recipients", "from_email", "kind", "topic", "key", "status", "attempts", "created_at",
        "next_attempt_at", "claimed_at", "sent_at", "last_error", "text_masked", "html_masked",
    ]  # fmt: skip
    readonly_fields = fields
    actions = ["resend", "send_copy"]

    @admin.display(description=_("recipients"))
    def recipient_list(self, obj: OutboundEmail) -> str:
        return ", ".join(obj.recipients)

    @admin.display(description=_("plain text (links masked)"))
    def text_masked(self, obj: OutboundEmail) -> str:
        return links_masked(obj.body_text)

    @admin.display(description=_("HTML (links masked)"))
    def html_masked(self, obj: OutboundEmail) -> str:
        return links_masked(obj.body_html)

    @admin.action(description=_("Send the selected failed emails again"))
    def resend(self, request, queryset):
        failed = list(queryset.filter(status=OutboundStatus.FAILED).values_list("pk", flat=True))
        for pk in failed:
            outbound_email_resend(pk=pk)
        self.message_user(
            request,
            ngettext("%(count)d email queued again.", "%(count)d emails queued again.", len(failed))
            % {"count": len(failed)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Send a fresh copy of the selected sent emails"))
    def send_copy(self, request, queryset):
        copies = [outbound_email_send_copy(pk=pk) for pk in queryset.values_list("pk", flat=True)]
        count = len([copy for copy in copies if copy])
        self.message_user(
            request,
            ngettext("%(count)d copy queued.", "%(count)d copies queued.", count) % {"count": count},
            messages.SUCCESS,
        )

    def has_add_permission(self, request) -> bool:
        return False
