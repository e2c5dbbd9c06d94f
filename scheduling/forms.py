"""The small form behind every button of the wishes pages: add, change the priority of, or remove a wish."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from scheduling.models import Priority
from web.converters import parse_id


class IdField(forms.CharField):
    """A database id from a hidden field, by the rule of the <id:...> converter (web.converters.parse_id)."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        pk = parse_id(value)
        if pk is None:
            raise ValidationError(_("This names nothing on the page: reload it and try again."), code="invalid")
        return pk


class WishActionForm(forms.Form):
    """`action` add (with the target's id and a priority), priority (a wish's id and the new priority) or remove
    (a wish's id). The target is named per page: `exhibitor` for a buyer, `buyer` (a buyer profile) for a team."""

    ADD, PRIORITY, REMOVE = "add", "priority", "remove"

    action = forms.ChoiceField(choices=[(ADD, _("Add")), (PRIORITY, _("Change priority")), (REMOVE, _("Remove"))])
    priority = forms.ChoiceField(choices=Priority.choices, required=False)
    wish = IdField(required=False)
    target = IdField(required=False)

    def __init__(self, *args, target: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.target_name = target
        self.fields[target] = self.fields.pop("target")

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action == self.ADD and data.get(self.target_name) is None and self.target_name not in self.errors:
            self.add_error(self.target_name, _("Choose whom you wish to meet."))
        if action in (self.PRIORITY, self.REMOVE) and data.get("wish") is None and "wish" not in self.errors:
            self.add_error("wish", _("Choose one of your wishes."))
        if action in (self.ADD, self.PRIORITY) and not data.get("priority") and "priority" not in self.errors:
            self.add_error("priority", _("Choose “must meet” or “would like to meet”."))
        return data
