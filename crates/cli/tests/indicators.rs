//! `entente indicators`, `entente claims` and `entente import indicators`, run as a user would.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{entente, json};
use serde_json::Value;

fn flow<'a>(v: &'a Value, from: &str, to: &str, dataset: &str) -> Option<&'a Value> {
    v["flows"].as_array().unwrap().iter().find(|f| f["from"] == from && f["to"] == to && f["dataset"] == dataset)
}

#[test]
fn kazakhstan_to_france_shows_the_oecd_series_with_change_and_growth() {
    let dir = tempfile::tempdir().unwrap();
    let v = json(dir.path(), &["indicators", "France", "Kazakhstan", "--format", "json"]);
    let oecd = flow(&v, "KAZ", "FRA", "oecd-enrolment-by-origin").unwrap();
    let points: Vec<(String, f64)> = oecd["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["period"].as_str().unwrap().to_string(), p["value"].as_f64().unwrap()))
        .collect();
    // Half the values data/SOURCES.md quotes for France←Kazakhstan: the file doubles every
    // count (its total summed with its own levels), and entente shows the file's as raw.
    let raw = [(2013, 692.0), (2014, 784.0), (2015, 796.0), (2016, 856.0), (2017, 940.0), (2018, 734.0), (2019, 864.0)];
    let expected: Vec<(String, f64)> = raw.iter().map(|(y, n)| (y.to_string(), n / 2.0)).collect();
    assert_eq!(points, expected);
    for (p, (_, r)) in oecd["points"].as_array().unwrap().iter().zip(raw) {
        assert_eq!(p["raw_value"], r);
        assert!(p["note"].as_str().unwrap().contains("value halved"), "{p}");
    }
    assert_eq!(oecd["points"][1]["change"], 46.0);
    assert_eq!(oecd["abs_change"], 86.0);
    let cagr = oecd["cagr"].as_f64().unwrap();
    assert!((cagr - ((432.0f64 / 346.0).powf(1.0 / 6.0) - 1.0)).abs() < 1e-9);
    assert!(oecd["source"]["citation"].as_str().unwrap().contains("EDU_ENRL_MOBILE"));
    let table = String::from_utf8_lossy(&entente(dir.path(), &["indicators", "FRA", "KAZ"]).stdout).to_string();
    assert!(table.contains("in the file (raw)") && table.contains("Corrected: value halved"), "{table}");
    assert_eq!(oecd["points"][0]["locator"], "COUNTRY_OF_SCHOOL=France, COUNTRY_OF_ORIGIN=Kazakhstan, YEAR=2013");
    // Flows come B→A first: students from Kazakhstan in France.
    assert_eq!(v["flows"][0]["from"], "KAZ");
    // France's rank among Kazakhstan's destinations, and its share of them.
    let share = v["shares"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["dataset"] == "oecd-enrolment-by-origin" && s["period"] == "2013")
        .unwrap();
    assert_eq!(share["students"], 346.0);
    assert!(share["rank"].as_u64().unwrap() >= 1);
    let total = share["total_outbound"].as_f64().unwrap();
    assert!((share["share"].as_f64().unwrap() - 346.0 / total).abs() < 1e-12);
    // Elcano context for both.
    for country in ["FRA", "KAZ"] {
        for variable in ["culture", "education", "science"] {
            assert!(
                v["presence"].as_array().unwrap().iter().any(|p| p["country"] == country && p["variable"] == variable),
                "{country} {variable}"
            );
        }
    }
}

#[test]
fn the_same_commands_work_for_other_pairs() {
    let dir = tempfile::tempdir().unwrap();
    for (a, b) in [("Kazakhstan", "Korea, Republic of"), ("Казахстан", "Германия")] {
        let v = json(dir.path(), &["indicators", a, b, "--format", "json"]);
        let from_kaz = v["flows"].as_array().unwrap().iter().filter(|f| f["from"] == "KAZ").count();
        assert!(from_kaz >= 1, "{a}–{b}: {v}");
        assert!(v["presence"].as_array().unwrap().len() >= 9);
        let claims = json(dir.path(), &["claims", a, b, "--format", "json"]);
        assert!(claims.as_array().unwrap().iter().all(|c| c["verdict"].is_string()));
    }
    let table = entente(dir.path(), &["indicators", "KAZ", "DEU"]);
    assert!(String::from_utf8_lossy(&table.stdout).contains("Students KAZ→DEU"));
}

#[test]
fn the_oecd_doubling_is_undone_so_sources_agree_on_the_same_flow() {
    // The cleaned OECD file gives twice UIS's count for Kazakhstan's students in Germany
    // (2019: 1,926 against 963): its total was summed with its own levels. Halved, the two
    // sources give the same count in six years of seven; 2014 differs for another reason
    // (1,073 against 701), and the comparison still says so.
    let dir = tempfile::tempdir().unwrap();
    let v = json(dir.path(), &["indicators", "KAZ", "DEU", "--format", "json"]);
    let list = v["agreement"].as_array().unwrap();
    let a = list.iter().find(|a| a["from"] == "KAZ" && a["to"] == "DEU").unwrap_or_else(|| panic!("{v}"));
    assert_eq!(a["datasets"], serde_json::json!(["oecd-enrolment-by-origin", "uis-destinations-by-origin"]));
    let points = a["points"].as_array().unwrap();
    let same = points.iter().filter(|p| p["ratio"] == 1.0).count();
    assert_eq!((same, points.len()), (6, 7), "{a}");
    let p2019 = points.iter().find(|p| p["period"] == "2019").unwrap();
    assert_eq!(p2019["values"], serde_json::json!([963.0, 963.0]));
    let p2014 = points.iter().find(|p| p["period"] == "2014").unwrap();
    assert_eq!(p2014["values"], serde_json::json!([1073.0, 701.0]));
    assert_eq!((a["agree"].as_bool(), a["median_ratio"].as_f64()), (Some(false), Some(1.0)));
    let table = entente(dir.path(), &["indicators", "KAZ", "DEU"]);
    assert!(
        String::from_utf8_lossy(&table.stdout)
            .contains("gives 1.00× uis-destinations-by-origin (median) and differs by more than 10% in 1 of 7")
    );
    // France: UIS's series stops in 2013 where OECD's starts: 692 in the file, 346 in UIS.
    let fr = json(dir.path(), &["indicators", "KAZ", "FRA", "--format", "json"]);
    let a = fr["agreement"].as_array().unwrap().iter().find(|a| a["to"] == "FRA").unwrap_or_else(|| panic!("{fr}"));
    assert_eq!(a["points"], serde_json::json!([{"period": "2013", "values": [346.0, 346.0], "ratio": 1.0}]));
}

fn claim<'a>(list: &'a Value, id: &str) -> &'a Value {
    list.as_array().unwrap().iter().find(|c| c["claim_id"] == id).unwrap_or_else(|| panic!("{id} missing"))
}

#[test]
fn the_papers_student_claims_get_verdicts_a_reader_can_check() {
    let dir = tempfile::tempdir().unwrap();
    let list = json(dir.path(), &["claims", "FRA", "KAZ", "--format", "json"]);
    for c in list.as_array().unwrap() {
        for key in ["claim_id", "text", "verdict", "evidence", "reasoning"] {
            assert!(c.get(key).is_some(), "{key} in {c}");
        }
    }
    let entered = claim(&list, "claim-students-entered-2013");
    assert_eq!(entered["verdict"], "not_comparable");
    let reasoning =
        entered["reasoning"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect::<Vec<_>>().join(" ");
    assert!(reasoning.contains("entered") && reasoning.contains("enrolled"), "{reasoning}");
    // Both ends of the academic year, each named, the OECD figures halved with the file's beside them.
    assert!(
        reasoning.contains("346 (the file gives 692, corrected as the observation's note says) in 2013 (the calendar year 2013/14 starts in)")
            && reasoning.contains("392 (the file gives 784, corrected as the observation's note says) in 2014 (the calendar year 2013/14 ends in)"),
        "{reasoning}"
    );
    // The audit's defect: a verdict of not_comparable with reasoning that says "does not hold".
    assert!(!reasoning.contains("it holds") && !reasoning.contains("it does not hold"), "{reasoning}");
    assert_eq!(entered["evidence"][0]["raw_value"], 692.0);
    assert_eq!(entered["evidence"][0]["dataset"], "oecd-enrolment-by-origin");
    assert!(entered["claim_sources"][0]["citation"].as_str().unwrap().contains("10.32523/2616-6887/2021-134-1-16-22"));
    // The paper's own figure never supports the paper's claim.
    assert!(entered["evidence"].as_array().unwrap().iter().all(|e| e["dataset"] != "fra-kaz"));

    let doubled = claim(&list, "claim-students-doubled-2018");
    assert_eq!(doubled["verdict"], "not_comparable");
    let reasoning = doubled["reasoning"].to_string();
    assert!(
        reasoning.contains("432 (the file gives 864, corrected as the observation's note says) in 2019")
            && reasoning.contains("392 (the file gives 784, corrected as the observation's note says) in 2014")
            && reasoning.contains("ratio of 1.10")
            && reasoning.contains("ratio of 1.06"),
        "{reasoning}"
    );
    assert!(!reasoning.contains("it holds") && !reasoning.contains("it does not hold"), "{reasoning}");
    // The school claims now have a place: both are shown.
    claim(&list, "claim-miras-classes-in-french");
    let school = claim(&list, "claim-french-school-count");
    assert_eq!(school["claim_sources"][1]["role"], "as_cited_in_source");

    let rank = claim(&list, "claim-kaz-education-rank");
    assert_eq!(rank["verdict"], "no_data");
}

fn policy(dir: &Path, calendar: &str) -> PathBuf {
    let text = std::fs::read_to_string(entente_testkit::repo("data/claims-policy.toml"))
        .unwrap()
        .replace("calendar_year_is = \"either\"", &format!("calendar_year_is = \"{calendar}\""))
        .replace(
            "# \"students.entrants\" = [\"students.enrolled\"]",
            "\"students.entrants\" = [\"students.enrolled\"]",
        );
    let path = dir.join(format!("policy-{calendar}.toml"));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn the_policy_decides_what_counts_and_how_years_line_up() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // Taking enrolment as a stand-in for entrants, the data contradict both claims, at
    // either end of each academic year.
    let either = policy(dir.path(), "either");
    let list = json(&data, &["claims", "FRA", "KAZ", "--policy", either.to_str().unwrap(), "--format", "json"]);
    let entered = claim(&list, "claim-students-entered-2013");
    assert_eq!(entered["verdict"], "contradicted");
    assert!(entered["reasoning"].to_string().contains("it does not hold at either end"), "{entered}");
    let end = policy(dir.path(), "end");
    let list = json(&data, &["claims", "FRA", "KAZ", "--policy", end.to_str().unwrap(), "--format", "json"]);
    assert_eq!(claim(&list, "claim-students-entered-2013")["verdict"], "contradicted");
    let doubled = claim(&list, "claim-students-doubled-2018");
    assert_eq!(doubled["verdict"], "contradicted");
    assert!(doubled["reasoning"].to_string().contains("ratio of 1.10"));
    // Calendar years as the academic years they start: 2018 against 2013.
    let start = policy(dir.path(), "start");
    let list = json(&data, &["claims", "FRA", "KAZ", "--policy", start.to_str().unwrap(), "--format", "json"]);
    assert!(claim(&list, "claim-students-doubled-2018")["reasoning"].to_string().contains("the file gives 734"));
    // Refusing to line them up makes the claims not comparable.
    let none = policy(dir.path(), "none");
    let list = json(&data, &["claims", "FRA", "KAZ", "--policy", none.to_str().unwrap(), "--format", "json"]);
    let entered = claim(&list, "claim-students-entered-2013");
    assert_eq!(entered["verdict"], "not_comparable");
    assert!(entered["reasoning"].to_string().contains("calendar_year_is"));
    // A broken policy is refused clearly.
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[tolerance]\nequals = 0.05\n").unwrap();
    let out = entente(&data, &["claims", "FRA", "KAZ", "--policy", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a valid claims policy"));
}

#[test]
fn unresolvable_rows_are_reported_with_file_line_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("oecd.csv");
    std::fs::write(
        &file,
        "COUNTRY_OF_SCHOOL,COUNTRY_OF_ORIGIN,YEAR,TOTAL_INTL_STUDENTS\nFrance,Kazakhstan,2013,692\nFrance,Atlantis,2013,5\nFrance,Kazakhstan,2014,many\nFrance,Kazakhstan,20x4,3\nFrance,Kazakhstan\n",
    )
    .unwrap();
    let v = json(&data, &["import", "indicators", file.to_str().unwrap(), "--format", "json"]);
    let r = &v[0];
    assert_eq!(
        (r["rows_read"].as_u64(), r["observations"].as_u64(), r["rows_rejected"].as_u64()),
        (Some(5), Some(1), Some(4))
    );
    let rejects: Vec<String> = r["rejects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| format!("{}:{}: {}", x["file"].as_str().unwrap(), x["line"], x["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(
        rejects,
        [
            "oecd.csv:3: COUNTRY_OF_ORIGIN: unknown country \"Atlantis\"",
            "oecd.csv:4: TOTAL_INTL_STUDENTS \"many\" is not a number",
            "oecd.csv:5: year \"20x4\" is not a year",
            "oecd.csv:6: has 2 fields where the header has 4",
        ]
    );
    // They are kept in the store beside the dataset, which replaced the bundled subset.
    let q = json(
        &data,
        &[
            "query",
            "SELECT count(*) FROM import_rejects WHERE dataset = 'oecd-enrolment-by-origin'",
            "--format",
            "json",
        ],
    );
    assert_eq!(q["rows"][0][0], 4);
    let v = json(&data, &["indicators", "KAZ", "FRA", "--format", "json"]);
    assert_eq!(flow(&v, "KAZ", "FRA", "oecd-enrolment-by-origin").unwrap()["points"].as_array().unwrap().len(), 1);
    let out = entente(
        &data,
        &["import", "indicators", Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml").to_str().unwrap()],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a known indicator file"));
}

#[test]
fn the_full_oecd_file_imports_and_every_row_is_accounted_for() {
    let Some(file) = entente_testkit::shared_data(
        "student_mobility/oecd_edu_enrl_mobile_2013_2019/OECD_Intl_Student_Enrollment_2013_2019.csv",
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let v = json(dir.path(), &["import", "indicators", file.to_str().unwrap(), "--format", "json"]);
    let r = &v[0];
    assert_eq!(r["rows_read"], 57_858);
    assert_eq!(
        r["rows_read"].as_u64().unwrap(),
        r["observations"].as_u64().unwrap() + r["rows_rejected"].as_u64().unwrap()
    );
    // The only names the OECD file uses that are not ISO 3166 countries: Kosovo.
    for reject in r["rejects"].as_array().unwrap() {
        assert!(reject["reason"].as_str().unwrap().contains("\"Kosovo\""), "{reject}");
    }
    let v = json(dir.path(), &["indicators", "USA", "KAZ", "--format", "json"]);
    let us = flow(&v, "KAZ", "USA", "oecd-enrolment-by-origin").unwrap();
    // USA←Kazakhstan 2013: 4,236 in the file, as the shared data/SOURCES.md quotes it; half is the count.
    assert_eq!(us["points"][0]["value"], 2_118.0);
    assert_eq!(us["points"][0]["raw_value"], 4_236.0);
}
