"""The group's record at a glance: the numbers page per forum and search across every meeting.

Reads the meeting record through ``meetings.selectors`` (the read rule lives there only).
"""
