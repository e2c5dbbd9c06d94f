from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from matchmaking.models import BuyerProfile, Interest
from matchmaking.services import buyers_reject, buyers_verify


class RejectionForm(forms.Form):
    reason = forms.CharField(label=_("Reason shown to the buyer"), max_length=300)


@admin.register(BuyerProfile)
class BuyerProfileAdmin(admin.ModelAdmin):
    """The verification queue: filter by 'Waiting for verification', select, verify or reject with a reason."""

    list_display = ["company", "user", "buyer_type", "country", "verification", "updated_at"]
    list_filter = ["verification", "buyer_type", "country"]
    search_fields = ["company", "user__email", "user__full_name"]
    list_select_related = ["user"]
    readonly_fields = ["verified_at", "updated_at"]
    autocomplete_fields = ["user"]
    actions = ["verify", "reject"]

    @admin.action(description=_("Verify the selected buyers"))
    def verify(self, request, queryset):
        count = buyers_verify(ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            ngettext("%(count)d buyer verified.", "%(count)d buyers verified.", count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Reject the selected buyers, with a reason"))
    def reject(self, request, queryset):
        form = RejectionForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            count = buyers_reject(ids=list(queryset.values_list("pk", flat=True)), reason=form.cleaned_data["reason"])
            self.message_user(
                request,
                ngettext("%(count)d buyer not verified.", "%(count)d buyers not verified.", count) % {"count": count},
                messages.WARNING,
            )
            return None
        return TemplateResponse(
            request,
            "admin/matchmaking/reject.html",
            {
                **self.admin_site.each_context(request),
                "form": form,
                "buyers": queryset,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
                "title": _("Reject buyers"),
            },
        )


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "title", "exhibitor", "buyer", "created_at"]
    list_filter = ["kind"]
    search_fields = ["user__email", "title__english_title", "exhibitor__name", "buyer__company"]
    list_select_related = ["user", "title", "exhibitor", "buyer"]
    raw_id_fields = ["user", "title", "exhibitor", "buyer"]
