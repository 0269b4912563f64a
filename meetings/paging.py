"""Pages of long sorted lists that cost about the same on the last page as on the first (issue 10).

Django's ``Paginator`` asks the database for ``OFFSET n LIMIT 50`` of the whole query: every
row the offset skips is joined to its meeting, decision and latest note and carried through
the sort. ``LateRowPaginator`` finds the page's ids with the filters and sort keys alone
(a narrow query), then reads just those rows whole: one query, the first as its subquery.
"""
from collections.abc import Callable

from django.core.paginator import Paginator
from django.db.models import QuerySet


def late_rows(ordered: QuerySet, bottom: int, top: int, *, rows: Callable[[QuerySet], QuerySet]) -> QuerySet:
    """Rows ``bottom`` to ``top`` of the ``ordered`` queryset, read with ``rows(ids)``: the ids
    found with the filters and sort keys alone, then just those rows read whole."""
    ids = ordered.values("pk")[bottom:top]
    return rows(ids).order_by(*ordered.query.order_by)


class LateRowPaginator(Paginator):
    """A ``Paginator`` over an ordered queryset that reads only the page's rows whole.

    ``rows(ids)`` returns the queryset that reads the rows whose pk is in ``ids`` (a
    subquery) with everything the page shows; it is sorted as ``object_list`` is.
    """

    def __init__(self, object_list: QuerySet, per_page, *, rows: Callable[[QuerySet], QuerySet], **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.rows = rows

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(late_rows(self.object_list, bottom, top, rows=self.rows), number, self)


def page_ranges(paginator: Paginator) -> list[tuple[int, int, int]]:
    """(page number, its first row's number, its last's) for every page: links that name a
    page by the rows it holds ("21–40") rather than by its number."""
    per_page, count = paginator.per_page, paginator.count
    return [(number, (number - 1) * per_page + 1, min(number * per_page, count)) for number in paginator.page_range]
