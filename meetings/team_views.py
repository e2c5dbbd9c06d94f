"""Removing a team member, with what becomes of their meetings: here rather than in the exhibitor workspace
because it changes meetings, which sit above exhibitors (the URL stays under /manage/team/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from exhibitors.models import TeamMember, TeamRole
from exhibitors.selectors import membership_of
from markets.decorators import market_required
from meetings import services
from meetings.forms import MemberRemovalForm


@login_required
@market_required
@require_http_methods(["GET", "POST"])
def team_member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """A company admin removes a member: first a page that says what happens to their meetings, then the post."""
    admin = membership_of(user=request.user, market=request.market)
    if admin is None or admin.role != TeamRole.ADMIN:
        raise Http404
    member = TeamMember.objects.select_related("user").filter(exhibitor=admin.exhibitor, pk=pk).first()
    if member is None:
        raise Http404
    form = MemberRemovalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.team_member_remove(
                exhibitor=admin.exhibitor,
                member_id=pk,
                acting_user=request.user,
                open_meetings=form.cleaned_data["open_meetings"],
                reason=form.cleaned_data["reason"],
            )
        except (PermissionDenied, TeamMember.DoesNotExist) as exc:
            raise Http404 from exc
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s is no longer on the team. Meetings handed to you: %(moved)s; cancelled: %(cancelled)s.")
                % {
                    "name": member.user.get_full_name(),
                    "moved": outcome["handed_over"],
                    "cancelled": outcome["called_off"],
                },
            )
            return redirect("workspace:team")
    context = {
        "member": member,
        "exhibitor": admin.exhibitor,
        "form": form,
        "open_meetings": services.open_meetings_of(rep=member.user, exhibitor=admin.exhibitor).count(),
    }
    return render(request, "meetings/team_member_remove.html", context, status=400 if form.errors else 200)
