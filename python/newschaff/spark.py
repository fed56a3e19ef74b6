"""Cleans WET files on Spark: one document per WARC record, as JSON Lines
or Parquet.

    spark-submit python/newschaff/spark.py OUT PATH [PATH ...]
    python -m newschaff.spark --master 'local[2]' OUT PATH [PATH ...]

PATH is a WET file (gzip or not) on any file system Hadoop reads (local
paths, ``file:``, ``hdfs:``, ``s3a:`` with its connector), or a glob.
Each file is read as a whole by ``SparkContext.binaryFiles`` (one file at a
time in memory per task; Common Crawl's WET files are about 100 MB; one
partition per path given, no shuffle) and
its records are scored one batch after another by the same pipeline as
``newschaff filter``, inside ``mapPartitions``: one Detector per executor
process, reused by every task.

Every record gives one document ``{url, warc_record_id, warc_type, text,
attributes, verdict, error}``: ``conversion`` records cleaned (``text``,
tagger-style ``attributes``, the page ``verdict``), other records with
their header fields only, and records that cannot be processed with their
content as it was and ``error`` set. Gzip data that is cut short ends its
file with one more document whose ``error`` says where.

Counters (Spark accumulators; a retried task counts again): records in,
documents out, failed. Exits 3 when every record failed.
"""

import argparse
import sys

_DETECTOR = {}

COUNTERS = ("records_in", "documents_out", "failed")


def _detector(model, threshold):
    """One Detector per executor process (and model), reused by its tasks."""
    from newschaff import Detector

    key = (model, threshold)
    if key not in _DETECTOR:
        _DETECTOR[key] = Detector.from_file(model, threshold) if model else Detector(threshold)
    return _DETECTOR[key]


def documents(files, model=None, threshold=0.5, repair=False, site_memory=False, counters=None):
    """The mapPartitions function: ``(path, bytes)`` pairs of WET files in,
    one JSON document (a ``str``) per record out. ``counters``: accumulators
    named as in ``COUNTERS``, added to once per partition."""
    from newschaff import WetDocuments

    detector = _detector(model, threshold)
    n_in = n_out = n_failed = 0
    try:
        for path, data in files:
            docs = WetDocuments(data, source=path, repair=repair, detector=detector, site_memory=site_memory)
            for line, failed, is_record in docs:
                n_in += is_record
                n_out += 1
                n_failed += failed
                yield line
    finally:
        if counters is not None:
            for acc, n in zip(counters, (n_in, n_out, n_failed)):
                acc.add(n)


def schema():
    """The Spark schema of a document (for Parquet output)."""
    from pyspark.sql import types as T

    span = T.ArrayType(T.DoubleType())
    verdict = T.StructType(
        [
            T.StructField("lines", T.LongType()),
            T.StructField("noise_lines", T.LongType()),
            T.StructField("content_lines", T.LongType()),
            T.StructField("content_farm", T.BooleanType()),
            T.StructField("brands", T.ArrayType(T.StringType())),
            T.StructField("spliced_lines", T.LongType()),
            T.StructField("spam_score", T.DoubleType()),
            T.StructField("brand_evidence", T.ArrayType(T.StringType())),
        ]
    )
    return T.StructType(
        [
            T.StructField("url", T.StringType()),
            T.StructField("warc_record_id", T.StringType()),
            T.StructField("warc_type", T.StringType()),
            T.StructField("text", T.StringType()),
            T.StructField("attributes", T.MapType(T.StringType(), T.ArrayType(span))),
            T.StructField("verdict", verdict),
            T.StructField("error", T.StringType()),
        ]
    )


def run(spark, paths, out, fmt="jsonl", model=None, threshold=0.5, repair=False, site_memory=False, partitions=None):
    """Runs the job in ``spark`` (a SparkSession): WET ``paths`` to
    documents in the folder ``out`` (``fmt``: ``jsonl`` or ``parquet``).
    ``partitions``: at most this many (default: one per path, a glob or
    folder split by size). Returns the counters as a dict."""
    sc = spark.sparkContext
    counters = [sc.accumulator(0) for _ in COUNTERS]
    # One RDD per path: binaryFiles packs small files into one partition
    # whatever it is asked, so each path gets its own (a glob or folder is
    # split by size; files of Common Crawl's size get one each), and no
    # file's bytes are shuffled. `partitions` merges them (no shuffle either).
    rdds = [sc.binaryFiles(str(p)) for p in paths]
    files = rdds[0] if len(rdds) == 1 else sc.union(rdds)
    if partitions and files.getNumPartitions() > partitions:
        files = files.coalesce(partitions)
    docs = files.mapPartitions(
        lambda it: documents(it, model, threshold, repair, site_memory, counters),
        preservesPartitioning=True,
    )
    if fmt == "jsonl":
        docs.saveAsTextFile(str(out))
    elif fmt == "parquet":
        spark.read.schema(schema()).json(docs).write.parquet(str(out))
    else:
        raise ValueError(f"format {fmt!r}: jsonl or parquet")
    return {name: acc.value for name, acc in zip(COUNTERS, counters)}


def site_memory_of(args):
    """``site_memory`` for :class:`WetDocuments` from the command line:
    False, True, or the dict of the settings given."""
    settings = {
        key: value
        for key, value in (("min_pages", args.site_min_pages), ("brand_pages", args.site_brand_pages))
        if value is not None
    }
    if settings and not args.site_memory:
        raise SystemExit("--site-min-pages and --site-brand-pages need --site-memory")
    return settings or args.site_memory


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="python -m newschaff.spark",
        description="Cleans WET files on Spark: one document per record (JSON Lines or Parquet).",
    )
    ap.add_argument("out", help="output folder (must not exist)")
    ap.add_argument("paths", nargs="+", help="WET files (any Hadoop file system path; globs allowed)")
    ap.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl", help="output format (default jsonl)")
    ap.add_argument("--model", help="model file, readable on every executor (default: the built-in model)")
    ap.add_argument("--threshold", type=float, default=0.5, help="a line is noise when p_noise >= this")
    ap.add_argument("--repair", action="store_true", help="delete injected brand spans from kept lines")
    ap.add_argument("--site-memory", action="store_true", help="remember lines per host, within each file")
    ap.add_argument("--site-min-pages", type=int, help="with --site-memory: as newschaff filter --site-min-pages")
    ap.add_argument("--site-brand-pages", type=int, help="with --site-memory: as newschaff filter --site-brand-pages (0: no brands)")
    ap.add_argument("--partitions", type=int, help="at most this many partitions (default: one per path; a glob or folder split by size)")
    ap.add_argument("--master", help="Spark master when not run by spark-submit (e.g. local[2])")
    args = ap.parse_args(argv)

    import os

    from pyspark.sql import SparkSession

    # Python workers run this interpreter (which has newschaff) unless told.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("newschaff")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        counts = run(
            spark,
            args.paths,
            args.out,
            fmt=args.format,
            model=args.model,
            threshold=args.threshold,
            repair=args.repair,
            site_memory=site_memory_of(args),
            partitions=args.partitions,
        )
    finally:
        spark.stop()
    print(
        f"newschaff: {counts['records_in']} records in, {counts['documents_out']} documents out, "
        f"{counts['failed']} failed",
        file=sys.stderr,
    )
    if counts["records_in"] > 0 and counts["failed"] >= counts["records_in"]:
        print("newschaff: partial failure: no record could be processed", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
