from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notifications.models import OutboundEmail, OutboundStatus
from notifications.services import outbound_email_resend, outbound_email_send_copy


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient_list", "kind", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status", "kind", "created_at"]
    search_fields = ["subject", "recipients", "body_text", "topic", "key"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in OutboundEmail._meta.fields if f.name != "raw_message"]
    exclude = ["raw_message"]
    actions = ["resend", "send_copy"]

    @admin.display(description=_("recipients"))
    def recipient_list(self, obj: OutboundEmail) -> str:
        return ", ".join(obj.recipients)

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
