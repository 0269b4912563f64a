"""Search across the record: stemming, highlighting, filters, the read rule, bad input."""
import pytest
from django.db import connection

from insights.search import KINDS, SearchFilters, search_record
from meetings.models import Economy, Forum
from tests.factories import DocumentFactory, ProjectFactory

from .record import small_record

pytestmark = pytest.mark.django_db

URL = "/insights/search/"
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search needs PostgreSQL")


def _found(user, words: str, **filters) -> list[tuple[str, str]]:
    results = search_record(user=user, filters=SearchFilters(words=words, **filters))
    return sorted((hit.kind.key, hit.title) for hit in results.hits)


@postgres_only
def test_search_finds_a_decision_by_a_stemmed_word(secretariat_user):
    small_record()

    found = _found(secretariat_user, "publishing guides", kinds=["decision"])

    assert found == [("decision", "Agreed, under item 1. Electronic commerce for SMEs")]


@postgres_only
def test_search_highlights_the_stemmed_words_and_escapes_the_rest(secretariat_user):
    record = small_record()
    record.mexico_done.decision.text = 'The Group agreed to publish <img src=x onerror="alert(1)"> R&D guides.'
    record.mexico_done.decision.save()

    hit = search_record(user=secretariat_user, filters=SearchFilters(words="publishing", kinds=["decision"])).hits[0]

    snippet = str(hit.snippet)
    assert ("<mark>publish</mark>" in snippet, "R&amp;D" in snippet, "<img" in snippet, "<mark>" in snippet.replace(
        "<mark>publish</mark>", "")) == (True, True, False, False)


def test_search_finds_every_kind_with_its_meeting(secretariat_user):
    record = small_record()
    DocumentFactory(meeting=record.adopted, symbol="2010/SMEWG20/007", title="Readiness survey results")
    ProjectFactory(title="Readiness index", code="SME 02/2010")

    results = search_record(user=secretariat_user, filters=SearchFilters(words="readiness"))

    kinds = {hit.kind.key: hit for hit in results.hits}
    assert sorted(kinds) == ["action", "decision", "document", "item", "project"]
    assert (kinds["document"].meeting, kinds["document"].when.isoformat(), kinds["project"].meeting) == (
        record.adopted, "2010-04-01", None
    )
    assert [kind.key for kind in KINDS] == ["meeting", "item", "decision", "action", "note", "document", "project"]


def test_search_finds_a_document_by_its_symbol(secretariat_user):
    record = small_record()
    DocumentFactory(meeting=record.adopted, symbol="2010/SMEWG20/007", title="Survey results")

    assert _found(secretariat_user, "2010/SMEWG20/007") == [("document", "2010/SMEWG20/007 Survey results")]


def test_search_finds_a_meeting_by_its_city(chair_user):
    small_record()

    assert _found(chair_user, "Quito") == [("meeting", "21st SMEWG meeting, Quito")]


def test_search_delegate_finds_nothing_of_a_draft_meeting(delegate_user, secretariat_user):
    small_record()

    staff = _found(secretariat_user, "budget")
    delegate = _found(delegate_user, "budget")

    assert (len(staff), delegate) == (2, [])


def test_search_delegate_does_not_find_another_economys_note_or_action(delegate_user, other_delegate_user):
    small_record()

    mexico = _found(delegate_user, "seminar")
    japan = _found(other_delegate_user, "seminar")

    assert mexico == []
    assert japan == [("action", "Host the trade finance seminar"), ("note", "Progress on “Host the trade finance seminar”")]


def test_search_filters_by_kind_economy_forum_and_years(secretariat_user):
    small_record()
    smewg = Forum.objects.get(code="SMEWG")
    other = Forum.objects.create(code="PPWE", name="Policy Partnership on Women and the Economy")

    by_kind = _found(secretariat_user, "guide", kinds=["action"])
    by_japan = _found(secretariat_user, "seminar", economy=Economy.objects.get(code="JPN"))
    by_mexico = _found(secretariat_user, "seminar", economy=Economy.objects.get(code="MEX"))
    by_forum = (_found(secretariat_user, "guide", forum=other), len(_found(secretariat_user, "guide", forum=smewg)))
    by_years = (_found(secretariat_user, "budget", year_from=2011, year_to=2011),
                _found(secretariat_user, "budget", year_from=2010, year_to=2010))

    assert by_kind == [("action", "Publish the readiness guide")]
    assert (by_japan, by_mexico) == (
        [("action", "Host the trade finance seminar"), ("note", "Progress on “Host the trade finance seminar”")], []
    )
    assert by_forum == ([], 3)
    assert by_years == ([("action", "Prepare the budget proposal"), ("item", "Item 1. Confidential budget matters")], [])


def test_search_page_shows_hits_with_meeting_and_marks(secretariat_client):
    small_record()

    response = secretariat_client.get(URL, {"q": "guide"})

    html = response.content.decode()
    assert (response.status_code, "<mark>guide</mark>" in html, "20th SMEWG meeting, Lima, 1-2 April 2010" in html) == (
        200, True, True
    )


def test_search_page_without_words_shows_the_form_only(delegate_client):
    response = delegate_client.get(URL)

    assert (response.status_code, response.context["results"]) == (200, None)


def test_search_page_bad_filters_say_so_and_keep_the_words(secretariat_client):
    response = secretariat_client.get(URL, {"q": "guide", "year_from": "2012", "year_to": "2010", "economy": "XXX"})

    html = response.content.decode()
    assert (response.status_code, response.context["results"], 'id="search-errors"' in html, 'value="guide"' in html,
            "The last year is before the first." in html) == (200, None, True, True, True)


def test_search_page_nul_and_overlong_words_are_refused_with_a_message(secretariat_client):
    nul = secretariat_client.get(URL, {"q": "gu\x00ide"})
    long = secretariat_client.get(URL, {"q": "x" * 201})

    assert (nul.status_code, "Null characters are not allowed." in nul.content.decode()) == (200, True)
    assert (long.status_code, "at most 200 characters" in long.content.decode()) == (200, True)


def test_search_page_odd_query_syntax_does_not_fail(secretariat_client):
    small_record()

    response = secretariat_client.get(URL, {"q": '"unclosed OR -( & | ! :*'})

    assert response.status_code == 200


def test_search_refuses_post(secretariat_client):
    assert secretariat_client.post(URL, {"q": "x"}).status_code == 405


@postgres_only
@pytest.mark.parametrize("kind", [kind.key for kind in KINDS])
def test_search_uses_the_gin_index_of_each_kind(secretariat_user, kind):
    from insights.search import _filtered, _matches

    chosen = next(k for k in KINDS if k.key == kind)
    rows = _matches(chosen, chosen.model.objects.all(), SearchFilters(words="agreed"))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = rows.explain()

    assert f"insights_fts_{kind}" in plan
    assert _filtered  # the same helper the page uses builds the query


@pytest.mark.parametrize("words, stems", [
    ("publishing", ["publish"]), ("published guides", ["publish", "guid"]), ("SMEs bus", ["SMEs", "bus"]),
    ("2002/SMEWG14/005", ["2002/SMEWG14/005"]), ("", []),
])
def test_plain_search_drops_the_commonest_endings(words, stems):
    from insights.search import plain_stems

    assert plain_stems(words) == stems
