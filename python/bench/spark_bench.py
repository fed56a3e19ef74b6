"""Throughput of the Spark job against the command line, in one local[2]
session, timed in rounds (each round runs every variant once, in turn, so
that a drift of the machine's speed hits all of them alike):

- cli: `newschaff filter --threads 1 --to jsonl` over the files (whole process);
- spark-1: the job (mapPartitions) over one partition: one executor core;
- pipe-1: RDD.pipe over the binary (bench/spark_pipe.py's way), one partition;
- spark-2: the job over two partitions: two executor cores.

The Spark variants are timed from the job's start to its output written,
in a session already started (starting one takes 5-15 s, paid once per
application). Prints each round and the median of the per-round ratios.

    python python/bench/spark_bench.py --binary target/release/newschaff --rounds 5 /tmp/wet/*.warc.wet.gz
"""

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--binary", required=True)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    from newschaff import spark as job

    spark = SparkSession.builder.master("local[2]").appName("newschaff-bench").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    sc = spark.sparkContext
    tmp = tempfile.mkdtemp(prefix="newschaff-bench-")
    binary = os.path.abspath(args.binary)
    paths = [os.path.abspath(p) for p in args.paths]

    def out(name):
        d = os.path.join(tmp, name)
        shutil.rmtree(d, ignore_errors=True)
        return d

    def cli():
        subprocess.run(
            [binary, "filter", "-q", "--threads", "1", "--max-failures", "1", "--to", "jsonl", "--out", out("cli.jsonl")]
            + paths,
            check=True,
        )

    def spark_job(partitions):
        return job.run(spark, paths, out(f"spark{partitions}"), partitions=partitions)

    def pipe1():
        loop = f'while read -r p; do {shlex.quote(binary)} filter -q --threads 1 --max-failures 1 --to jsonl "$p"; done'
        sc.parallelize(paths, 1).pipe(f"sh -c {shlex.quote(loop)}").saveAsTextFile(out("pipe1"))

    variants = {"cli": cli, "spark-1": lambda: spark_job(1), "pipe-1": pipe1, "spark-2": lambda: spark_job(2)}
    records = spark_job(1)["records_in"]  # warm-up (and the record count)
    for f in variants.values():
        f()
    times = {k: [] for k in variants}
    for r in range(args.rounds):
        for name, f in variants.items():
            t = time.perf_counter()
            f()
            times[name].append(time.perf_counter() - t)
        print(f"round {r + 1}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in times.items()), flush=True)
    spark.stop()
    shutil.rmtree(tmp, ignore_errors=True)

    def ratio(a, b):
        rs = [x / y for x, y in zip(times[a], times[b])]
        return f"{a}/{b}: median {statistics.median(rs):.2f} (min {min(rs):.2f}, max {max(rs):.2f})"

    print(f"{records} records; median records/s: " + ", ".join(f"{k} {records / statistics.median(v):.0f}" for k, v in times.items()))
    print(ratio("spark-1", "cli"))
    print(ratio("pipe-1", "spark-1"))
    print(ratio("spark-2", "spark-1"))


if __name__ == "__main__":
    main()
