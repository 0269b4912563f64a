"""Facts and helpers shared by the chair's summary tests (the draft_meeting fixture is in tests/conftest.py)."""
import html
import re
import subprocess


from accounts.models import Role

SEED_TITLES = [
    "Tasking Statement",
    "Work Plan",
    "SPAN",
    "Implementation of Osaka Action Agenda",
    "High Level Meeting on Micro-Enterprises",
    "Interaction with Private Sector",
    "Report on the Plan of Gender Integration in SMEWG",
    "SMEWG Projects",
    "Preparation for the Ninth Meeting of APEC Ministers Responsible for SMEs",
    "Outreach Program",
    "Invitation to OECD",
]
SEED_MEMBERS_IN_TEXT = [
    "Australia", "Brunei Darussalam", "Canada", "Chile", "the People's Republic of China", "Hong Kong, China",
    "Japan", "the Republic of Korea", "Malaysia", "Mexico", "New Zealand", "the Russian Federation", "Singapore",
    "Chinese Taipei", "Thailand", "the United States",
]
SEED_CHAIR = "Mr. Lic. Moises Gomez Reyna"
ROLES = {"secretariat": Role.SECRETARIAT, "chair": Role.CHAIR, "delegate": Role.DELEGATE}


def plain_text(markup: str) -> str:
    """Text of an HTML document with tags dropped, entities decoded and whitespace collapsed."""
    markup = re.sub(r"<(style|script)\b.*?</\1>", " ", markup, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


def pdf_text(data: bytes) -> str:
    """All text of a PDF by poppler's pdftotext, whitespace collapsed (a name broken over two
    lines reads whole). pypdf splits kerned words ("V oluntary"), so it is not used for text."""
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip()
