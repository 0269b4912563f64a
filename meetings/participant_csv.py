"""The participant list as CSV: the template, reading an uploaded file, writing the export.

Columns (the export and the template use the same ones, so an export can be re-imported
into another meeting): name, title, organisation, represents, sex, role, email.
``represents`` is an economy (name, code or alias, e.g. "Korea", "MEX") or an organisation
("APEC Secretariat", "PECC"). ``sex`` is female, male or other (F and M are accepted);
``role`` is a role value or label ("head", "Head of delegation"), delegate when empty.

``participant_rows_read(file, meeting)`` reads and checks everything and returns
``(rows, problems)``: the rows ready to save and one sentence per problem, with the row
number as a spreadsheet shows it (the header is row 1). The caller saves nothing when
there is any problem.
"""
import csv
import io
from dataclasses import dataclass

from .models import Economy, Meeting, Organisation, ParticipantRole, Sex
from .names import NameIndex, UnknownName

COLUMNS = ["name", "title", "organisation", "represents", "sex", "role", "email"]
REQUIRED_COLUMNS = {"name", "sex"}
MAX_BYTES = 1024 * 1024
MAX_ROWS = 2000
SEX_WORDS = {"f": Sex.FEMALE, "female": Sex.FEMALE, "m": Sex.MALE, "male": Sex.MALE, "other": Sex.OTHER,
             "not stated": Sex.OTHER, "other / not stated": Sex.OTHER}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ParticipantFileError(ValueError):
    """The file as a whole cannot be read (size, encoding, columns); the message says why."""


@dataclass
class ParticipantRow:
    row_number: int
    name: str
    title: str
    employer: str
    economy: Economy | None
    organisation: Organisation | None
    sex: str
    role: str
    email: str


def template_csv() -> str:
    return ",".join(COLUMNS) + "\r\n"


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ParticipantFileError(
            "The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8 (comma delimited)” and try again."
        ) from error


def _role(value: str) -> str | None:
    if not value:
        return ParticipantRole.DELEGATE
    lowered = value.strip().lower()
    for role_value, label in ParticipantRole.choices:
        if lowered in (role_value, label.lower()):
            return role_value
    return None


def participant_rows_read(uploaded, meeting: Meeting) -> tuple[list[ParticipantRow], list[str]]:
    """Read an uploaded CSV file into rows; raises ``ParticipantFileError`` for a bad file."""
    if uploaded.size > MAX_BYTES:
        raise ParticipantFileError(
            f"The file is {uploaded.size // 1024} KB; a participant list may be at most {MAX_BYTES // 1024} KB."
        )
    raw = uploaded.read()
    if b"\x00" in raw[:4096]:
        raise ParticipantFileError("This is not a CSV text file. Download the template and fill that in.")
    text = _decode(raw)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    except csv.Error as error:
        raise ParticipantFileError(f"The file cannot be read as CSV: {error}.") from error
    if not header:
        raise ParticipantFileError("The file is empty. Download the template and fill that in.")
    reader.fieldnames = header
    missing = REQUIRED_COLUMNS - set(header)
    if missing:
        raise ParticipantFileError(
            f"The first row must name the columns; missing: {', '.join(sorted(missing))}. "
            f"Expected: {', '.join(COLUMNS)}."
        )
    unknown = [name for name in header if name and name not in COLUMNS]
    if unknown:
        raise ParticipantFileError(f"Unknown columns: {', '.join(unknown)}. Expected: {', '.join(COLUMNS)}.")

    existing = {
        (name.lower(), economy_id)
        for name, economy_id in meeting.participants.values_list("name", "economy_id")
    }
    names = NameIndex()
    rows: list[ParticipantRow] = []
    problems: list[str] = []
    seen: dict[tuple[str, int | None], int] = {}
    try:
        for line_number, record in enumerate(reader, start=2):
            if line_number - 1 > MAX_ROWS:
                raise ParticipantFileError(f"The file has more than {MAX_ROWS} participants; split it in parts.")
            values = {key: (value or "").strip() for key, value in record.items() if key}
            if None in record:
                problems.append(f"Row {line_number}: more cells than columns (a comma inside a name needs quotes).")
                continue
            if not any(values.values()):
                continue
            row_problems = []
            name = values.get("name", "")
            if not name:
                row_problems.append("the name is missing")
            elif len(name) > 150:
                row_problems.append("the name is longer than 150 characters")
            sex = SEX_WORDS.get(values.get("sex", "").lower())
            if sex is None:
                row_problems.append(f"sex “{values.get('sex', '')}” is not female, male or other")
            role = _role(values.get("role", ""))
            if role is None:
                row_problems.append(f"role “{values['role']}” is not one of {', '.join(ParticipantRole.values)}")
            economy = organisation = None
            represents = values.get("represents", "")
            if represents:
                try:
                    economy, organisation = names.party(represents)
                except UnknownName:
                    row_problems.append(f"“{represents}” is not a member economy or a known organisation")
            email = values.get("email", "")
            if email and ("@" not in email or " " in email):
                row_problems.append(f"“{email}” is not an e-mail address")
            key = (name.lower(), economy.pk if economy else None)
            if name and key in existing:
                row_problems.append(f"{name} is already on this meeting's list")
            elif name and key in seen:
                row_problems.append(f"{name} is also on row {seen[key]}")
            seen.setdefault(key, line_number)
            if row_problems:
                problems.append(f"Row {line_number}: " + "; ".join(row_problems) + ".")
                continue
            rows.append(ParticipantRow(
                row_number=line_number, name=name, title=values.get("title", "")[:200],
                employer=values.get("organisation", "")[:200], economy=economy, organisation=organisation,
                sex=sex, role=role, email=email,
            ))
    except csv.Error as error:
        raise ParticipantFileError(f"The file cannot be read as CSV: {error}.") from error
    if not rows and not problems:
        raise ParticipantFileError("The file has no participants under its header row.")
    return rows, problems


def _cell(value: str) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + value if value.startswith(FORMULA_START) else value


def participants_csv(participants) -> str:
    """The export: one row per participant, in the template's columns."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for participant in participants:
        represents = participant.economy or participant.organisation
        writer.writerow([_cell(value) for value in [
            participant.name, participant.title, participant.employer, represents.name if represents else "",
            participant.sex, participant.role, participant.email,
        ]])
    return out.getvalue()
