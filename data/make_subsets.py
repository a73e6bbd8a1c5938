"""Copies the rows of the shared mobility and Elcano files that entente's default data needs:
Kazakhstan and the partners the specification names (France, Germany, Korea, Turkey, China,
Russia, the United Kingdom, the United States); and, from the dyadic data sets, the rows with
Kazakhstan on either side (AidData's small table whole), plus the crosswalk rows entente's
readers compile in. Rows are copied verbatim, header first, in their original order; nothing
is computed. Run from the repository root:

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

# Dyadic data sets (shared/data/dyadic): the rows naming Kazakhstan on either side, found
# through each folder's crosswalk of country names to ISO alpha-3, plus the crosswalk rows
# entente's readers use (those with a code: exact, comma_rule or alias matches).
DYADIC = "dyadic"


def crosswalk(folder):
    with open(os.path.join(SHARED, DYADIC, folder, "country_names_iso3.csv"), newline="", encoding="utf-8") as f:
        return {r["name"]: r["iso3"] for r in csv.DictReader(f)}


def copy_rows(folder, src, dst, keep, split=None):
    """Copies the header and the lines `keep(fields)` accepts, verbatim and in order."""
    with open(os.path.join(SHARED, DYADIC, folder, src), newline="", encoding="utf-8") as f:
        lines = f.read().splitlines(keepends=True)
    fields = split or (lambda l: next(csv.reader([l])))
    kept = [lines[0]] + [l for l in lines[1:] if l.strip() and keep(fields(l))]
    if not kept[-1].endswith("\n"):
        kept[-1] += "\n"
    os.makedirs(os.path.join(here, DYADIC, folder), exist_ok=True)
    with open(os.path.join(here, DYADIC, folder, dst), "w", newline="", encoding="utf-8") as f:
        f.writelines(kept)
    print(f"{DYADIC}/{folder}/{dst}: {len(kept) - 1} of {len(lines) - 1} rows")


def copy_whole(folder, name):
    with open(os.path.join(SHARED, DYADIC, folder, name), "rb") as f:
        data = f.read()
    os.makedirs(os.path.join(here, DYADIC, folder), exist_ok=True)
    with open(os.path.join(here, DYADIC, folder, name), "wb") as f:
        f.write(data)
    print(f"{DYADIC}/{folder}/{name}: whole file, {len(data)} bytes")


def usable(row):
    return row[1] != "" and row[2] in ("exact", "comma_rule", "alias")


def is_kaz(names, folder):
    codes = crosswalk(folder)
    return lambda r: any(codes.get(r[i]) == "KAZ" for i in names)


# The embassies file is `;`-separated without quoting (its generator strips `;` from values).
semicolons = lambda l: l.rstrip("\r\n").split(";")
copy_rows("embassies_wikidata", "database_of_embassies.csv", "database_of_embassies.subset.csv",
          is_kaz([0, 4], "embassies_wikidata"), semicolons)
# AidData's table is small (37 KB): shipped whole, byte for byte (CRLF, no final newline).
copy_whole("china_public_diplomacy_aiddata", "ChinesePublicDiplomacy.csv")
copy_rows("sister_cities_wikipedia", "twin_cities_raw.csv", "twin_cities_raw.subset.csv",
          is_kaz([1, 3], "sister_cities_wikipedia"))
# Mission status has the USA on one side: Kazakhstan and its partners' ranges (COW system).
mission = crosswalk("us_mission_status_kenkel")
copy_rows("us_mission_status_kenkel", "mission_status_range_cow_v0.1.csv",
          "mission_status_range_cow_v0.1.subset.csv", lambda r: mission.get(r[2]) in ISO3)
copy_rows("us_travels_abroad_hsg", "trips.csv", "trips.subset.csv", is_kaz([7], "us_travels_abroad_hsg"))
copy_rows("foreign_leader_visits_us_hsg", "visits.csv", "visits.subset.csv",
          is_kaz([4], "foreign_leader_visits_us_hsg"))
for folder in ["embassies_wikidata", "china_public_diplomacy_aiddata", "sister_cities_wikipedia",
               "us_mission_status_kenkel", "us_travels_abroad_hsg", "foreign_leader_visits_us_hsg"]:
    copy_rows(folder, "country_names_iso3.csv", "country_names_iso3.subset.csv", usable)
