"""The importer's one error, and the problems it reports without stopping."""
from dataclasses import asdict, dataclass


class SummaryImportError(ValueError):
    """A file or text that cannot be read as a chair's summary at all; ``line`` when it has one."""

    def __init__(self, message: str, line: int | None = None):
        self.message = message
        self.line = line
        super().__init__(f"Line {line}: {message}" if line else message)


@dataclass(frozen=True)
class Problem:
    """Something in the summary that was not recognised; the import goes on without it.

    ``kind`` is "name" (an economy or organisation the resolver does not know), "line"
    (a line or sentence that fits nowhere) or "missing" (a header field not found).
    """

    line: int | None
    kind: str
    message: str
    name: str = ""  # the unknown name itself, to highlight it in the line

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self):
        return f"line {self.line}: {self.message}" if self.line else self.message
