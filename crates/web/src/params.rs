//! The API's parameters as the OpenAPI document declares them, grouped as the routes share
//! them. Handlers read the query as pairs (a parameter may repeat, and each refusal names its
//! parameter), so these types only describe; but the router refuses any query parameter a
//! route's declaration does not list (`openapi`), so what is declared here is exactly what is
//! taken. Each example works on the bundled data: the API test calls every route with them.
//! Closed sets of values are written inline (`inline`), so that each parameter reads whole.

// The fields are never read: see above.
#![allow(dead_code)]

use entente_analytics::By;
use entente_analytics::compare::Direction;
use entente_model::ontology::{Domain, EventKind, Status};
use entente_model::record::RecordKind;
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

/// The languages of names and labels.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Lang {
    En,
    Fr,
    Ru,
    Kk,
}

/// Citation styles of formatted text.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum TextStyle {
    Gost,
    Apa,
}

/// Citation styles of the source list: formatted text, or entries for reference managers.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum SourceStyle {
    Gost,
    Apa,
    Bibtex,
    CslJson,
}

/// How a record came to be.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum OriginFilter {
    Curated,
    Coded,
    Imported,
}

/// Candidates of one review state, or all.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum StateFilter {
    Pending,
    Accepted,
    Rejected,
    All,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct LangQuery {
    /// Language of names and labels (default en).
    #[param(inline, example = "fr")]
    lang: Option<Lang>,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct StyleQuery {
    /// Citation style of formatted sources (default gost).
    #[param(inline, example = "apa")]
    style: Option<TextStyle>,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct SourceStyleQuery {
    /// gost or apa (formatted text), bibtex or csl-json (entries). Default gost.
    #[param(inline, example = "apa")]
    style: Option<SourceStyle>,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
pub(crate) struct CountryPath {
    /// A country: any ISO, CAMEO or FIPS code, or a name in English, French, Russian or Kazakh.
    #[param(example = "KAZ")]
    code: String,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
pub(crate) struct PairPath {
    /// First country: any ISO, CAMEO or FIPS code, or a name in English, French, Russian or Kazakh.
    #[param(example = "FRA")]
    a: String,
    /// Second country, likewise.
    #[param(example = "Казахстан")]
    b: String,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
pub(crate) struct RecordPath {
    /// A record id.
    #[param(example = "sorbonne-kazakhstan")]
    id: String,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
pub(crate) struct SourcePath {
    /// The id of a source record.
    #[param(example = "kussainova-2021")]
    id: String,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
pub(crate) struct CandidatePath {
    /// A candidate id (`entente review list`).
    #[param(example = "cand-b94bf8518f9097f2")]
    id: String,
}

/// The candidate the API test rejects: another than the one it accepts.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
pub(crate) struct RejectedPath {
    /// A candidate id (`entente review list`).
    #[param(example = "cand-76b241cdc3bec5d6")]
    id: String,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct CountriesQuery {
    /// Part of a name in any of the four languages, or a whole code.
    #[param(example = "kaz")]
    q: Option<String>,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct PageQuery {
    /// Page of results, from 1.
    #[param(example = 1, minimum = 1)]
    page: Option<u64>,
    /// Results per page (default 50, at most 500).
    #[param(example = 20, minimum = 1, maximum = 500)]
    per_page: Option<u64>,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct SearchQuery {
    /// Words to find in titles, names, descriptions and quotes, in any language.
    #[param(example = "Alliance")]
    q: Option<String>,
    /// Record kinds, repeated or comma-separated.
    #[param(inline, style = Form, explode, example = json!(["event"]))]
    kind: Option<Vec<RecordKind>>,
    /// Event domains, repeated or comma-separated.
    #[param(inline, style = Form, explode, example = json!(["education"]))]
    domain: Option<Vec<Domain>>,
    /// Event statuses, repeated or comma-separated.
    #[param(inline, style = Form, explode, example = json!(["held"]))]
    status: Option<Vec<Status>>,
    /// Years of the events, repeated or comma-separated.
    #[param(style = Form, explode, example = json!([2019]))]
    year: Option<Vec<i32>>,
    /// How the events came to be, repeated or comma-separated.
    #[param(inline, style = Form, explode, example = json!(["curated"]))]
    origin: Option<Vec<OriginFilter>>,
    /// Datasets, repeated or comma-separated.
    #[param(style = Form, explode, example = json!(["fra-kaz"]))]
    dataset: Option<Vec<String>>,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct YearRange {
    /// First year (inclusive), 1800 to 2200.
    #[param(example = 2010)]
    from: Option<i32>,
    /// Last year (inclusive), 1800 to 2200.
    #[param(example = 2025)]
    to: Option<i32>,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct TimelineQuery {
    /// Event domains, repeated or comma-separated.
    #[param(inline, style = Form, explode, example = json!(["education"]))]
    domain: Option<Vec<Domain>>,
    /// Event kinds, repeated or comma-separated.
    #[param(inline, style = Form, explode, example = json!(["agreement_signed"]))]
    kind: Option<Vec<EventKind>>,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct SeriesPeriod {
    /// Period of the series (default month).
    #[param(inline, example = "year")]
    by: Option<By>,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct CompareQuery {
    /// in: each partner projecting into the country (default); out: the country projecting
    /// into each partner.
    #[param(inline, example = "in")]
    direction: Option<Direction>,
    /// The year, 1800 to 2200 (default: the latest year the country has student-mobility data).
    #[param(example = 2018)]
    year: Option<i32>,
    /// Show only these partners: codes or names, repeated or comma-separated. Ranks stay those
    /// among every partner.
    #[param(style = Form, explode, example = json!(["FRA,KOR"]))]
    partners: Option<Vec<String>>,
    /// Show only the N best-ranked partners, 1 to 500.
    #[param(example = 12, minimum = 1, maximum = 500)]
    top: Option<u64>,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct DrawsQuery {
    /// Monte Carlo draws, 1 to 20000 (default: the index configuration's).
    #[param(example = 200, minimum = 1, maximum = 20000)]
    draws: Option<u64>,
    /// Seed of the Monte Carlo draws, 0 to 2^53 − 1 (default: the index configuration's).
    #[param(example = 7)]
    seed: Option<u64>,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct IndexQuery {
    /// First year, 1800 to 2200 (default: nine years before `to`).
    #[param(example = 2014)]
    from: Option<i32>,
    /// Last year, 1800 to 2200 (default: the latest year B has data).
    #[param(example = 2018)]
    to: Option<i32>,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct DiagnoseQuery {
    /// The year, 1800 to 2200 (default: the comparison's latest year).
    #[param(example = 2018)]
    year: Option<i32>,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct CandidatesQuery {
    /// Candidates in this state (default pending).
    #[param(inline, example = "pending")]
    state: Option<StateFilter>,
    /// With b: only candidates naming both countries (any code or name).
    #[param(example = "FRA")]
    a: Option<String>,
    /// The second country, with a.
    #[param(example = "KAZ")]
    b: Option<String>,
}
