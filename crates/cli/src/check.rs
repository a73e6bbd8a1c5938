//! `entente check`: the evidence behind records — a citation dated before what it is cited
//! for, a record resting only on references another source attached, a claim no view
//! shows, a claim's reasoning that says more than its verdict — reported with record,
//! file and reason. Errors make the command fail; warnings do not.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use entente_analytics::Policy;
use entente_analytics::claims::verdict_text_problem;
use entente_ingest::curated::{DatasetFiles, LocatedFinding, check_dataset};
use entente_model::check::{Finding, Outside, Severity, check, rule};
use entente_model::{PartialDate, Record, RecordKind};
use entente_store::Store;
use serde::Serialize;

use crate::output::{Format, print_csv, print_json, table};

/// What was checked and what was found.
#[derive(Debug, Serialize)]
pub struct Report {
    /// The datasets checked: a folder's path, or a stored dataset's id and origin.
    pub checked: Vec<Checked>,
    pub errors: usize,
    pub warnings: usize,
    pub findings: Vec<LocatedFinding>,
    /// Folders that could not be read as a dataset (file, line, problem): nothing was checked there.
    pub invalid: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Checked {
    pub dataset: String,
    pub origin: String,
    pub records: usize,
}

/// Source dates and the actors and programmes events name, across the store: what records
/// of one dataset may point to in another.
struct Stored {
    dates: HashMap<String, Option<PartialDate>>,
    named: HashSet<String>,
}

impl Stored {
    fn read(store: &Store) -> Result<Stored> {
        let dates = store.sources()?.into_iter().map(|s| (s.id, s.date)).collect();
        let mut named = HashSet::new();
        for r in store.records_of_kind(RecordKind::Event)? {
            if let Record::Event(e) = r {
                named.extend(e.actors.into_iter().map(|a| a.actor));
                named.extend(e.programme);
            }
        }
        Ok(Stored { dates, named })
    }
}

/// Checks each folder (against the store's records, which references may point to), or,
/// without folders, every dataset in the store.
pub fn run(store: &Store, dirs: &[PathBuf]) -> Result<Report> {
    let stored = Stored::read(store)?;
    let source_date = |id: &str| stored.dates.get(id).copied().flatten();
    let named_by_event = |id: &str| stored.named.contains(id);
    let outside = Outside { source_date: &source_date, named_by_event: &named_by_event };
    let mut report = Report { checked: Vec::new(), errors: 0, warnings: 0, findings: Vec::new(), invalid: Vec::new() };
    if dirs.is_empty() {
        for d in store.datasets()? {
            let records = store.records_of_dataset(&d.id)?;
            let origin = format!("dataset {} ({})", d.id, d.origin);
            report.findings.extend(check(&records, &outside).into_iter().map(|finding| LocatedFinding {
                file: origin.clone(),
                line: 0,
                finding,
            }));
            report.checked.push(Checked { dataset: d.id, origin: d.origin, records: records.len() });
        }
        report.findings.extend(verdicts(store)?);
    } else {
        for folder in dirs {
            let (checked, findings) = folder_findings(store, folder, &outside, &mut report.invalid)?;
            report.checked.extend(checked);
            report.findings.extend(findings);
        }
    }
    report.errors = report.findings.iter().filter(|f| f.finding.severity == Severity::Error).count();
    report.warnings = report.findings.len() - report.errors;
    Ok(report)
}

/// The findings of one folder, each at its file and line; a folder that is not a valid
/// dataset is reported in `invalid` with its problems.
pub fn folder_findings(
    store: &Store,
    folder: &Path,
    outside: &Outside<'_>,
    invalid: &mut Vec<String>,
) -> Result<(Option<Checked>, Vec<LocatedFinding>)> {
    let files = DatasetFiles::read_dir(folder)?;
    let index = store.record_index()?;
    match check_dataset(&files, &|id| index.get(id).cloned(), outside) {
        Ok((dataset, findings)) => {
            let findings = findings
                .into_iter()
                .map(|f| LocatedFinding { file: folder.join(&f.file).display().to_string(), ..f })
                .collect();
            let checked = Checked {
                dataset: dataset.meta.id,
                origin: folder.display().to_string(),
                records: dataset.records.len(),
            };
            Ok((Some(checked), findings))
        }
        Err(problems) => {
            invalid.extend(problems.iter().map(|p| format!("{}: {p}", folder.display())));
            Ok((None, Vec::new()))
        }
    }
}

/// Every claim set against the store's data under the bundled policy, and its reasoning
/// held to its verdict.
fn verdicts(store: &Store) -> Result<Vec<LocatedFinding>> {
    let policy = Policy::default();
    let mut out = Vec::new();
    for r in store.records_of_kind(RecordKind::Claim)? {
        let Record::Claim(c) = r else { continue };
        if c.assessment.is_some() {
            continue;
        }
        let checked = entente_analytics::claims::check(store, &c, &policy, entente_cite::Style::Gost)?;
        if let Some(message) = verdict_text_problem(&checked) {
            let dataset = store.record(&c.id)?.map(|s| s.dataset).unwrap_or_default();
            out.push(LocatedFinding {
                file: format!("dataset {dataset}"),
                line: 0,
                finding: Finding {
                    severity: Severity::Error,
                    rule: rule::VERDICT_TEXT,
                    kind: RecordKind::Claim,
                    id: c.id.clone(),
                    field: String::new(),
                    message,
                },
            });
        }
    }
    Ok(out)
}

/// Prints the report; the exit code is a failure when there is an error or an unreadable folder.
pub fn print(report: &Report, format: Format) -> Result<ExitCode> {
    match format {
        Format::Json => print_json(report)?,
        Format::Csv => print_csv(
            &["severity", "rule", "kind", "id", "file", "line", "field", "message"],
            report.findings.iter().map(|f| {
                vec![
                    f.finding.severity.as_str().to_string(),
                    f.finding.rule.to_string(),
                    f.finding.kind.to_string(),
                    f.finding.id.clone(),
                    f.file.clone(),
                    if f.line > 0 { f.line.to_string() } else { String::new() },
                    f.finding.field.clone(),
                    f.finding.message.clone(),
                ]
            }),
        )?,
        Format::Table => {
            for p in &report.invalid {
                eprintln!("{p}");
            }
            if !report.findings.is_empty() {
                let mut tab = table(&["severity", "rule", "record", "where", "reason"]);
                for f in &report.findings {
                    let place = if f.line > 0 { format!("{}:{}", f.file, f.line) } else { f.file.clone() };
                    let place =
                        if f.finding.field.is_empty() { place } else { format!("{place}\n{}", f.finding.field) };
                    tab.add_row(vec![
                        f.finding.severity.as_str().to_string(),
                        f.finding.rule.to_string(),
                        format!("{} {}", f.finding.kind, f.finding.id),
                        place,
                        f.finding.message.clone(),
                    ]);
                }
                println!("{tab}");
            }
            let records: usize = report.checked.iter().map(|c| c.records).sum();
            println!(
                "Checked {} dataset{} ({records} records): {} error{}, {} warning{}.",
                report.checked.len(),
                if report.checked.len() == 1 { "" } else { "s" },
                report.errors,
                if report.errors == 1 { "" } else { "s" },
                report.warnings,
                if report.warnings == 1 { "" } else { "s" },
            );
        }
    }
    Ok(if report.errors > 0 || !report.invalid.is_empty() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
