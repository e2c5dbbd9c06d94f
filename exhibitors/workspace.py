"""/manage/: an exhibitor team keeps its profile, catalogue, rights and team.

Every object is looked up through the signed-in user's own company, so another company's title is a 404.
htmx requests get the changed region back; plain form posts redirect, so everything works without JavaScript.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from exhibitors import selectors, services
from exhibitors.forms import ExhibitorProfileForm, InvitationForm, RightsForm, TitleForm
from exhibitors.models import Invitation, RightsAvailability, TeamMember, TeamRole, Title
from markets.selectors import market_for_request
from web.htmx import hx_redirect


def _membership(request: HttpRequest) -> TeamMember | None:
    return selectors.membership_of(user=request.user, market=market_for_request(request))


def _require_membership(request: HttpRequest) -> TeamMember:
    membership = _membership(request)
    if membership is None:
        raise Http404
    return membership


def _own_title(membership: TeamMember, slug: str) -> Title:
    return get_object_or_404(Title, exhibitor=membership.exhibitor, slug=slug)


def _form_data(form) -> dict:
    image_field = getattr(form, "image_field", "")
    return {name: value for name, value in form.cleaned_data.items() if name != image_field}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    if membership is None:
        return render(request, "exhibitors/workspace/not_a_member.html", status=200)
    exhibitor = membership.exhibitor
    titles = exhibitor.titles.order_by("-updated_at").prefetch_related("rights")
    return render(
        request, "exhibitors/workspace/home.html", {"membership": membership, "exhibitor": exhibitor, "titles": titles}
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    membership = _require_membership(request)
    exhibitor = membership.exhibitor
    form = ExhibitorProfileForm(request.POST or None, request.FILES or None, instance=exhibitor)
    saved = False
    if request.method == "POST" and form.is_valid():
        services.exhibitor_profile_update(
            exhibitor=exhibitor, data=_form_data(form), logo=form.cleaned_data.get("logo")
        )
        if not request.htmx:
            messages.success(request, _("Your company profile is saved."))
            return redirect("workspace:home")
        saved = True
    template = "exhibitors/workspace/profile.html#profile-form" if request.htmx else "exhibitors/workspace/profile.html"
    return render(request, template, {"form": form, "exhibitor": exhibitor, "saved": saved})


@login_required
@require_http_methods(["GET", "POST"])
def title_new(request: HttpRequest) -> HttpResponse:
    membership = _require_membership(request)
    form = TitleForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        title = services.title_create(
            exhibitor=membership.exhibitor, data=_form_data(form), poster=form.cleaned_data.get("poster")
        )
        messages.success(
            request,
            _("“%(title)s” is in your catalogue. Now say where its rights are open.") % {"title": title.english_title},
        )
        return hx_redirect(request, reverse("workspace:title", args=[title.slug]))
    template = (
        "exhibitors/workspace/title_new.html#title-form" if request.htmx else "exhibitors/workspace/title_new.html"
    )
    return render(request, template, {"form": form, "exhibitor": membership.exhibitor})


def _title_page(
    request: HttpRequest,
    title: Title,
    *,
    form=None,
    rights_form=None,
    editing: int | None = None,
    saved: bool = False,
    template: str = "exhibitors/workspace/title_edit.html",
    status: int = 200,
):
    context = {
        "title": title,
        "exhibitor": title.exhibitor,
        "form": form or TitleForm(instance=title),
        "rights": title.rights.order_by("available_from", "pk"),
        "rights_form": rights_form if rights_form is not None and editing is None else RightsForm(),
        "editing": editing,
        "editing_form": rights_form if editing is not None else None,
        "saved": saved,
        "editable": True,
    }
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def title_edit(request: HttpRequest, slug: str) -> HttpResponse:
    membership = _require_membership(request)
    title = _own_title(membership, slug)
    if request.method == "GET":
        return _title_page(request, title)
    # The form edits its own copy, so a rejected edit never shows on the rest of the page as if saved.
    form = TitleForm(request.POST, request.FILES, instance=Title.objects.get(pk=title.pk))
    fragment = "exhibitors/workspace/title_edit.html#title-form"
    if not form.is_valid():
        template = fragment if request.htmx else "exhibitors/workspace/title_edit.html"
        return _title_page(request, title, form=form, template=template)
    title = services.title_update(title=title, data=_form_data(form), poster=form.cleaned_data.get("poster"))
    if request.htmx:
        return _title_page(request, title, form=TitleForm(instance=title), saved=True, template=fragment)
    messages.success(request, _("Saved."))
    return redirect("workspace:title", slug=title.slug)


@login_required
@require_http_methods(["GET", "POST"])
def title_delete(request: HttpRequest, slug: str) -> HttpResponse:
    membership = _require_membership(request)
    title = _own_title(membership, slug)
    if request.method == "GET":
        return render(request, "exhibitors/workspace/title_delete.html", {"title": title})
    name = title.english_title
    services.title_delete(title=title)
    messages.success(request, _("“%(title)s” is no longer in your catalogue.") % {"title": name})
    return hx_redirect(request, reverse("workspace:home"))


# --- Rights rows: every change answers with the rights region (htmx) or the title page (plain post) -------


def _rights_response(request: HttpRequest, title: Title, **kwargs) -> HttpResponse:
    if request.htmx:
        return _title_page(request, title, template="exhibitors/workspace/title_edit.html#rights", **kwargs)
    if kwargs.get("rights_form") is not None and kwargs["rights_form"].errors:
        return _title_page(request, title, **kwargs)
    return redirect(reverse("workspace:title", args=[title.slug]) + "#rights")


@login_required
@require_POST
def rights_add(request: HttpRequest, slug: str) -> HttpResponse:
    title = _own_title(_require_membership(request), slug)
    form = RightsForm(request.POST)
    if form.is_valid():
        services.rights_save(title=title, data=form.cleaned_data)
        return _rights_response(request, title)
    return _rights_response(request, title, rights_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def rights_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    title = _own_title(_require_membership(request), slug)
    rights = get_object_or_404(RightsAvailability, title=title, pk=pk)
    if request.method == "GET":
        return _rights_response_editing(request, title, RightsForm(instance=rights), pk)
    form = RightsForm(request.POST, instance=rights)
    if form.is_valid():
        services.rights_save(title=title, rights=rights, data=form.cleaned_data)
        return _rights_response(request, title)
    return _rights_response_editing(request, title, form, pk)


def _rights_response_editing(request: HttpRequest, title: Title, form: RightsForm, pk: int) -> HttpResponse:
    template = "exhibitors/workspace/title_edit.html#rights" if request.htmx else "exhibitors/workspace/title_edit.html"
    return _title_page(request, title, rights_form=form, editing=pk, template=template)


@login_required
@require_POST
def rights_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    title = _own_title(_require_membership(request), slug)
    rights = get_object_or_404(RightsAvailability, title=title, pk=pk)
    services.rights_delete(rights=rights)
    return _rights_response(request, title)


# --- Team ----------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def team(request: HttpRequest) -> HttpResponse:
    membership = _require_membership(request)
    exhibitor = membership.exhibitor
    is_admin = membership.role == TeamRole.ADMIN
    form = InvitationForm(request.POST or None)
    if request.method == "POST":
        if not is_admin:
            raise Http404
        if form.is_valid():
            try:
                services.invitation_create(
                    exhibitor=exhibitor,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    invited_by=request.user,
                    accept_url_base=request.build_absolute_uri("/").rstrip("/"),
                )
            except ValidationError as error:
                form.add_error("email", error)
            else:
                messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
                return redirect("workspace:team")
    context = {
        "exhibitor": exhibitor,
        "membership": membership,
        "is_admin": is_admin,
        "members": exhibitor.team.select_related("user").order_by("role", "user__full_name"),
        "invitations": exhibitor.invitations.filter(accepted_at__isnull=True, withdrawn_at__isnull=True).order_by(
            "-created_at"
        ),
        "form": form,
    }
    return render(request, "exhibitors/workspace/team.html", context)


@login_required
@require_POST
def invitation_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _require_membership(request)
    try:
        services.invitation_withdraw(exhibitor=membership.exhibitor, invitation_id=pk, acting_user=request.user)
    except (PermissionDenied, Invitation.DoesNotExist) as exc:
        raise Http404 from exc
    messages.success(request, _("Invitation withdrawn."))
    return redirect("workspace:team")


@login_required
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, token: str) -> HttpResponse:
    """The link in a team invitation: a page that says what joining means, and a button that does it (a link
    opened by a mail scanner or a preview changes nothing)."""
    invitation = selectors.invitation_by_token(token=token)
    problem = selectors.invitation_problem(invitation=invitation, user=request.user)
    if problem:
        already = invitation is not None and TeamMember.objects.filter(
            exhibitor=invitation.exhibitor, user=request.user
        ).exists()
        if already:
            return redirect("workspace:home")
        return render(request, "exhibitors/workspace/invitation_invalid.html", {"problem": problem}, status=404)
    if request.method == "GET":
        return render(request, "exhibitors/workspace/join.html", {"invitation": invitation})
    try:
        outcome = services.invitation_accept(token=token, user=request.user)
    except Invitation.DoesNotExist:
        return render(request, "exhibitors/workspace/invitation_invalid.html", status=404)
    if outcome.joined:
        messages.success(request, _("Welcome to the %(name)s team.") % {"name": outcome.exhibitor.name})
    return redirect("workspace:home")
