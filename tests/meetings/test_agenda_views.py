"""The agenda editor: items, decisions, agreed actions and project reports, by plain POST and htmx."""
import datetime

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Action, AgendaItem, Decision
from meetings.views.agenda import AGENDA_ITEMS_PER_PAGE
from projects.models import Project, ProjectReport
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    DecisionFactory,
    MeetingFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def meeting():
    return MeetingFactory(number=15)


@pytest.fixture
def item(meeting):
    return AgendaItemFactory(meeting=meeting, position=1, title="Opening", text="The Chair welcomed delegates.")


def agenda_url(meeting):
    return reverse("meetings:agenda", args=[meeting.pk])


def positions(meeting):
    return list(meeting.agenda_items.order_by("position").values_list("title", "position"))


# Who may open the editor and post to it.


def test_agenda_anonymous_redirects_to_login(client, meeting):
    response = client.get(agenda_url(meeting))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("user_fixture", ["delegate_user", "other_delegate_user", "chair_user"])
def test_agenda_other_roles_forbidden(client, meeting, item, request, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))

    get = client.get(agenda_url(meeting))
    post = client.post(reverse("meetings:agenda_item_add", args=[meeting.pk]), {"new-item-title": "Sneaky"})
    edit = client.post(reverse("meetings:agenda_item_edit", args=[meeting.pk, item.pk]), {"item1-title": "X"})

    assert (get.status_code, post.status_code, edit.status_code) == (403, 403, 403)
    assert positions(meeting) == [("Opening", 1)]


def test_agenda_secretariat_sees_items(secretariat_client, meeting, item):
    DecisionFactory(agenda_item=item, kind="noted", text="The Group noted the report.")
    ActionFactory(agenda_item=item, text="Circulate the report", economies=["MEX"])

    response = secretariat_client.get(agenda_url(meeting))

    assert response.status_code == 200
    content = response.content.decode()
    assert "1. Opening" in content
    assert "The Group noted the report." in content
    assert "Circulate the report" in content
    assert "Mexico" in content


def test_agenda_queries_do_not_grow_with_items(secretariat_client, meeting, django_assert_num_queries):
    def add_item(position):
        agenda_item = AgendaItemFactory(meeting=meeting, position=position)
        DecisionFactory(agenda_item=agenda_item)
        ActionFactory(agenda_item=agenda_item, economies=["AUS", "JPN"])

    add_item(1)
    with django_assert_num_queries(14):
        secretariat_client.get(agenda_url(meeting))
    add_item(2)
    add_item(3)
    with django_assert_num_queries(14):
        response = secretariat_client.get(agenda_url(meeting))
    assert response.content.decode().count('class="card mb-3 agenda-item"') == 3


# A long agenda (more than AGENDA_ITEMS_PER_PAGE items) is edited a page at a time.


@pytest.fixture
def long_agenda(meeting):
    """25 items: page 1 holds items 1-20, page 2 items 21-25."""
    assert AGENDA_ITEMS_PER_PAGE == 20
    return [AgendaItemFactory(meeting=meeting, position=n, title=f"Item {n}") for n in range(1, 26)]


def item_titles(response) -> list[str]:
    return [item.title for item in response.context["items"]]


def test_agenda_long_shows_one_page_of_items_with_links_to_every_page(secretariat_client, meeting, long_agenda):
    first = secretariat_client.get(agenda_url(meeting))
    second = secretariat_client.get(agenda_url(meeting), {"page": "2"})

    assert item_titles(first) == [f"Item {n}" for n in range(1, 21)]
    assert item_titles(second) == [f"Item {n}" for n in range(21, 26)]
    assert f'<a class="page-link" href="{agenda_url(meeting)}?page=2">Items 21–25</a>' in first.content.decode()
    assert f'<a class="page-link" href="{agenda_url(meeting)}?page=1">Items 1–20</a>' in second.content.decode()


def test_item_add_invalid_without_javascript_links_to_the_editors_pages(secretariat_client, meeting, long_agenda):
    response = secretariat_client.post(reverse("meetings:agenda_item_add", args=[meeting.pk]), {"new-item-title": ""})

    assert response.status_code == 400
    assert f'href="{agenda_url(meeting)}?page=2"' in response.content.decode()


def test_agenda_page_out_of_range_shows_the_nearest(secretariat_client, meeting, long_agenda):
    past = secretariat_client.get(agenda_url(meeting), {"page": "9"})
    junk = secretariat_client.get(agenda_url(meeting), {"page": "x"})

    assert (item_titles(past)[0], item_titles(junk)[0]) == ("Item 21", "Item 1")


def test_agenda_short_has_no_page_links(secretariat_client, meeting, item):
    response = secretariat_client.get(agenda_url(meeting))

    assert "Pages of the agenda" not in response.content.decode()


def test_agenda_page_queries_do_not_grow_with_pages(secretariat_client, meeting, long_agenda,
                                                      django_assert_num_queries):
    with django_assert_num_queries(12):  # no decisions or actions: their nested prefetches are skipped
        secretariat_client.get(agenda_url(meeting))
    with django_assert_num_queries(12):
        secretariat_client.get(agenda_url(meeting), {"page": "2"})


def test_agenda_last_item_of_a_page_may_still_move_down(secretariat_client, meeting, long_agenda):
    first = secretariat_client.get(agenda_url(meeting)).content.decode()
    second = secretariat_client.get(agenda_url(meeting), {"page": "2"}).content.decode()

    assert 'aria-label="Move item 20 down" title="Move down">' in first
    assert 'aria-label="Move item 25 down" title="Move down" disabled>' in second


def test_item_move_across_pages_plain_post_goes_to_its_new_page(secretariat_client, meeting, long_agenda):
    twentieth = long_agenda[19]

    response = secretariat_client.post(
        reverse("meetings:agenda_item_move", args=[meeting.pk, twentieth.pk]), {"direction": "down"}
    )

    assert response.url == agenda_url(meeting) + f"?page=2#agenda-item-{twentieth.pk}"


def test_item_move_htmx_returns_the_page_holding_the_item(secretariat_client, meeting, long_agenda):
    response = secretariat_client.post(
        reverse("meetings:agenda_item_move", args=[meeting.pk, long_agenda[19].pk]), {"direction": "down"}, **HTMX
    )

    assert item_titles(response) == ["Item 20", "Item 22", "Item 23", "Item 24", "Item 25"]
    assert response["HX-Replace-Url"] == agenda_url(meeting) + "?page=2"


def test_item_add_htmx_on_long_agenda_shows_the_last_page(secretariat_client, meeting, long_agenda):
    response = secretariat_client.post(
        reverse("meetings:agenda_item_add", args=[meeting.pk]), {"new-item-title": "Close", "page": "1"}, **HTMX
    )

    assert item_titles(response)[-2:] == ["Item 25", "Close"]


def test_item_add_invalid_htmx_stays_on_the_page_it_was_sent_from(secretariat_client, meeting, long_agenda):
    response = secretariat_client.post(
        reverse("meetings:agenda_item_add", args=[meeting.pk]), {"new-item-title": "", "page": "1"}, **HTMX
    )

    assert (item_titles(response)[0], response.context["item_add_form"].is_bound) == ("Item 1", True)


def test_item_add_plain_post_on_long_agenda_redirects_to_the_last_page(secretariat_client, meeting, long_agenda):
    response = secretariat_client.post(reverse("meetings:agenda_item_add", args=[meeting.pk]), {"new-item-title": "Close"})

    added = meeting.agenda_items.get(title="Close")
    assert response.url == agenda_url(meeting) + f"?page=2#agenda-item-{added.pk}"


def test_item_delete_htmx_returns_the_page_it_was_on(secretariat_client, meeting, long_agenda):
    response = secretariat_client.post(
        reverse("meetings:agenda_item_delete", args=[meeting.pk, long_agenda[22].pk]), **HTMX
    )

    assert item_titles(response) == ["Item 21", "Item 22", "Item 24", "Item 25"]


def test_item_edit_plain_page_links_back_to_the_items_page(secretariat_client, meeting, long_agenda):
    item = long_agenda[21]

    content = secretariat_client.get(reverse("meetings:agenda_item_edit", args=[meeting.pk, item.pk])).content.decode()

    assert content.count(f'href="{agenda_url(meeting)}?page=2#agenda-item-{item.pk}"') == 2  # Cancel, Back


def test_decision_edit_plain_cancel_goes_to_the_items_page(secretariat_client, meeting, long_agenda):
    decision = DecisionFactory(agenda_item=long_agenda[24])

    content = secretariat_client.get(
        reverse("meetings:agenda_decision_edit", args=[meeting.pk, decision.pk])
    ).content.decode()

    assert f'href="{agenda_url(meeting)}?page=2#decision-{decision.pk}"' in content


def test_action_show_plain_redirects_to_the_items_page(secretariat_client, meeting, long_agenda):
    action = ActionFactory(agenda_item=long_agenda[20])

    response = secretariat_client.get(reverse("meetings:agenda_action", args=[meeting.pk, action.pk]))

    assert response.url == agenda_url(meeting) + f"?page=2#action-{action.pk}"


def test_agenda_locked_meeting_refuses_edits(secretariat_client, meeting, item):
    meeting.status = "adopted"
    meeting.save()

    get = secretariat_client.get(agenda_url(meeting))
    add = secretariat_client.post(reverse("meetings:agenda_item_add", args=[meeting.pk]), {"new-item-title": "Late"})
    move = secretariat_client.post(reverse("meetings:agenda_item_move", args=[meeting.pk, item.pk]), {"direction": "down"})
    decision = secretariat_client.post(
        reverse("meetings:agenda_decision_add", args=[meeting.pk, item.pk]),
        {f"item{item.pk}-decision-kind": "noted", f"item{item.pk}-decision-text": "Late"},
    )

    assert (get.status_code, add.status_code, move.status_code, decision.status_code) == (403, 403, 403, 403)
    assert "locked" in get.content.decode()
    assert positions(meeting) == [("Opening", 1)]
    assert item.decisions.count() == 0


# Agenda items.


def test_item_add_plain_post_redirects_with_message(secretariat_client, meeting, item):
    response = secretariat_client.post(
        reverse("meetings:agenda_item_add", args=[meeting.pk]),
        {"new-item-title": "Adoption of the agenda", "new-item-text": "The agenda was adopted."},
        follow=True,
    )

    assert positions(meeting) == [("Opening", 1), ("Adoption of the agenda", 2)]
    assert response.redirect_chain[0][0].startswith(agenda_url(meeting))
    assert "Agenda item 2 “Adoption of the agenda” added." in response.content.decode()


def test_item_add_htmx_returns_editor_fragment(secretariat_client, meeting):
    response = secretariat_client.post(
        reverse("meetings:agenda_item_add", args=[meeting.pk]), {"new-item-title": "Opening"}, **HTMX
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert '<div id="agenda-editor">' in content
    assert "<html" not in content
    assert 'hx-swap-oob="true"' in content
    assert "Agenda item 1 “Opening” added." in content


def test_item_add_without_title_keeps_text_and_shows_error(secretariat_client, meeting):
    response = secretariat_client.post(
        reverse("meetings:agenda_item_add", args=[meeting.pk]),
        {"new-item-title": "", "new-item-text": "Some careful text"},
    )

    content = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in content
    assert "Some careful text" in content
    assert positions(meeting) == []


def test_item_add_htmx_invalid_returns_form_with_error(secretariat_client, meeting):
    response = secretariat_client.post(
        reverse("meetings:agenda_item_add", args=[meeting.pk]), {"new-item-title": "x" * 251}, **HTMX
    )

    assert response.status_code == 200
    assert "This is 251 characters long; the limit is 250." in response.content.decode()
    assert positions(meeting) == []


def test_item_title_is_escaped(secretariat_client, meeting):
    secretariat_client.post(
        reverse("meetings:agenda_item_add", args=[meeting.pk]), {"new-item-title": "<script>alert(1)</script>"}
    )

    content = secretariat_client.get(agenda_url(meeting)).content.decode()

    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_item_edit_get_htmx_returns_form_fragment(secretariat_client, meeting, item):
    response = secretariat_client.get(reverse("meetings:agenda_item_edit", args=[meeting.pk, item.pk]), **HTMX)

    content = response.content.decode()
    assert f'id="agenda-item-{item.pk}-main"' in content
    assert 'name="item%d-version" value="1"' % item.pk in content
    assert "<html" not in content


def test_item_edit_get_plain_is_a_page(secretariat_client, meeting, item):
    response = secretariat_client.get(reverse("meetings:agenda_item_edit", args=[meeting.pk, item.pk]))

    assert response.status_code == 200
    assert "<html" in response.content.decode()
    assert "Edit agenda item 1" in response.content.decode()


def test_item_edit_saves_and_raises_version(secretariat_client, meeting, item):
    response = secretariat_client.post(
        reverse("meetings:agenda_item_edit", args=[meeting.pk, item.pk]),
        {f"item{item.pk}-title": "Opening remarks", f"item{item.pk}-text": "New text", f"item{item.pk}-version": "1"},
        **HTMX,
    )

    item.refresh_from_db()
    assert (item.title, item.text, item.version) == ("Opening remarks", "New text", 2)
    assert "1. Opening remarks" in response.content.decode()
    assert "Agenda item 1 “Opening remarks” saved." in response.content.decode()


def test_item_edit_from_stale_copy_is_refused_and_keeps_text(secretariat_client, meeting, item):
    url = reverse("meetings:agenda_item_edit", args=[meeting.pk, item.pk])
    first = {f"item{item.pk}-title": "Opening", f"item{item.pk}-text": "Alice's text", f"item{item.pk}-version": "1"}
    second = {f"item{item.pk}-title": "Opening", f"item{item.pk}-text": "Bob's text", f"item{item.pk}-version": "1"}
    secretariat_client.post(url, first)

    response = secretariat_client.post(url, second)

    item.refresh_from_db()
    content = response.content.decode()
    assert response.status_code == 409
    assert item.text == "Alice's text"
    assert "Alice&#x27;s text" in content
    assert "Bob&#x27;s text" in content
    assert 'name="item%d-version" value="2"' % item.pk in content


def test_item_edit_stale_htmx_returns_conflict_fragment(secretariat_client, meeting, item):
    url = reverse("meetings:agenda_item_edit", args=[meeting.pk, item.pk])
    item.text = "Changed meanwhile"
    item.version = 2
    item.save()

    response = secretariat_client.post(
        url,
        {f"item{item.pk}-title": "Opening", f"item{item.pk}-text": "Mine", f"item{item.pk}-version": "1"},
        **HTMX,
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this" in content
    assert "Changed meanwhile" in content
    assert "Save my version" in content
    assert "<html" not in content


def test_item_edit_stale_then_resubmit_saves_on_purpose(secretariat_client, meeting, item):
    url = reverse("meetings:agenda_item_edit", args=[meeting.pk, item.pk])
    item.version = 2
    item.save()

    secretariat_client.post(url, {f"item{item.pk}-title": "Mine", f"item{item.pk}-version": "2"})

    item.refresh_from_db()
    assert (item.title, item.version) == ("Mine", 3)


def test_item_move_down_plain_post(secretariat_client, meeting, item):
    second = AgendaItemFactory(meeting=meeting, position=2, title="Projects")

    response = secretariat_client.post(
        reverse("meetings:agenda_item_move", args=[meeting.pk, item.pk]), {"direction": "down"}
    )

    assert response.status_code == 302
    assert response.url == agenda_url(meeting) + f"#agenda-item-{item.pk}"
    assert positions(meeting) == [("Projects", 1), ("Opening", 2)]
    second.refresh_from_db()
    assert second.version == 1


def test_item_move_up_htmx_returns_list(secretariat_client, meeting, item):
    third = AgendaItemFactory(meeting=meeting, position=2, title="Projects")
    AgendaItemFactory(meeting=meeting, position=3, title="Close")

    response = secretariat_client.post(
        reverse("meetings:agenda_item_move", args=[meeting.pk, third.pk]), {"direction": "up"}, **HTMX
    )

    content = response.content.decode()
    assert positions(meeting) == [("Projects", 1), ("Opening", 2), ("Close", 3)]
    assert content.index("1. Projects") < content.index("2. Opening") < content.index("3. Close")


def test_item_move_first_up_changes_nothing(secretariat_client, meeting, item):
    AgendaItemFactory(meeting=meeting, position=2, title="Projects")

    response = secretariat_client.post(
        reverse("meetings:agenda_item_move", args=[meeting.pk, item.pk]), {"direction": "up"}, follow=True
    )

    assert positions(meeting) == [("Opening", 1), ("Projects", 2)]
    assert "already the first item" in response.content.decode()


def test_item_move_bad_direction_changes_nothing(secretariat_client, meeting, item):
    AgendaItemFactory(meeting=meeting, position=2, title="Projects")

    response = secretariat_client.post(
        reverse("meetings:agenda_item_move", args=[meeting.pk, item.pk]), {"direction": "sideways"}, follow=True
    )

    assert positions(meeting) == [("Opening", 1), ("Projects", 2)]
    assert "Choose to move the item up or down." in response.content.decode()


def test_item_move_get_not_allowed(secretariat_client, meeting, item):
    response = secretariat_client.get(reverse("meetings:agenda_item_move", args=[meeting.pk, item.pk]))

    assert response.status_code == 405


def test_item_of_other_meeting_is_404(secretariat_client, meeting):
    other_item = AgendaItemFactory(meeting=MeetingFactory(), position=1)

    response = secretariat_client.post(
        reverse("meetings:agenda_item_move", args=[meeting.pk, other_item.pk]), {"direction": "down"}
    )

    assert response.status_code == 404


def test_item_delete_renumbers_the_rest(secretariat_client, meeting, item):
    second = AgendaItemFactory(meeting=meeting, position=2, title="Projects")
    AgendaItemFactory(meeting=meeting, position=3, title="Close")

    response = secretariat_client.post(reverse("meetings:agenda_item_delete", args=[meeting.pk, second.pk]))

    assert response.status_code == 302
    assert positions(meeting) == [("Opening", 1), ("Close", 2)]


def test_item_delete_get_asks_for_confirmation(secretariat_client, meeting, item):
    response = secretariat_client.get(reverse("meetings:agenda_item_delete", args=[meeting.pk, item.pk]))

    assert response.status_code == 200
    assert "Delete agenda item 1. Opening?" in response.content.decode()
    assert positions(meeting) == [("Opening", 1)]


def test_item_delete_htmx_returns_renumbered_list(secretariat_client, meeting, item):
    AgendaItemFactory(meeting=meeting, position=2, title="Projects")

    response = secretariat_client.post(reverse("meetings:agenda_item_delete", args=[meeting.pk, item.pk]), **HTMX)

    assert "1. Projects" in response.content.decode()
    assert positions(meeting) == [("Projects", 1)]


def test_item_fragment_part_for_cancel(secretariat_client, meeting, item):
    response = secretariat_client.get(
        reverse("meetings:agenda_item", args=[meeting.pk, item.pk]) + "?part=decisions", **HTMX
    )

    assert f'id="agenda-item-{item.pk}-decisions"' in response.content.decode()



def test_item_fragment_unknown_part_is_404(secretariat_client, meeting, item):
    response = secretariat_client.get(reverse("meetings:agenda_item", args=[meeting.pk, item.pk]) + "?part=card", **HTMX)

    assert response.status_code == 404


@pytest.mark.parametrize("decisions", [1, 3])
def test_decision_add_htmx_reads_only_the_decisions(secretariat_client, meeting, item, decisions, django_assert_num_queries):
    # Re-rendering the decisions reads them, not the item's actions and documents; the item's
    # order list (swapped out of band) reads its project reports.
    AgendaItemFactory(meeting=meeting, position=2)
    ActionFactory(agenda_item=item, economies=["AUS"])
    for _ in range(decisions):
        DecisionFactory(agenda_item=item)
    prefix = f"item{item.pk}-decision"

    with django_assert_num_queries(17):
        response = secretariat_client.post(
            reverse("meetings:agenda_decision_add", args=[meeting.pk, item.pk]),
            {f"{prefix}-kind": "agreed", f"{prefix}-text": "The Group agreed."}, **HTMX,
        )

    assert response.content.decode().count('class="d-flex gap-2 align-items-start mb-1 agenda-decision"') == decisions + 1

# The move and renumber services.


def test_agenda_item_move_keeps_positions_without_gaps(meeting):
    items = [AgendaItemFactory(meeting=meeting, position=n, title=f"Item {n}") for n in (1, 2, 3, 4)]

    services.agenda_item_move(item=items[0], direction="down")
    services.agenda_item_move(item=items[0], direction="down")
    services.agenda_item_move(item=items[3], direction="up")

    assert positions(meeting) == [("Item 2", 1), ("Item 3", 2), ("Item 4", 3), ("Item 1", 4)]


def test_agenda_item_move_last_down_returns_false(meeting, item):
    assert services.agenda_item_move(item=item, direction="down") is False


def test_agenda_item_add_appends(meeting, item):
    added = services.agenda_item_add(meeting=meeting, title="Next")

    assert added.position == 2


# Decisions.


def decision_data(item, kind="agreed", text="The Group agreed."):
    return {f"item{item.pk}-decision-kind": kind, f"item{item.pk}-decision-text": text}


def test_decision_add_htmx_returns_section(secretariat_client, meeting, item):
    response = secretariat_client.post(
        reverse("meetings:agenda_decision_add", args=[meeting.pk, item.pk]),
        decision_data(item, "endorsed", "The Group endorsed the plan."),
        **HTMX,
    )

    content = response.content.decode()
    assert list(item.decisions.values_list("kind", "text", "position")) == [
        ("endorsed", "The Group endorsed the plan.", 1)
    ]
    assert f'id="agenda-item-{item.pk}-decisions"' in content
    assert "The Group endorsed the plan." in content
    assert "Decision added to item 1." in content


def test_decision_add_plain_post_redirects(secretariat_client, meeting, item):
    response = secretariat_client.post(
        reverse("meetings:agenda_decision_add", args=[meeting.pk, item.pk]), decision_data(item)
    )

    decision = item.decisions.get()
    assert response.status_code == 302
    assert response.url == agenda_url(meeting) + f"#decision-{decision.pk}"


def test_decision_add_bad_kind_keeps_text(secretariat_client, meeting, item):
    response = secretariat_client.post(
        reverse("meetings:agenda_decision_add", args=[meeting.pk, item.pk]),
        decision_data(item, "ignored", "Careful words"),
    )

    content = response.content.decode()
    assert response.status_code == 400
    assert "Select a valid choice." in content
    assert "Careful words" in content
    assert item.decisions.count() == 0


def test_decision_add_get_htmx_shows_form(secretariat_client, meeting, item):
    response = secretariat_client.get(reverse("meetings:agenda_decision_add", args=[meeting.pk, item.pk]), **HTMX)

    assert f'name="item{item.pk}-decision-text"' in response.content.decode()


def test_decision_edit_and_stale_conflict(secretariat_client, meeting, item):
    decision = DecisionFactory(agenda_item=item, text="Original")
    url = reverse("meetings:agenda_decision_edit", args=[meeting.pk, decision.pk])
    prefix = f"decision-{decision.pk}"

    saved = secretariat_client.post(
        url, {f"{prefix}-kind": "noted", f"{prefix}-text": "First save", f"{prefix}-version": "1"}, **HTMX
    )
    refused = secretariat_client.post(
        url, {f"{prefix}-kind": "agreed", f"{prefix}-text": "Second save", f"{prefix}-version": "1"}, **HTMX
    )

    decision.refresh_from_db()
    assert (decision.kind, decision.text, decision.version) == ("noted", "First save", 2)
    assert "First save" in saved.content.decode()
    assert "Someone else saved this" in refused.content.decode()
    assert "Second save" in refused.content.decode()


def test_decision_edit_of_deleted_decision_is_404(secretariat_client, meeting, item):
    decision = DecisionFactory(agenda_item=item)
    decision_pk = decision.pk
    decision.delete()

    response = secretariat_client.post(reverse("meetings:agenda_decision_edit", args=[meeting.pk, decision_pk]), {})

    assert response.status_code == 404


def test_decision_delete_htmx_returns_nothing_but_message(secretariat_client, meeting, item):
    decision = DecisionFactory(agenda_item=item)

    response = secretariat_client.post(
        reverse("meetings:agenda_decision_delete", args=[meeting.pk, decision.pk]), **HTMX
    )

    assert not Decision.objects.filter(pk=decision.pk).exists()
    assert "Decision deleted." in response.content.decode()


def test_decision_show_plain_redirects_to_editor(secretariat_client, meeting, item):
    decision = DecisionFactory(agenda_item=item)

    response = secretariat_client.get(reverse("meetings:agenda_decision", args=[meeting.pk, decision.pk]))

    assert response.url == agenda_url(meeting) + f"#decision-{decision.pk}"


# Agreed actions.


def action_data(prefix, **overrides):
    data = {
        f"{prefix}-text": "Prepare a paper on SME finance",
        f"{prefix}-responsible_economies": [],
        f"{prefix}-responsible_other": "SMEWG Chair",
        f"{prefix}-due_date": "",
        f"{prefix}-status": "open",
    }
    data.update({f"{prefix}-{key}": value for key, value in overrides.items()})
    return data


def test_action_add_with_economies_and_next_meeting(secretariat_client, meeting, item, django_user_model):
    from meetings.models import Economy, Organisation

    mex, jpn = Economy.objects.get(code="MEX"), Economy.objects.get(code="JPN")
    secretariat = Organisation.objects.get(short_name="APEC Sec")

    response = secretariat_client.post(
        reverse("meetings:agenda_action_add", args=[meeting.pk, item.pk]),
        action_data(
            f"item{item.pk}-action",
            responsible_economies=[mex.pk, jpn.pk],
            responsible_organisations=[secretariat.pk],
            due_next_meeting="on",
        ),
        **HTMX,
    )

    action = item.actions.get()
    assert set(action.responsible_economies.values_list("code", flat=True)) == {"MEX", "JPN"}
    assert action.responsible_names() == ["Japan", "Mexico", "APEC Secretariat", "SMEWG Chair"]
    assert action.due_next_meeting is True
    assert "By the next meeting" in response.content.decode()


def test_action_add_date_and_next_meeting_is_refused(secretariat_client, meeting, item):
    response = secretariat_client.post(
        reverse("meetings:agenda_action_add", args=[meeting.pk, item.pk]),
        action_data(f"item{item.pk}-action", due_date="2003-02-01", due_next_meeting="on"),
    )

    content = response.content.decode()
    assert response.status_code == 400
    assert "not both" in content
    assert "Prepare a paper on SME finance" in content
    assert item.actions.count() == 0


def test_action_add_bad_date_is_refused(secretariat_client, meeting, item):
    response = secretariat_client.post(
        reverse("meetings:agenda_action_add", args=[meeting.pk, item.pk]),
        action_data(f"item{item.pk}-action", due_date="31/31/2003", text=""),
        **HTMX,
    )

    content = response.content.decode()
    assert "Enter a valid date." in content
    assert "This field is required." in content
    assert item.actions.count() == 0


def test_action_add_linked_to_decision_of_its_item(secretariat_client, meeting, item):
    decision = DecisionFactory(agenda_item=item, text="The Group agreed to prepare a paper.")

    secretariat_client.post(
        reverse("meetings:agenda_action_add", args=[meeting.pk, item.pk]),
        action_data(f"item{item.pk}-action", decision=decision.pk, due_next_meeting="on"),
    )

    assert item.actions.get().decision == decision


def test_action_add_decision_of_another_item_is_refused(secretariat_client, meeting, item):
    other_decision = DecisionFactory(agenda_item=AgendaItemFactory(meeting=meeting))

    response = secretariat_client.post(
        reverse("meetings:agenda_action_add", args=[meeting.pk, item.pk]),
        action_data(f"item{item.pk}-action", decision=other_decision.pk, due_next_meeting="on"),
    )

    content = response.content.decode()
    assert response.status_code == 400
    assert "Select a valid choice" in content
    assert "Prepare a paper on SME finance" in content
    assert item.actions.count() == 0


def test_action_edit_saves_responsible_and_status(secretariat_client, meeting, item):
    action = ActionFactory(agenda_item=item, economies=["AUS"])
    prefix = f"action-{action.pk}"

    secretariat_client.post(
        reverse("meetings:agenda_action_edit", args=[meeting.pk, action.pk]),
        action_data(prefix, status="done", due_date="2003-03-01", version="1", responsible_economies=[]),
    )

    action.refresh_from_db()
    assert (action.status, action.due_date, action.due_next_meeting, action.version) == (
        "done", datetime.date(2003, 3, 1), False, 2,
    )
    assert list(action.responsible_economies.all()) == []


def test_action_edit_from_stale_copy_is_refused(secretariat_client, meeting, item):
    action = ActionFactory(agenda_item=item, text="Current text", economies=["AUS"])
    action.version = 3
    action.save()
    prefix = f"action-{action.pk}"

    response = secretariat_client.post(
        reverse("meetings:agenda_action_edit", args=[meeting.pk, action.pk]),
        action_data(prefix, text="My stale text", version="2"),
    )

    action.refresh_from_db()
    content = response.content.decode()
    assert response.status_code == 409
    assert action.text == "Current text"
    assert list(action.responsible_economies.values_list("code", flat=True)) == ["AUS"]
    assert "Current text" in content
    assert "My stale text" in content


def test_action_conflict_compares_the_concrete_fields_of_the_form(secretariat_client, meeting, item):
    action = ActionFactory(agenda_item=item, text="Current text", responsible_other="SMEWG Chair")
    action.version = 3
    action.save()
    prefix = f"action-{action.pk}"

    response = secretariat_client.post(
        reverse("meetings:agenda_action_edit", args=[meeting.pk, action.pk]),
        action_data(prefix, text="My stale text", version="2"),
    )

    rows = [(row.label, row.current, row.submitted) for row in response.context["rows"]]
    assert rows == [
        ("What is to be done", "Current text", "My stale text"),
        ("Decision it carries out", "", ""),
        ("Other responsible bodies", "SMEWG Chair", "SMEWG Chair"),
        ("Due date", "", ""),
        ("Due by the next meeting", "yes", "no"),
        ("Status", "Open", "Open"),
    ]


def test_action_delete_plain_post(secretariat_client, meeting, item):
    action = ActionFactory(agenda_item=item)

    response = secretariat_client.post(reverse("meetings:agenda_action_delete", args=[meeting.pk, action.pk]))

    assert response.status_code == 302
    assert not Action.objects.filter(pk=action.pk).exists()


def test_action_of_other_meeting_is_404(secretariat_client, meeting):
    action = ActionFactory(agenda_item=AgendaItemFactory(meeting=MeetingFactory(), position=1))

    response = secretariat_client.get(reverse("meetings:agenda_action_edit", args=[meeting.pk, action.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("user_fixture", ["delegate_user", "chair_user"])
def test_decision_and_action_edits_forbidden_to_other_roles(client, meeting, item, request, user_fixture):
    decision = DecisionFactory(agenda_item=item, text="Kept")
    action = ActionFactory(agenda_item=item, text="Kept")
    client.force_login(request.getfixturevalue(user_fixture))

    responses = [
        client.post(reverse("meetings:agenda_decision_edit", args=[meeting.pk, decision.pk]), {}),
        client.post(reverse("meetings:agenda_decision_delete", args=[meeting.pk, decision.pk])),
        client.post(reverse("meetings:agenda_action_edit", args=[meeting.pk, action.pk]), {}),
        client.post(reverse("meetings:agenda_action_delete", args=[meeting.pk, action.pk])),
        client.post(reverse("meetings:agenda_project_link", args=[meeting.pk, item.pk]), {}),
    ]

    assert [r.status_code for r in responses] == [403] * 5
    assert Decision.objects.filter(pk=decision.pk).exists() and Action.objects.filter(pk=action.pk).exists()


# Project reports.


def link_data(item, **values):
    return {f"item{item.pk}-project-{key}": value for key, value in values.items()}


def test_project_link_existing_project(secretariat_client, meeting, item):
    project = ProjectFactory(title="APEC SME Profile")

    response = secretariat_client.post(
        reverse("meetings:agenda_project_link", args=[meeting.pk, item.pk]),
        link_data(item, kind="reported", project=project.pk),
        **HTMX,
    )

    report = ProjectReport.objects.get()
    assert (report.project, report.meeting, report.agenda_item, report.kind) == (project, meeting, item, "reported")
    assert "APEC SME Profile" in response.content.decode()


def test_project_link_new_title_creates_project(secretariat_client, meeting, item):
    secretariat_client.post(
        reverse("meetings:agenda_project_link", args=[meeting.pk, item.pk]),
        link_data(item, kind="approved", new_title="E-commerce for SMEs"),
    )

    project = Project.objects.get(title="E-commerce for SMEs")
    assert project.status == "approved"
    assert project.reports.get().kind == "approved"


def test_project_link_needs_exactly_one_choice(secretariat_client, meeting, item):
    project = ProjectFactory()

    neither = secretariat_client.post(
        reverse("meetings:agenda_project_link", args=[meeting.pk, item.pk]), link_data(item, kind="reported")
    )
    both = secretariat_client.post(
        reverse("meetings:agenda_project_link", args=[meeting.pk, item.pk]),
        link_data(item, kind="reported", project=project.pk, new_title="Typed title"),
    )

    assert (neither.status_code, both.status_code) == (400, 400)
    assert "one of the two" in neither.content.decode()
    assert "Typed title" in both.content.decode()
    assert ProjectReport.objects.count() == 0


def test_project_link_twice_is_refused_beside_the_field(secretariat_client, meeting, item):
    project = ProjectFactory(title="SME Profile")
    url = reverse("meetings:agenda_project_link", args=[meeting.pk, item.pk])
    secretariat_client.post(url, link_data(item, kind="reported", project=project.pk))

    response = secretariat_client.post(url, link_data(item, kind="reported", project=project.pk), **HTMX)

    assert "SME Profile is already listed as reported on at this meeting." in response.content.decode()
    assert ProjectReport.objects.count() == 1


def test_project_unlink(secretariat_client, meeting, item):
    report = ProjectReport.objects.create(project=ProjectFactory(), meeting=meeting, agenda_item=item, kind="reported")

    response = secretariat_client.post(
        reverse("meetings:agenda_project_unlink", args=[meeting.pk, report.pk]), **HTMX
    )

    assert ProjectReport.objects.count() == 0
    assert "No projects reported under this item." in response.content.decode()


def test_project_unlink_get_not_allowed(secretariat_client, meeting, item):
    report = ProjectReport.objects.create(project=ProjectFactory(), meeting=meeting, agenda_item=item, kind="reported")

    response = secretariat_client.get(reverse("meetings:agenda_project_unlink", args=[meeting.pk, report.pk]))

    assert (response.status_code, ProjectReport.objects.count()) == (405, 1)


def test_agenda_history_records_the_editor(secretariat_client, secretariat_user, meeting):
    secretariat_client.post(reverse("meetings:agenda_item_add", args=[meeting.pk]), {"new-item-title": "Opening"})

    record = AgendaItem.history.get()
    assert record.history_user == secretariat_user
