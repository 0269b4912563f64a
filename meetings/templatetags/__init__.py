"""Template filters of the meeting record."""
