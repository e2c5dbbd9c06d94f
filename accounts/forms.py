from allauth.account import forms as allauth_forms
from allauth.account.models import EmailAddress
from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from web.validators import validate_single_line


class SignupForm(allauth_forms.SignupForm):
    """allauth's sign-up form plus the person's name and whether they buy or sell."""

    full_name = forms.CharField(label=_("Full name"), max_length=150, validators=[validate_single_line])
    role = forms.ChoiceField(
        label=_("I am coming to the market as"),
        choices=[
            (Role.BUYER, _("A buyer: I license content")),
            (Role.EXHIBITOR, _("An exhibitor: I sell content")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Tell us whether you are a buyer or an exhibitor.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["full_name", "email", "role", "password1", "password2"])
        self.fields["full_name"].widget.attrs.update(autocomplete="name")

    def validate_unique_email(self, value: str) -> str:
        # Sign-up says plainly that an address is taken (the rate limit on sign-ups bounds probing);
        # sign-in and password reset keep allauth's enumeration prevention.
        if (
            EmailAddress.objects.filter(email__iexact=value).exists()
            or User.objects.filter(email__iexact=value).exists()
        ):
            raise forms.ValidationError(
                format_html(
                    _(
                        'An account already uses this address. <a href="{login}">Sign in</a>, or '
                        '<a href="{reset}">reset your password</a> if you forgot it.'
                    ),
                    login=reverse("account_login"),
                    reset=reverse("account_reset_password"),
                ),
                code="email_taken",
            )
        return super().validate_unique_email(value)


class AccountSettingsForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150, validators=[validate_single_line])
    language = forms.ChoiceField(label=_("Language"), required=False)
    time_zone = forms.CharField(
        label=_("Home time zone"),
        max_length=64,
        required=False,
        widget=forms.TextInput(
            attrs={"list": "time-zone-names", "autocomplete": "off", "spellcheck": "false"}
        ),
        help_text=_(
            "For example Europe/Paris or America/Los_Angeles. Times stay in market time, with yours beside."
        ),
    )
    email_reminders = forms.BooleanField(
        label=_("Email me a reminder a day and a quarter of an hour before each meeting"), required=False
    )
    email_daily_agenda = forms.BooleanField(label=_("Email me my agenda each market morning"), required=False)

    def __init__(self, *args, **kwargs):
        from django.conf import settings

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("As my browser asks"))] + list(settings.LANGUAGES)

    def clean_time_zone(self) -> str:
        from web.validators import validate_time_zone

        value = self.cleaned_data["time_zone"].strip()
        if value:
            validate_time_zone(value)
        return value
