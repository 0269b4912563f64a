"""Data the app keeps next to the record so lists of 40,000 actions read it with a join (issue 10).

- ``Meeting.next_meeting_start``: the start of the forum's next meeting (the first to start
  later), when the actions due "by the next meeting" fall due. Recomputed for the whole forum
  when a meeting is added, deleted, or moves in time or forum (a forum has a few hundred
  meetings at most).
- ``Action.latest_note``: the newest progress note, set when a note is written or deleted.

Both follow every write path through the model signals connected here; rows put in with
``bulk_create`` (the benchmark's archive) call the ``*_refresh`` functions themselves.
"""
import bisect

from django.db.models import OuterRef, Subquery
from django.db.models.signals import post_delete, post_init, post_save

from .models import Action, Meeting, ProgressNote


def meetings_next_start_refresh(*, forum_id: int) -> int:
    """Set ``next_meeting_start`` of every meeting of the forum; returns how many changed."""
    meetings = list(Meeting.objects.filter(forum_id=forum_id).values_list("pk", "start_date", "next_meeting_start"))
    starts = sorted({start for _, start, _ in meetings})
    changed = 0
    for pk, start, stored in meetings:
        later = bisect.bisect_right(starts, start)
        next_start = starts[later] if later < len(starts) else None
        if next_start != stored:
            changed += Meeting.objects.filter(pk=pk).update(next_meeting_start=next_start)
    return changed


def actions_latest_note_refresh(actions=None) -> int:
    """Point ``latest_note`` of ``actions`` (default: all) at their newest progress note."""
    actions = Action.objects.all() if actions is None else actions
    newest = ProgressNote.objects.filter(action_id=OuterRef("pk")).order_by("-created", "-pk").values("pk")[:1]
    return actions.update(latest_note=Subquery(newest))


def _meeting_place(meeting: Meeting) -> tuple:
    # From __dict__: a deferred field must not cost a query here.
    return meeting.__dict__.get("forum_id"), meeting.__dict__.get("start_date")


def _meeting_loaded(sender, instance: Meeting, **kwargs) -> None:
    instance._loaded_place = _meeting_place(instance)


def _meeting_saved(sender, instance: Meeting, created: bool, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    loaded = getattr(instance, "_loaded_place", None)
    place = _meeting_place(instance)
    if created or place != loaded:
        for forum_id in {place[0], (loaded or place)[0]} - {None}:
            meetings_next_start_refresh(forum_id=forum_id)
    instance._loaded_place = place


def _meeting_deleted(sender, instance: Meeting, **kwargs) -> None:
    meetings_next_start_refresh(forum_id=instance.forum_id)


def _note_saved(sender, instance: ProgressNote, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        actions_latest_note_refresh(Action.objects.filter(pk=instance.action_id))


def _note_deleted(sender, instance: ProgressNote, **kwargs) -> None:
    # The action may be going too (a cascade): updating no row is then harmless.
    actions_latest_note_refresh(Action.objects.filter(pk=instance.action_id))


def connect() -> None:
    """Connect the receivers (``MeetingsConfig.ready``)."""
    post_init.connect(_meeting_loaded, sender=Meeting, dispatch_uid="meeting_next_start_loaded")
    post_save.connect(_meeting_saved, sender=Meeting, dispatch_uid="meeting_next_start_saved")
    post_delete.connect(_meeting_deleted, sender=Meeting, dispatch_uid="meeting_next_start_deleted")
    post_save.connect(_note_saved, sender=ProgressNote, dispatch_uid="action_latest_note_saved")
    post_delete.connect(_note_deleted, sender=ProgressNote, dispatch_uid="action_latest_note_deleted")
