"""Text limits that are said, not applied by cutting.

A field with a limit (``max_length``) would make Django give its input a ``maxlength``
attribute, and a browser then cuts a longer paste without a word. Forms of the record drop
that attribute, so a text over its limit reaches the server and comes back beside its field
with a message, everything typed kept. The limits themselves are the models' (``max_length``
on ``CharField`` and ``TextField``), far above what a real record needs.
"""

TOO_LONG = "This is %(show_value)s characters long; the limit is %(limit_value)s. Shorten it (nothing was saved)."


class LimitsSaidMixin:
    """For forms whose fields have limits: refuse a text over its limit with a message, never cut it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if getattr(field, "max_length", None):
                field.widget.attrs.pop("maxlength", None)
                field.error_messages["max_length"] = TOO_LONG
