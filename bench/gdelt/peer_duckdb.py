"""The DuckDB side of the benchmark: the same rows into Parquet, and the same series SQL over
entente's Parquet parts. Prints one JSON object."""

import argparse
import json
import statistics
import time

import duckdb

parser = argparse.ArgumentParser()
sub = parser.add_subparsers(dest="mode", required=True)
imp = sub.add_parser("import")
imp.add_argument("csv_glob")
imp.add_argument("out")
q = sub.add_parser("query")
q.add_argument("parquet_glob")
q.add_argument("counts_glob")
q.add_argument("sql_file")
q.add_argument("--runs", type=int, default=7)
parser.add_argument("--threads", type=int, default=2)
args = parser.parse_args()

# GDELT 2.0 columns typed as entente types them.
COLUMNS = [
    ("global_event_id", "BIGINT"), ("sql_date", "DATE"), ("month_year", "INTEGER"), ("year", "INTEGER"),
    ("fraction_date", "DOUBLE"),
] + [(f"actor{a}_{c}", "VARCHAR") for a in (1, 2) for c in (
    "code", "name", "country_code", "known_group_code", "ethnic_code", "religion1_code", "religion2_code",
    "type1_code", "type2_code", "type3_code")] + [
    ("is_root_event", "BOOLEAN"), ("event_code", "VARCHAR"), ("event_base_code", "VARCHAR"),
    ("event_root_code", "VARCHAR"), ("quad_class", "TINYINT"), ("goldstein_scale", "DOUBLE"),
    ("num_mentions", "INTEGER"), ("num_sources", "INTEGER"), ("num_articles", "INTEGER"), ("avg_tone", "DOUBLE"),
] + [(f"{g}_{c}", t) for g in ("actor1_geo", "actor2_geo", "action_geo") for c, t in (
    ("type", "TINYINT"), ("fullname", "VARCHAR"), ("country_code", "VARCHAR"), ("adm1_code", "VARCHAR"),
    ("adm2_code", "VARCHAR"), ("lat", "DOUBLE"), ("long", "DOUBLE"), ("feature_id", "VARCHAR"))] + [
    ("date_added", "TIMESTAMP"), ("source_url", "VARCHAR"),
]
assert len(COLUMNS) == 61

con = duckdb.connect()
con.execute(f"SET threads TO {args.threads}")
result = {"duckdb_version": duckdb.__version__, "threads": args.threads}
if args.mode == "import":
    cols = "{" + ", ".join(f"'{n}': '{t}'" for n, t in COLUMNS) + "}"
    t0 = time.perf_counter()
    con.execute(
        f"""COPY (SELECT * FROM read_csv('{args.csv_glob}', delim='\\t', header=false, quote='', escape='',
                 columns={cols}, dateformat='%Y%m%d', timestampformat='%Y%m%d%H%M%S'))
            TO '{args.out}' (FORMAT PARQUET, COMPRESSION SNAPPY)"""
    )
    result["seconds"] = time.perf_counter() - t0
    result["rows"] = con.execute(f"SELECT count(*) FROM read_parquet('{args.out}')").fetchone()[0]
else:
    # `entente series --show-sql --format json`: each statement with the values of its $n placeholders.
    statements = [(s["sql"].replace("gdelt_events", f"read_parquet('{args.parquet_glob}')")
                   .replace("gdelt_country_counts", f"read_parquet('{args.counts_glob}')"), s["params"])
                  for s in json.load(open(args.sql_file))]
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        outputs = [con.execute(sql, params).fetchall() for sql, params in statements]
        times.append((time.perf_counter() - t0) * 1000)
    result["runs_ms"] = times
    result["median_ms"] = statistics.median(times)
    # The pair's events by period, Actor1 country, QuadClass, root; then each country's totals.
    result["dyad_events"] = sum(row[4] for row in outputs[0])
    result["involving"] = [sum(row[1] for row in outputs[1]), sum(row[2] for row in outputs[1])]
print(json.dumps(result))
