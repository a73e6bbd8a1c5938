"""Copies the rows of the shared mobility and Elcano files that entente's default data needs:
Kazakhstan and the partners the specification names (France, Germany, Korea, Turkey, China,
Russia, the United Kingdom, the United States). Rows are copied verbatim, header first, in
their original order; nothing is computed. Run from the repository root:

    python3 data/make_subsets.py ../shared/data
"""

import csv
import os
import sys

SHARED = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
ISO3 = {"KAZ", "FRA", "DEU", "KOR", "TUR", "CHN", "RUS", "GBR", "USA"}
# The names the files use for those countries (checked against the files).
NAMES = {
    "Kazakhstan", "France", "Germany", "South Korea", "Republic of Korea", "Turkey", "China",
    "Russian Federation", "Russia", "United Kingdom", "United States of America", "United States",
}

FILES = [
    # (source path under shared/data, destination under data/, column that must match, match set)
    ("student_mobility/oecd_edu_enrl_mobile_2013_2019/OECD_Intl_Student_Enrollment_2013_2019.csv",
     "mobility/OECD_Intl_Student_Enrollment_2013_2019.subset.csv", "COUNTRY_OF_ORIGIN", NAMES),
    ("student_mobility/uis_360info/popular-destinations-by-origin.csv",
     "mobility/popular-destinations-by-origin.subset.csv", "origin_country_name", NAMES),
    ("student_mobility/uis_360info/popular-origins-by-destination.csv",
     "mobility/popular-origins-by-destination.subset.csv", "dest_country_name", NAMES),
    ("student_mobility/uis_oecd_infosci301/inbound_intl.csv",
     "mobility/inbound_intl.subset.csv", "geoUnit", ISO3),
    ("soft_power/elcano_iepg/elcano_iepg_1990_2021_long.csv",
     "elcano/elcano_iepg_1990_2021_long.subset.csv", "iso3", ISO3),
]

here = os.path.dirname(os.path.abspath(__file__))
for src, dst, column, keep in FILES:
    with open(os.path.join(SHARED, src), newline="", encoding="utf-8") as f:
        lines = f.read().splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    col = header.index(column)
    kept = [lines[0]] + [l for l in lines[1:] if next(csv.reader([l]))[col] in keep]
    if not kept[-1].endswith("\n"):
        kept[-1] += "\n"
    with open(os.path.join(here, dst), "w", newline="", encoding="utf-8") as f:
        f.writelines(kept)
    print(f"{dst}: {len(kept) - 1} of {len(lines) - 1} rows")
