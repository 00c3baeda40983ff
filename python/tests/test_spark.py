"""The Spark job (local[2]) against `dyad code` on the first 300 Reuters documents."""

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dyad import spark as dyad_spark


def records(rows):
    return sorted(json.dumps(r, sort_keys=True) for r in rows)


@pytest.fixture(scope="module")
def reference(tmp_path_factory, dyad_cli, reuters_lines):
    corpus = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    corpus.write_text("".join(reuters_lines), encoding="utf-8")
    events = dyad_cli(str(corpus))
    assert len(events) > 20, "the sample gives events"
    return corpus, records(events)


def test_spark_jsonl_equals_cli(tmp_path, reference):
    corpus, expected = reference
    out = tmp_path / "events.parquet"
    assert dyad_spark.main(["--input", str(corpus), "--output", str(out), "--master", "local[2]"]) == 0
    assert records(pq.read_table(out).to_pylist()) == expected


def test_spark_parquet_equals_cli(tmp_path, reference):
    corpus, expected = reference
    docs = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    source = tmp_path / "corpus.parquet"
    pq.write_table(pa.Table.from_pylist(docs), source)
    out = tmp_path / "events.parquet"
    assert dyad_spark.main(["--input", str(source), "--output", str(out), "--master", "local[2]"]) == 0
    assert records(pq.read_table(out).to_pylist()) == expected
    # An existing output is never overwritten without --overwrite.
    with pytest.raises(Exception, match="already exists"):
        dyad_spark.main(["--input", str(source), "--output", str(out), "--master", "local[2]"])
