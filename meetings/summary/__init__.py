"""The chair's summary: what it says (``context``), how it is drawn (``render``) and what the
PDF renderer may load while drawing it (``fetcher``).

The HTML template is ``templates/meetings/summary/summary.html``; the same template gives
the PDF (WeasyPrint, in a Celery task) and the HTML preview page. The services that queue
and run an export are in ``meetings/services/summary.py``; the task is in ``meetings/tasks.py``.
"""
