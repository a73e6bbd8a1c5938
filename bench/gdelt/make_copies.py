"""Makes the benchmark's input: the real GDELT 2.0 files repeated until there are at least
`--rows` rows, each copy with its GLOBALEVENTIDs shifted (so every copy is new content, as a
later GDELT file would be) and zipped like GDELT's own downloads. Also writes the same rows
as plain CSV files, for engines that cannot read zip (DuckDB)."""

import argparse
import os
import zipfile

parser = argparse.ArgumentParser()
parser.add_argument("source", help="folder with *.export.CSV[.zip] files")
parser.add_argument("out", help="output folder (gets zip/ and csv/)")
parser.add_argument("--rows", type=int, default=10_000_000)
args = parser.parse_args()

files = []
for root, _, names in os.walk(args.source):
    for n in sorted(names):
        if n.endswith(".export.CSV") or n.endswith(".export.CSV.zip"):
            files.append(os.path.join(root, n))
files.sort()

def read(path):
    if path.endswith(".zip"):
        with zipfile.ZipFile(path) as z:
            return z.read(z.namelist()[0])
    with open(path, "rb") as f:
        return f.read()

originals = [(os.path.basename(p).replace(".zip", ""), read(p)) for p in files]
rows_per_round = sum(d.count(b"\n") for _, d in originals)
rounds = -(-args.rows // rows_per_round)
os.makedirs(os.path.join(args.out, "zip"), exist_ok=True)
os.makedirs(os.path.join(args.out, "csv"), exist_ok=True)
total = 0
for k in range(rounds):
    offset = k * 10_000_000_000
    for name, data in originals:
        stem = name[: -len(".export.CSV")]
        new_name = f"{stem}-copy{k:03d}.export.CSV"
        lines = data.split(b"\n")
        out = []
        for line in lines:
            if not line:
                continue
            tab = line.index(b"\t")
            out.append(str(int(line[:tab]) + offset).encode() + line[tab:])
        body = b"\n".join(out) + b"\n"
        total += len(out)
        with open(os.path.join(args.out, "csv", new_name), "wb") as f:
            f.write(body)
        with zipfile.ZipFile(os.path.join(args.out, "zip", new_name + ".zip"), "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
            z.writestr(new_name, body)
print(f"{rounds} rounds of {len(originals)} files: {total} rows")
