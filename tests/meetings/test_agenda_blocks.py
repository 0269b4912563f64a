"""The order of an agenda item's blocks: text, decisions and project lists, as the meeting recorded them."""
import copy
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from meetings import services
from meetings.demo import demo_record
from meetings.models import AgendaItem, Meeting
from meetings.record import meeting_for_record, record_from_meeting
from meetings.services import RecordError, meeting_save_record
from meetings.summary.render import summary_html
from projects.models import ProjectReport
from tests.factories import AgendaItemFactory, DecisionFactory, MeetingFactory, ProjectFactory

from .summary_fixtures import plain_text

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def item():
    item = AgendaItemFactory(meeting=MeetingFactory(number=15), position=1, text="Why the Group decided so.")
    services.decision_add(agenda_item=item, kind="agreed", text="The Group agreed to invite OECD.")
    services.decision_add(agenda_item=item, kind="agreed", text="The Group agreed to write to SOM.")
    return item


def keys(item) -> list[str]:
    item = AgendaItem.objects.prefetch_related("decisions").get(pk=item.pk)
    reports = list(ProjectReport.objects.filter(agenda_item=item))
    return [
        block.key if block.decision is None else block.decision.text
        for block in item.blocks(
            [r for r in reports if r.kind == "reported"], [r for r in reports if r.kind == "approved"]
        )
    ]


def link(item, kind: str) -> ProjectReport:
    return ProjectReport.objects.create(
        project=ProjectFactory(), meeting=item.meeting, agenda_item=item, kind=kind
    )


def test_blocks_of_a_new_item_print_text_reported_decisions_approved(item):
    link(item, "approved")
    link(item, "reported")

    assert keys(item) == [
        "text", "projects_reported", "The Group agreed to invite OECD.", "The Group agreed to write to SOM.",
        "projects_approved",
    ]


def test_blocks_of_factory_decisions_keep_the_usual_order():
    # Rows made before blocks could move (all decisions at their own order from 1) print as before.
    item = AgendaItemFactory(text="Discussion.")
    DecisionFactory(agenda_item=item, text="First.")
    DecisionFactory(agenda_item=item, text="Second.")

    assert keys(item) == ["text", "First.", "Second."]


def test_agenda_block_move_puts_the_decision_before_its_rationale(item):
    first = item.decisions.get(text="The Group agreed to invite OECD.")

    moved = services.agenda_block_move(item=item, block=f"decision-{first.pk}", direction="up")

    assert moved is True
    assert keys(item) == ["The Group agreed to invite OECD.", "text", "The Group agreed to write to SOM."]


def test_agenda_block_move_first_block_up_returns_false(item):
    assert services.agenda_block_move(item=item, block="text", direction="up") is False
    assert keys(item) == ["text", "The Group agreed to invite OECD.", "The Group agreed to write to SOM."]


def test_agenda_block_move_passes_over_empty_text_and_lists(item):
    AgendaItem.objects.filter(pk=item.pk).update(text="")
    link(item, "approved")
    second = item.decisions.get(text="The Group agreed to write to SOM.")

    services.agenda_block_move(item=item, block=f"decision-{second.pk}", direction="up")
    services.agenda_block_move(item=item, block="projects_approved", direction="up")

    assert keys(item) == ["The Group agreed to write to SOM.", "projects_approved", "The Group agreed to invite OECD."]


def test_agenda_block_move_unknown_block_returns_false(item):
    assert services.agenda_block_move(item=item, block="decision-999999", direction="down") is False
    assert services.agenda_block_move(item=item, block="projects_reported", direction="down") is False


def test_decision_add_keeps_a_closing_approved_list_last(item):
    link(item, "approved")

    services.decision_add(agenda_item=item, kind="noted", text="The Group noted the list.")

    assert keys(item)[-2:] == ["The Group noted the list.", "projects_approved"]


def test_decision_add_after_a_moved_text_goes_last(item):
    first = item.decisions.get(text="The Group agreed to invite OECD.")
    services.agenda_block_move(item=item, block="text", direction="down")
    services.agenda_block_move(item=item, block="text", direction="down")

    services.decision_add(agenda_item=item, kind="noted", text="Noted.")

    assert keys(item) == [first.text, "The Group agreed to write to SOM.", "text", "Noted."]


# The editor.


def move_url(item):
    return reverse("meetings:agenda_block_move", args=[item.meeting.pk, item.pk])


def test_block_move_view_plain_post_redirects_to_the_item_order(secretariat_client, item):
    first = item.decisions.get(text="The Group agreed to invite OECD.")

    response = secretariat_client.post(move_url(item), {"block": f"decision-{first.pk}", "direction": "up"})

    assert response.status_code == 302
    assert response.url.endswith(f"#agenda-item-{item.pk}-order")
    assert keys(item)[0] == "The Group agreed to invite OECD."


def test_block_move_view_htmx_returns_the_item_card_in_the_new_order(secretariat_client, item):
    response = secretariat_client.post(move_url(item), {"block": "text", "direction": "down"}, **HTMX)

    content = response.content.decode()
    assert response.status_code == 200
    assert f'id="agenda-item-{item.pk}"' in content
    assert "Item 1: the order in the summary is changed." in content
    assert content.index(f"agenda-item-{item.pk}-block-decision-") < content.index(f"agenda-item-{item.pk}-block-text")


@pytest.mark.parametrize("data", [{"block": "text"}, {"block": "text", "direction": "sideways"}])
def test_block_move_view_without_a_direction_says_so(secretariat_client, item, data):
    response = secretariat_client.post(move_url(item), data, follow=True)

    assert "Choose to move the part up or down." in response.content.decode()
    assert keys(item)[0] == "text"


def test_block_move_view_unknown_block_says_the_order_is_unchanged(secretariat_client, item):
    response = secretariat_client.post(move_url(item), {"block": "nonsense", "direction": "up"}, follow=True)

    assert "that part cannot move up; the order is unchanged." in response.content.decode()


@pytest.mark.parametrize("user_fixture", ["delegate_user", "chair_user"])
def test_block_move_view_other_roles_forbidden(client, item, request, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))

    response = client.post(move_url(item), {"block": "text", "direction": "down"})

    assert response.status_code == 403
    assert keys(item)[0] == "text"


def test_block_move_view_get_not_allowed(secretariat_client, item):
    assert secretariat_client.get(move_url(item)).status_code == 405


def test_decision_add_htmx_refreshes_the_order_list_out_of_band(secretariat_client, item):
    prefix = f"item{item.pk}-decision"

    response = secretariat_client.post(
        reverse("meetings:agenda_decision_add", args=[item.meeting.pk, item.pk]),
        {f"{prefix}-kind": "noted", f"{prefix}-text": "The Group noted the report."}, **HTMX,
    )

    content = response.content.decode()
    order = content[content.index(f'id="agenda-item-{item.pk}-order"'):]
    assert 'hx-swap-oob="true"' in order[:200]
    assert "The Group noted the report." in order


# The meeting page, the summary and the record.


def test_meeting_page_prints_blocks_in_the_recorded_order(secretariat_client, item):
    services.agenda_block_move(item=item, block="text", direction="down")

    content = plain_text(secretariat_client.get(reverse("meetings:detail", args=[item.meeting.pk])).content.decode())

    assert content.index("The Group agreed to invite OECD.") < content.index("Why the Group decided so.")
    assert content.index("Why the Group decided so.") < content.index("The Group agreed to write to SOM.")


def test_summary_prints_blocks_in_the_recorded_order_and_labels_lists(item):
    link(item, "reported")
    services.agenda_block_move(item=item, block="projects_reported", direction="down")

    text = plain_text(summary_html(item.meeting.pk))

    assert text.index("Why the Group decided so.") < text.index("The Group agreed to invite OECD.")
    assert text.index("The Group agreed to invite OECD.") < text.index("Projects reported")


def test_record_exports_order_only_when_not_the_usual_one(item):
    usual = record_from_meeting(meeting_for_record(item.meeting.pk))["agenda_items"][0]
    services.agenda_block_move(item=item, block="text", direction="down")

    moved = record_from_meeting(meeting_for_record(item.meeting.pk))["agenda_items"][0]

    assert "order" not in usual
    assert moved["order"] == ["projects reported", "decision 1", "text", "decision 2", "projects approved"]


def test_demo_record_item_11_prints_decision_rationale_decision():
    call_command("load_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("export_meeting", "SMEWG", "14", stdout=out)

    item_11 = json.loads(out.getvalue())["agenda_items"][10]

    assert item_11["order"][:3] == ["decision 1", "text", "decision 2"]


def _record_with_order(order) -> dict:
    record = copy.deepcopy(demo_record())
    record["agenda_items"][10]["order"] = order
    return record


@pytest.mark.parametrize(
    ("order", "problem"),
    [
        (["decision 3"], "Agenda item 11: the order names “decision 3”, which is not one of text, projects "
                         "reported, decision 1, decision 2, projects approved."),
        (["text", "text"], "Agenda item 11: the order names “text” twice."),
        (["decision 2", "decision 1"], "Agenda item 11: the order must keep the decisions in their own order "
                                       "(decision 1 first)."),
        ("text first", "Agenda item 11: the order must be a list of blocks such as “text” and “decision 1”."),
    ],
)
def test_meeting_save_record_bad_order_is_refused(order, problem):
    with pytest.raises(RecordError) as raised:
        meeting_save_record(record=_record_with_order(order))

    assert raised.value.problems == [problem]
    assert Meeting.objects.count() == 0


def test_meeting_save_record_partial_order_puts_the_rest_in_the_usual_order():
    meeting = meeting_save_record(record=_record_with_order(["decision 2"]))

    item = meeting.agenda_items.get(position=11)
    assert keys(item) == [
        "The Group agreed that a letter on this would be sent to the APEC Secretariat to seek SOM approval of "
        "the initiative.",
        "text",
        "The Group discussed and agreed to invite OECD to attend the SMEWG Meeting in Acapulco, Mexico, "
        "August 2002.",
    ]
