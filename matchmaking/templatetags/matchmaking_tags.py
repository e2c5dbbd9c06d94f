"""The ☆ Shortlist button for pages of lower apps (exhibitors), which must not import matchmaking themselves."""

from django import template

from matchmaking.models import Interest

register = template.Library()


@register.inclusion_tag("matchmaking/partials/interest_button.html", takes_context=True)
def interest_button(context, thing, kind: str):
    user = context["request"].user
    state = Interest.objects.filter(user=user, **{kind: thing}).values_list("kind", flat=True).first()
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "kind": kind,
        "thing": thing,
        "on": state == Interest.Kind.SHORTLIST,
        "dismissed": state == Interest.Kind.NOT_INTERESTED,
    }
