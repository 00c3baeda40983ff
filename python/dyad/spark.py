"""Code a news corpus into events with Apache Spark.

    python -m dyad.spark --input corpus.jsonl --output events.parquet [--master local[2]]

reads a JSONL corpus (one ``{"id", "date", "text" | "html"}`` document a line, as for
``dyad code``; optional ``title``, ``url``, ``source``) or a Parquet one with those columns,
codes every partition with ``DataFrame.mapInArrow`` calling ``dyad.code_arrow`` (each Spark
task codes its Arrow batches in Rust, ``--threads-per-task`` threads, the GIL released), and
writes the events, the CONTRACT records of ``dyad code`` with the schema of
``dyad.event_arrow_schema()``, as Parquet. An existing output is never overwritten unless
``--overwrite`` is given. A document that cannot be read (no id, a bad date, no body) fails
the job with the row and column named.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Iterator, List, Optional

import pyarrow as pa

import dyad

#: The document columns the job reads when the corpus has them.
DOCUMENT_COLUMNS = ("id", "date", "text", "html", "title", "url", "source")

#: The JSONL corpus read as strings, whatever JSON inference would guess.
JSONL_SCHEMA = ", ".join(f"`{c}` STRING" for c in DOCUMENT_COLUMNS)


def spark_event_schema():
    """``dyad.event_arrow_schema()`` as a Spark ``StructType``."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(dyad.event_arrow_schema())


def read_corpus(spark, path: str, input_format: str = "auto"):
    """The corpus at ``path`` as a DataFrame of its document columns."""
    if input_format == "auto":
        input_format = "parquet" if path.rstrip("/").endswith(".parquet") else "jsonl"
    if input_format == "jsonl":
        frame = spark.read.schema(JSONL_SCHEMA).json(path)
    elif input_format == "parquet":
        frame = spark.read.parquet(path)
    else:
        raise ValueError(f"--format {input_format!r}: expected auto, jsonl or parquet")
    columns = [c for c in DOCUMENT_COLUMNS if c in frame.columns]
    return frame.select(*columns)


def code_frame(documents, threads_per_task: int = 1, partitions: Optional[int] = None):
    """The events of a DataFrame of documents, coded by ``dyad.code_arrow`` in each task."""

    def code_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            yield dyad.code_arrow(batch, threads_per_task)

    if partitions:
        documents = documents.repartition(partitions)
    return documents.mapInArrow(code_batches, spark_event_schema())


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dyad.spark", description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", required=True, help="corpus: .jsonl file(s) or .parquet")
    parser.add_argument("--output", required=True, help="events: a Parquet directory")
    parser.add_argument("--format", default="auto", choices=["auto", "jsonl", "parquet"])
    parser.add_argument("--master", default=None, help="Spark master (default: spark-submit's, else local[*])")
    parser.add_argument("--partitions", type=int, default=None, help="repartition the corpus (default: Spark's default parallelism)")
    parser.add_argument("--threads-per-task", type=int, default=1)
    parser.add_argument("--overwrite", action="store_true", help="replace an existing output")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    # Local workers run this interpreter (with dyad and pyarrow) unless told otherwise.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("dyad-code")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        documents = read_corpus(spark, args.input, args.format)
        partitions = args.partitions or spark.sparkContext.defaultParallelism
        events = code_frame(documents, args.threads_per_task, partitions)
        writer = events.write.mode("overwrite" if args.overwrite else "errorifexists")
        writer.parquet(args.output)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
