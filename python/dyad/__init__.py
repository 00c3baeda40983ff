"""dyad for Python: news text in, CAMEO-coded political events out.

``code`` codes one text (or HTML page) into a list of event dicts, each the record that
``dyad code`` prints as a JSONL line (``json.loads`` of it: same fields, same values).
``code_arrow`` codes a pyarrow RecordBatch or Table of documents (columns ``id``, ``date``
and ``text`` or ``html``; optional ``title``, ``url``, ``source``) into one RecordBatch of
events whose schema is ``event_arrow_schema()``. Both run dyad's Rust pipeline with the GIL
released; ``code_arrow`` codes the documents in parallel (``threads``, 0: one per core).
Bad input raises ``ValueError`` naming the row and the column. ``dyad.spark`` runs the same
coding as an Apache Spark job.
"""

from __future__ import annotations

import datetime as _datetime
from typing import Any, Dict, List, Optional, Union

from . import _dyad

__all__ = ["code", "code_arrow", "event_arrow_schema"]


def code(
    text: str,
    date: Optional[Union[str, _datetime.date]] = None,
    id: Optional[str] = None,
    html: bool = False,
) -> List[Dict[str, Any]]:
    """Code one document into events.

    ``date`` is the publication date (``YYYY-MM-DD`` or a ``datetime.date``; ``None``:
    undated), ``id`` the document id (default ``"text"``), ``html`` says ``text`` is an
    HTML page whose article is to be extracted. Each event is the dict of its ``dyad code``
    JSONL line.
    """
    if isinstance(date, _datetime.date):
        date = date.isoformat()[:10]
    return _dyad.code(text, date, id, html)


def code_arrow(documents: Any, threads: int = 0) -> Any:
    """Code a pyarrow RecordBatch or Table of documents into a RecordBatch of events.

    Rows come out in input order (documents in order, each document's events in sentence
    order); ``threads`` is the number of coding threads (0: one per core).
    """
    return _dyad.code_arrow(documents, threads)


def event_arrow_schema() -> Any:
    """The pyarrow schema of ``code_arrow``'s events: the CONTRACT record, field for field."""
    return _dyad.event_arrow_schema()
