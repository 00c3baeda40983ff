"""dyad.code and dyad.code_arrow against `dyad code`, their errors, and the GIL."""

import json
import threading
import time

import pyarrow as pa
import pytest

import dyad
from conftest import REPO

TEXTS = [
    ("attack", "2024-11-19", "Israeli troops attacked Hamas fighters in Gaza on Monday, killing three."),
    ("talks", "2023-05-02", "The Sudanese army and the RSF agreed on Saturday to a truce. "
     "Saudi Arabia will host talks in Jeddah next week, the foreign ministry said."),
    ("none", "2020-01-01", "The weather was fine and nobody did anything."),
]


@pytest.mark.parametrize("doc_id,date,text", TEXTS)
def test_code_equals_cli(tmp_path, dyad_cli, doc_id, date, text):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    expected = dyad_cli("--input", "text", "--date", date, "--id", doc_id, str(path))
    assert dyad.code(text, date=date, id=doc_id) == expected


def test_code_example_article_equals_cli(dyad_cli):
    path = REPO / "examples/sudan-truce-talks.txt"
    expected = dyad_cli("--input", "text", "--date", "2024-11-19", "--id", "sudan", str(path))
    assert expected, "the example article gives events"
    events = dyad.code(path.read_text(encoding="utf-8"), date="2024-11-19", id="sudan")
    assert events == expected


def test_code_html_equals_cli(tmp_path, dyad_cli):
    page = (
        "<html><head><title>Truce</title></head><body><nav>Home | World</nav><article>"
        "<p>Russian forces shelled Kharkiv on Tuesday, Ukrainian officials said.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    expected = dyad_cli("--input", "html", "--date", "2022-03-01", "--id", "p", str(path))
    assert dyad.code(page, date="2022-03-01", id="p", html=True) == expected


def test_code_accepts_a_date_object():
    import datetime

    text = TEXTS[0][2]
    assert dyad.code(text, date=datetime.date(2024, 11, 19)) == dyad.code(text, date="2024-11-19")


def test_code_bad_date_names_the_argument():
    with pytest.raises(ValueError, match=r'date.*"2024-02-30" is not a YYYY-MM-DD date'):
        dyad.code("Troops attacked rebels.", date="2024-02-30")


def test_code_arrow_equals_code_and_cli(tmp_path, dyad_cli, reuters_lines):
    docs = [json.loads(line) for line in reuters_lines[:80]]
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(reuters_lines[:80]), encoding="utf-8")
    table = pa.Table.from_pylist(docs)
    batch = dyad.code_arrow(table, threads=2)
    assert isinstance(batch, pa.RecordBatch)
    assert batch.schema == dyad.event_arrow_schema()
    rows = batch.to_pylist()
    one_by_one = [e for d in docs for e in dyad.code(d["text"], date=d["date"], id=str(d["id"]))]
    assert rows, "the Reuters documents give events"
    assert rows == one_by_one
    assert rows == dyad_cli(str(path))
    assert dyad.code_arrow(table, threads=1).to_pylist() == rows


def test_code_arrow_schema_is_the_record():
    events = dyad.code(TEXTS[0][2], date=TEXTS[0][1], id="a")
    assert events
    assert dyad.event_arrow_schema().names == list(events[0].keys())


def test_code_arrow_reads_several_batches_and_html():
    text = TEXTS[0][2]
    schema = pa.schema([(c, pa.string()) for c in ("id", "date", "text", "html")])
    batches = [
        pa.record_batch({"id": ["a"], "date": ["2024-11-19"], "text": [text], "html": [None]}, schema),
        pa.record_batch({"id": ["b"], "date": [None], "text": [None],
                         "html": [f"<html><body><p>{text}</p></body></html>"]}, schema),
    ]
    rows = dyad.code_arrow(pa.Table.from_batches(batches)).to_pylist()
    expected = dyad.code(text, date="2024-11-19", id="a") + dyad.code(
        f"<html><body><p>{text}</p></body></html>", id="b", html=True
    )
    assert rows == expected
    assert {r["doc_id"] for r in rows} == {"a", "b"}


def test_code_arrow_empty_gives_empty_batch():
    batch = dyad.code_arrow(pa.table({"id": pa.array([], pa.string()), "text": pa.array([], pa.string())}))
    assert batch.num_rows == 0
    assert batch.schema == dyad.event_arrow_schema()


def test_code_arrow_date_column_may_be_a_date():
    import datetime

    text = TEXTS[0][2]
    table = pa.table({"id": [7], "date": [datetime.date(2024, 11, 19)], "text": [text]})
    assert dyad.code_arrow(table).to_pylist() == dyad.code(text, date="2024-11-19", id="7")


def test_code_arrow_missing_column():
    with pytest.raises(ValueError, match=r'no "text" or "html" column \(columns: id, body\)'):
        dyad.code_arrow(pa.table({"id": ["a"], "body": ["x"]}))
    with pytest.raises(ValueError, match=r'no "id" column'):
        dyad.code_arrow(pa.table({"text": ["x"]}))


def test_code_arrow_bad_date_names_row_and_column():
    batches = [
        pa.record_batch({"id": ["a", "b"], "date": ["2024-11-19", "2024-11-20"], "text": ["x", "y"]}),
        pa.record_batch({"id": ["c", "d"], "date": ["2024-11-21", "21/11/2024"], "text": ["x", "y"]}),
    ]
    with pytest.raises(ValueError, match=r'^row 3, column "date": "21/11/2024" is not a YYYY-MM-DD date$'):
        dyad.code_arrow(pa.Table.from_batches(batches))


def test_code_arrow_null_body_and_id_name_the_row():
    with pytest.raises(ValueError, match=r'^row 1, column "text": document "b" has no text'):
        dyad.code_arrow(pa.table({"id": ["a", "b"], "text": ["x", None]}))
    with pytest.raises(ValueError, match=r'^row 0, column "id"'):
        dyad.code_arrow(pa.table({"id": [None, "b"], "text": ["x", "y"]}))


def test_gil_released_while_coding(reuters_lines):
    """Two coding threads and a ticking Python thread all make progress at once."""
    table = pa.Table.from_pylist([json.loads(line) for line in reuters_lines] * 4)
    ticks = []
    done = threading.Event()

    def tick():
        while not done.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.005)

    results = []

    def work():
        results.append(dyad.code_arrow(table, threads=1).num_rows)

    ticker = threading.Thread(target=tick)
    ticker.start()
    time.sleep(0.05)
    start = time.monotonic()
    workers = [threading.Thread(target=work) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    end = time.monotonic()
    done.set()
    ticker.join()
    assert len(results) == 2 and results[0] == results[1] > 0
    assert end - start > 0.5, "the work is long enough to see the GIL"
    during = [t for t in ticks if start <= t <= end]
    gaps = [b - a for a, b in zip([start] + during, during + [end])]
    # Were the GIL held while coding, the ticker would stop for a whole call.
    assert max(gaps) < 0.25, f"the ticker stalled {max(gaps):.2f}s of {end - start:.2f}s"
