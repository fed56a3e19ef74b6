"""The alternative to newschaff.spark measured against it: RDD.pipe over the
newschaff binary. Each partition's WET paths go to one shell loop that runs
`newschaff filter --to jsonl` on each file; its JSON Lines are the output.

    python python/bench/spark_pipe.py --master 'local[1]' --binary target/release/newschaff OUT PATH...

Works only where every executor can read the paths as local files and has
the binary; it has no counters and no per-record error documents of the
Spark job's form.
"""

import argparse
import shlex

from pyspark.sql import SparkSession


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--binary", required=True)
    ap.add_argument("--master")
    args = ap.parse_args()
    builder = SparkSession.builder.appName("newschaff-pipe")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    loop = f'while read -r p; do {shlex.quote(args.binary)} filter -q --threads 1 --max-failures 1 --to jsonl "$p"; done'
    paths = sc.parallelize(args.paths, min(len(args.paths), sc.defaultParallelism))
    paths.pipe(f"sh -c {shlex.quote(loop)}").saveAsTextFile(args.out)
    spark.stop()


if __name__ == "__main__":
    main()
