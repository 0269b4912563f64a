"""Refusing saves from stale copies, so two people editing at once never overwrite each other.

Records that staff edit in the browser (the meeting header, agenda items, decisions,
actions) carry a ``version`` integer. An edit form sends back the version it was shown;
the save goes through only if the row still has that version.

API
---
``update_if_current(instance, *, version, changes, reason="")``
    In one transaction: ``UPDATE ... SET version = version + 1 WHERE pk = %s AND version = %s``.
    If no row matched, raises ``save_form_if_current(form, *, reason="")``
    For a valid versioned ModelForm: ``update_if_current`` with the form's concrete fields,
    then its many-to-many fields, in one transaction. Returns the saved instance; raises
    ``StaleEdit`` (nothing written) like ``update_if_current``.

``StaleEdit`` (nothing written). Otherwise applies ``changes``
    (a dict of model field name -> value; many-to-many fields are NOT handled: set them
    yourself afterwards, inside your own ``transaction.atomic()`` around the call) to the
    instance and saves it, so simple-history records the change with the request's user and
    ``reason`` as the change reason. Returns the saved instance, whose ``version`` is the new one.
    On PostgreSQL the conditional UPDATE locks the row, so of two concurrent saves from the
    same version exactly one wins.

``StaleEdit``
    ``.current`` is a fresh copy of the row from the database (``None`` if it was deleted
    meanwhile), ``.submitted`` the changes that were refused.

``VersionedFormMixin``
    For a ModelForm: adds a hidden ``version`` field, initialised from the instance.
    ``form.cleaned_data["version"]`` is what to pass to ``update_if_current``.

``conflict_response(request, *, form, error, title, cancel_url, fields=None, template=...)``
    The page shown on a refused save (HTTP 409): for each field in ``fields`` (by default the
    form's concrete model fields, as saved by ``save_form_if_current``; many-to-many choices
    stay in the form) the current saved value beside the value the user typed, and the
    user's form again, bound to their text but carrying the current version, so they can
    merge and save on purpose. Pass ``template`` to use your own page; the context is the same.

Typical view::

    form = MeetingForm(request.POST, instance=meeting)
    if form.is_valid():
        try:
            save_form_if_current(form)
        except StaleEdit as error:
            return conflict_response(request, form=form, error=error, title="Meeting details",
                                     cancel_url=meeting.get_absolute_url())
"""
from dataclasses import dataclass

from django import forms
from django.db import models, transaction
from django.db.models import F
from django.shortcuts import render

CONFLICT_MESSAGE = (
    "Someone else saved this while you were editing it. Your text is kept below beside the "
    "current one: merge what you need and save again."
)


class StaleEdit(Exception):
    """A save from a copy whose version is no longer the current one."""

    def __init__(self, current: models.Model | None, submitted: dict):
        self.current = current
        self.submitted = submitted
        super().__init__(CONFLICT_MESSAGE)


def update_if_current(instance: models.Model, *, version: int, changes: dict, reason: str = "") -> models.Model:
    """Apply ``changes`` to ``instance`` only if its row still has ``version`` (see module docstring)."""
    model = type(instance)
    with transaction.atomic():
        updated = model._default_manager.filter(pk=instance.pk, version=version).update(version=F("version") + 1)
        if not updated:
            current = model._default_manager.filter(pk=instance.pk).first()
            raise StaleEdit(current, changes)
        for name, value in changes.items():
            setattr(instance, name, value)
        instance.version = version + 1
        if reason:
            instance._change_reason = reason
        instance.save()
    return instance


def _concrete_field_names(form: forms.ModelForm) -> list[str]:
    """The form's fields that are concrete (non many-to-many) model fields, ``version`` aside."""
    concrete = {field.name for field in form._meta.model._meta.concrete_fields}
    return [name for name in form.fields if name in concrete and name != "version"]


def changes_from_form(form: forms.ModelForm) -> dict:
    """The concrete (non many-to-many) model fields of a valid ModelForm, as ``changes``."""
    return {name: form.cleaned_data[name] for name in _concrete_field_names(form) if name in form.cleaned_data}


def save_form_if_current(form: forms.ModelForm, *, reason: str = "") -> models.Model:
    """Save a valid versioned ModelForm only if its record still has the form's version."""
    with transaction.atomic():
        instance = update_if_current(
            form.instance, version=form.cleaned_data["version"], changes=changes_from_form(form), reason=reason
        )
        for field in instance._meta.many_to_many:
            if field.name in form.cleaned_data:
                getattr(instance, field.name).set(form.cleaned_data[field.name])
    return instance


class VersionedFormMixin(forms.Form):
    """A hidden ``version`` field carrying the version of the record the form was shown."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and not self.is_bound:
            self.initial["version"] = instance.version


@dataclass
class FieldConflict:
    label: str
    current: str
    submitted: str

    @property
    def differs(self) -> bool:
        return self.current != self.submitted


def _display(form: forms.BaseForm, name: str, value) -> str:
    field = form.fields.get(name)
    if value is None or value == "":
        return ""
    if isinstance(field, forms.ModelChoiceField) and not isinstance(value, models.Model):
        value = field.queryset.filter(pk=value).first()
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        return str(dict(field.choices).get(value, value))
    if isinstance(field, forms.BooleanField):
        return "yes" if value else "no"
    return str(value)


def conflict_response(
    request,
    *,
    form: forms.BaseForm,
    error: StaleEdit,
    title: str,
    cancel_url: str,
    fields: list[str] | None = None,
    template: str = "meetings/conflict.html",
    extra_context: dict | None = None,
):
    """Render the refused save: current value beside the user's, and their form again (409)."""
    current = error.current
    rows = []
    for name in _concrete_field_names(form) if fields is None else fields:
        if name == "version" or name not in form.fields:
            continue
        current_value = getattr(current, name, "") if current is not None else ""
        if current is not None and hasattr(current, f"get_{name}_display"):
            current_text = getattr(current, f"get_{name}_display")()
        else:
            current_text = _display(form, name, current_value)
        submitted_text = _display(form, name, form.cleaned_data.get(name, form.data.get(name)))
        rows.append(FieldConflict(str(form.fields[name].label or name), current_text, submitted_text))
    if current is not None:
        # The user's text stays in the form; only the version moves on, so saving again is deliberate.
        data = form.data.copy()
        data[form.add_prefix("version")] = str(current.version)
        form.data = data
    context = {
        "title": title,
        "rows": rows,
        "form": form,
        "deleted": current is None,
        "cancel_url": cancel_url,
        "message": CONFLICT_MESSAGE,
        **(extra_context or {}),
    }
    return render(request, template, context, status=409)
