"""The importer's one error, and the problems it reports without stopping."""
from dataclasses import dataclass


class SummaryImportError(ValueError):
    """A file or text that cannot be read as a chair's summary at all; ``line`` when it has one."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        super().__init__(f"Line {line}: {message}" if line else message)


@dataclass(frozen=True)
class Problem:
    """A line, name or header field of the summary not recognised; the import goes on without it."""

    line: int | None
    message: str
    name: str = ""  # the unknown economy or organisation itself, to highlight it in the line

    def __str__(self):
        return f"line {self.line}: {self.message}" if self.line else self.message
