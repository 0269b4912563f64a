"""Pages of long lists (meetings/paging.py)."""
from django.core.paginator import Paginator

from meetings.paging import page_ranges


def test_page_ranges_name_each_page_by_its_rows():
    ranges = page_ranges(Paginator(list(range(45)), 20))

    assert ranges == [(1, 1, 20), (2, 21, 40), (3, 41, 45)]

