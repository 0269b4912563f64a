"""Importing existing chair's summaries (.txt or .docx) as draft meeting records.

``summary_read(data, filename)`` turns an uploaded file into text, ``summary_parse(text,
forum=...)`` recognises the record (the dict of ``meetings.record``) and lists what it did
not recognise; saving goes through ``services.meeting_save_record``. Whatever the input,
these raise nothing but ``SummaryImportError``.
"""
from .errors import Problem, SummaryImportError
from .parsing import MAX_NUMBER, ParsedSummary, chair_participant, summary_parse
from .reading import MAX_BYTES, summary_read

__all__ = [
    "MAX_BYTES",
    "MAX_NUMBER",
    "ParsedSummary",
    "Problem",
    "SummaryImportError",
    "chair_participant",
    "summary_parse",
    "summary_read",
]
