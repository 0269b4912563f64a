"""The page survey of bench/pages.py on a small archive: it asks for every GET page of the
URLconf, with real rows for every URL parameter, and no page fails on the archive."""
import pytest

from bench.archive import archive_build
from bench.pages import Objects, _answers_get, survey_rows, survey_users
from tests.bench.test_archive import SMALL
from tests.test_permission_matrix import _patterns

pytestmark = pytest.mark.django_db


def test_survey_asks_for_every_get_page_with_real_rows_and_none_fails(client):
    archive = archive_build(**SMALL)
    users = survey_users(archive)
    rows = list(survey_rows(Objects(archive, users), _patterns()))
    client.force_login(users["Secretariat"])

    surveyed = {label.split(" (")[0] for label, _url in rows}
    skipped = sorted(label for label, url in rows if url is None)
    failed = [label for label, url in rows if url and client.get(url).status_code >= 500]

    assert surveyed == {name for name in _patterns() if _answers_get(name)}
    # The draft meeting has a row for every parameter but a record of adoption.
    assert [label for label in skipped if "101st" in label] == ["meetings:adopted_record_download (101st draft)"]
    assert failed == []
