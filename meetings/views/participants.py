"""Who was at a meeting: the attendance grid and the participant list (with CSV import/export)."""
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_safe

from accounts.permissions import drafts_reader_required, secretariat_required
from accounts.roles import is_secretariat

from ..forms.participants import AttendanceCopyForm, AttendanceForm, ParticipantForm, ParticipantImportForm
from ..models import AttendanceCapacity, Meeting, Participant, Sex
from ..participant_csv import ParticipantFileError, participant_rows_read, participants_csv, template_csv
from ..permissions import meeting_edit_view
from ..selectors import meeting_previous, parties_represented_not_present
from ..services import attendance_copy, attendance_copy_plan, attendance_replace, participants_import
from .meetings import _posted

PARTICIPANTS_PER_PAGE = 100


def _all_members_ticked(data, form: AttendanceForm):
    """The posted grid with every member economy ticked (as a member where no capacity is chosen)."""
    data = data.copy()
    for economy in form.economies:
        data[f"present_e{economy.pk}"] = "on"
        if not data.get(f"capacity_e{economy.pk}"):
            data[f"capacity_e{economy.pk}"] = AttendanceCapacity.MEMBER
    return data


@meeting_edit_view()
@require_http_methods(["GET", "POST"])
def attendance_edit(request, meeting: Meeting):
    form = AttendanceForm(_posted(request), meeting=meeting)
    if request.method == "POST" and "tick_all_members" in request.POST:
        # Nothing is saved: the grid comes back with every member ticked, the rest as it was.
        form = AttendanceForm(_all_members_ticked(request.POST, form), meeting=meeting)
        messages.info(request, "Every member economy is ticked. Untick any that was absent, then save the attendance.")
        return render(request, "meetings/attendance_form.html", {
            "form": form, "meeting": meeting, "previous": meeting_previous(meeting),
        })
    if request.method == "POST" and form.is_valid():
        economies, organisations = form.present()
        attendance_replace(meeting=meeting, economies=economies, organisations=organisations)
        messages.success(
            request, f"Attendance saved: {len(economies)} economies and {len(organisations)} organisations present."
        )
        return redirect(meeting)
    return render(request, "meetings/attendance_form.html", {
        "form": form, "meeting": meeting, "previous": meeting_previous(meeting),
    })


def _names(names: list[str], most: int = 8) -> str:
    shown = names[:most] + ([f"{len(names) - most} more"] if len(names) > most else [])
    return "; ".join(shown)


@meeting_edit_view()
@require_http_methods(["GET", "POST"])
def attendance_copy_from_previous(request, meeting: Meeting):
    """Copy attendance and participants from the forum's previous meeting, after confirmation.

    The page shows what would be added and what is already recorded here (kept as it is);
    only a POST of the confirmation form copies, and it only adds.
    """
    source = meeting_previous(meeting)
    form = AttendanceCopyForm(_posted(request), source=source,
                              initial={"copy_attendance": True, "copy_participants": True})
    if request.method == "POST" and form.is_valid():
        done = attendance_copy(meeting=meeting, source=source, attendance=form.cleaned_data["copy_attendance"],
                               participants=form.cleaned_data["copy_participants"])
        added = []
        if form.cleaned_data["copy_attendance"]:
            added.append(f"{len(done.attendances)} economies and organisations present")
        if form.cleaned_data["copy_participants"]:
            added.append(f"{len(done.participants)} participant{'s' if len(done.participants) != 1 else ''}")
        kept = len(done.attendances_kept) + len(done.participants_kept)
        messages.success(request, f"Copied from the {source.title}: " + " and ".join(added) + " added"
                         + (f"; {kept} already recorded here kept as they were." if kept else "."))
        return redirect("meetings:attendance", pk=meeting.pk)
    plan = attendance_copy_plan(meeting=meeting, source=source) if source else None
    return render(request, "meetings/attendance_copy.html", {
        "meeting": meeting, "source": source, "form": form, "plan": plan,
        "attendances_added": _names([(a.economy or a.organisation).name for a in plan.attendances]) if plan else "",
        "participants_added": _names([p.name for p in plan.participants]) if plan else "",
    })


NOT_PRESENT = "Not ticked present in the attendance, yet with participants: {names}."


def _warn_if_not_present(request, meeting: Meeting) -> None:
    """After participants change: say which of their economies or organisations the
    attendance does not show as present, so that the summary's list of who attended is right."""
    names = parties_represented_not_present(meeting)
    if names:
        messages.warning(request, NOT_PRESENT.format(names="; ".join(names))
                         + " Tick them on the Attendance page if they attended.")


def participant_counts(meeting: Meeting) -> dict:
    """Counts by sex and by economy or organisation, for the sex-disaggregated list."""
    labels = dict(Sex.choices)
    by_sex = {labels[value]: 0 for value in Sex.values}
    for row in meeting.participants.values("sex").annotate(count=Count("pk")):
        by_sex[labels.get(row["sex"], row["sex"])] = row["count"]
    by_party = []
    rows = (
        meeting.participants.values("economy__name", "economy__position", "organisation__name", "sex")
        .annotate(count=Count("pk"))
        .order_by("economy__position", "organisation__name")
    )
    for row in rows:
        name = row["economy__name"] or row["organisation__name"] or "Not stated"
        if not by_party or by_party[-1]["name"] != name:
            by_party.append({"name": name, "total": 0, **{value: 0 for value in Sex.values}})
        by_party[-1][row["sex"]] += row["count"]
        by_party[-1]["total"] += row["count"]
    return {"by_sex": by_sex, "by_party": by_party, "total": sum(by_sex.values())}


@drafts_reader_required
@require_safe
def participant_list(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("forum"), pk=pk)
    participants = meeting.participants.select_related("economy", "organisation")
    page = Paginator(participants, PARTICIPANTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "meetings/participant_list.html", {
        "meeting": meeting,
        "page": page,
        "participants": page.object_list,
        "counts": participant_counts(meeting),
        "can_edit": is_secretariat(request.user) and not meeting.is_locked,
        "not_present": parties_represented_not_present(meeting),
    })


def _participants_url(meeting: Meeting) -> str:
    return reverse("meetings:participants", kwargs={"pk": meeting.pk})


@meeting_edit_view()
@require_http_methods(["GET", "POST"])
def participant_create(request, meeting: Meeting):
    form = ParticipantForm(_posted(request), meeting=meeting, instance=Participant(meeting=meeting))
    if request.method == "POST" and form.is_valid():
        participant = form.save()
        messages.success(request, f"{participant.name} is added to the participant list.")
        _warn_if_not_present(request, meeting)
        if "add_another" in request.POST:
            return redirect("meetings:participant_create", pk=meeting.pk)
        return redirect(_participants_url(meeting))
    return render(request, "meetings/participant_form.html", {"form": form, "meeting": meeting, "participant": None})


@meeting_edit_view()
@require_http_methods(["GET", "POST"])
def participant_edit(request, meeting: Meeting, participant_pk: int):
    participant = get_object_or_404(Participant, pk=participant_pk, meeting=meeting)
    form = ParticipantForm(_posted(request), meeting=meeting, instance=participant)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{participant.name}'s details are saved.")
        _warn_if_not_present(request, meeting)
        return redirect(_participants_url(meeting))
    return render(
        request, "meetings/participant_form.html", {"form": form, "meeting": meeting, "participant": participant}
    )


@meeting_edit_view()
@require_http_methods(["GET", "POST"])
def participant_delete(request, meeting: Meeting, participant_pk: int):
    participant = get_object_or_404(Participant, pk=participant_pk, meeting=meeting)
    if request.method == "POST":
        participant.delete()
        messages.success(request, f"{participant.name} is removed from the participant list.")
        return redirect(_participants_url(meeting))
    return render(request, "meetings/participant_delete.html", {"meeting": meeting, "participant": participant})


@meeting_edit_view()
@require_http_methods(["GET", "POST"])
def participant_import(request, meeting: Meeting):
    form = ParticipantImportForm(_posted(request), _posted(request, "FILES"))
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            rows, problems = participant_rows_read(form.cleaned_data["file"], meeting)
        except ParticipantFileError as error:
            form.add_error("file", str(error))
        else:
            if not problems:
                added = participants_import(meeting=meeting, rows=rows)
                messages.success(request, f"{len(added)} participant{'s' if len(added) != 1 else ''} imported.")
                _warn_if_not_present(request, meeting)
                return redirect(_participants_url(meeting))
            form.add_error("file", f"Nothing was imported: fix the {len(problems)} problem"
                                   f"{'s' if len(problems) != 1 else ''} listed below and upload the file again.")
    return render(request, "meetings/participant_import.html", {"form": form, "meeting": meeting, "problems": problems})


@secretariat_required
@require_safe
def participant_template(request, pk: int):
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="participants-template.csv"'
    return response


@drafts_reader_required
@require_safe
def participant_export(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("forum"), pk=pk)
    participants = meeting.participants.select_related("economy", "organisation")
    response = HttpResponse("\ufeff" + participants_csv(participants), content_type="text/csv; charset=utf-8")
    filename = slugify(f"{meeting.forum.code}-{meeting.number}-participants")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
