//! Numbers a user gives on the command line are checked against their range, with a message
//! naming the flag and the range, before any work is done.

#![allow(clippy::unwrap_used)]

use std::process::Command;

fn refused(args: &[&str], flag: &str, range: &str) {
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_entente")).arg("--data").arg(data.path()).args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{args:?} was accepted");
    assert!(err.contains(flag) && err.contains(range), "{args:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn query_limits_are_bounded() {
    refused(&["query", "SELECT 1", "--max-rows", "18446744073709551615"], "--max-rows", "1..=10000000");
    refused(&["query", "SELECT 1", "--max-rows", "0"], "--max-rows", "1..=10000000");
    refused(&["query", "SELECT 1", "--timeout", "18446744073709551615"], "--timeout", "1..=86400");
    refused(&["query", "SELECT 1", "--memory", "18446744073709551615"], "--memory", "16..=1048576");
}

#[test]
fn counts_years_and_sizes_are_bounded() {
    refused(&["search", "Alliance", "--limit", "0"], "--limit", "1..=10000");
    refused(&["timeline", "FRA", "KAZ", "--from", "99999999999"], "--from", "1800..=2200");
    refused(&["series", "FRA", "KAZ", "--to=-5"], "--to", "1800..=2200");
    refused(&["series", "FRA", "KAZ", "--repeat", "18446744073709551615"], "--repeat", "1..=1000");
    refused(&["compare", "KAZ", "--top", "0"], "--top", "1..=500");
    refused(&["import", "gdelt", ".", "--threads", "0"], "--threads", "1..=1024");
    refused(&["import", "gdelt", ".", "--chunk-size", "18446744073709551615"], "--chunk-size", "1..=65536");
    refused(&["import", "gdelt", ".", "--row-group-rows", "0"], "--row-group-rows", "1024..=10000000");
    refused(&["compact", "gdelt", "--target-rows=-5"], "--target-rows", "1000..=1000000000");
    refused(&["review", "list", "--limit", "100000000000000000000"], "--limit", "");
}

#[test]
fn a_query_that_needs_more_memory_than_allowed_says_so() {
    let data = tempfile::tempdir().unwrap();
    let sql = "SELECT count(*) FROM range(3000000) a JOIN range(3000000) b ON a.value = b.value";
    let out = Command::new(env!("CARGO_BIN_EXE_entente"))
        .arg("--data")
        .arg(data.path())
        .args(["query", sql, "--memory", "16"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("limit of 16 MiB") && err.contains("--memory"), "{err}");
}
