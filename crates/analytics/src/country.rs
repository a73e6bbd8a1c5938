//! A focus country's partners side by side: the events it shares with each, the student
//! flows both ways (latest value of every indicator and dataset that has one), and each
//! partner's Elcano soft presence, every figure with its source.

use std::collections::{BTreeMap, HashMap};

use entente_cite::Style;
use entente_model::CountryTable;
use entente_store::{Store, StoredObservation};
use serde::Serialize;

use crate::AnalyticsError;
use crate::indicators::{Presence, Sources, presence};
use crate::timeline::SourceRef;

/// One comparable figure: an indicator of one dataset, in one direction.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Column {
    /// Stable key: `outbound:students.enrolled:oecd-mobility`.
    pub key: String,
    /// `outbound` (from the focus country to the partner) or `inbound`.
    pub direction: &'static str,
    pub indicator: String,
    pub dataset: String,
    pub unit: String,
    /// Where the column's figures come from (the first observation's citation).
    pub source: SourceRef,
}

/// The latest value of a column for one partner.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ProfileCell))]
pub struct Cell {
    pub period: String,
    pub value: f64,
    pub observation_id: String,
    pub locator: String,
}

/// One partner of the focus country.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Partner {
    pub code: String,
    pub name: String,
    /// Curated events involving both countries.
    pub events: i64,
    /// Latest value per column key, where the partner has one.
    pub values: BTreeMap<String, Cell>,
    /// The partner's latest Elcano soft presence (year, value).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub soft_presence: Option<(i32, f64)>,
}

/// A focus country and its partners.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountryProfile {
    pub country: String,
    pub name: String,
    pub lang: String,
    /// The focus country's own Elcano soft-presence variables.
    pub presence: Vec<Presence>,
    pub columns: Vec<Column>,
    pub partners: Vec<Partner>,
    /// Source of the partners' soft presence figures, when any partner has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub soft_presence_source: Option<SourceRef>,
}

/// The partners of `country` (ISO alpha-3) with the figures that exist for them: those with
/// the most shared events first, then those with the largest first column.
pub fn country_profile(
    store: &Store,
    country: &str,
    lang: &str,
    style: Style,
) -> Result<CountryProfile, AnalyticsError> {
    let countries = CountryTable::bundled();
    let name = |code: &str| countries.name_or_code(code, lang);
    let mut sources = Sources::new(store, style);

    let mut events: HashMap<String, i64> = HashMap::new();
    for d in store.dyads()? {
        if d.a == country {
            events.insert(d.b, d.events);
        } else if d.b == country {
            events.insert(d.a, d.events);
        }
    }

    // Student observations both ways, grouped by column; the latest per partner wins.
    let mut columns: Vec<Column> = Vec::new();
    let mut values: HashMap<String, BTreeMap<String, Cell>> = HashMap::new();
    let outbound = store.observations("students.", Some(country), None, None)?;
    let inbound = store.observations("students.", None, Some(country), None)?;
    let tagged = outbound.iter().map(|o| ("outbound", o)).chain(inbound.iter().map(|o| ("inbound", o)));
    for (direction, o) in tagged {
        let partner = match direction {
            "outbound" => o.observation.to.as_deref(),
            _ => o.observation.from.as_deref(),
        };
        let Some(partner) = partner.filter(|p| *p != country) else { continue };
        let key = format!("{direction}:{}:{}", o.observation.indicator, o.dataset);
        if !columns.iter().any(|c| c.key == key) {
            columns.push(Column {
                key: key.clone(),
                direction,
                indicator: o.observation.indicator.clone(),
                dataset: o.dataset.clone(),
                unit: o.observation.unit.clone(),
                source: sources.cite(o)?,
            });
        }
        // The store lists each column's observations oldest first, so the last one stays.
        values.entry(partner.to_string()).or_default().insert(key, cell(o));
    }
    columns.sort_by(|a, b| (a.direction, &a.indicator, &a.dataset).cmp(&(b.direction, &b.indicator, &b.dataset)));
    // Outbound before inbound reads as "where our students go, who comes to us".
    columns.sort_by_key(|c| c.direction != "outbound");

    let mut soft: HashMap<String, (i32, f64)> = HashMap::new();
    let mut soft_presence_source = None;
    for o in store.observations("elcano.soft", None, None, None)? {
        let Some(c) = o.observation.country.clone() else { continue };
        if o.observation.indicator != "elcano.soft" {
            continue;
        }
        let year = o.observation.period.start_year();
        if soft.get(&c).is_none_or(|(y, _)| *y < year) {
            soft.insert(c, (year, o.observation.value));
        }
        if soft_presence_source.is_none() {
            soft_presence_source = Some(sources.cite(&o)?);
        }
    }

    let mut codes: Vec<String> = events.keys().chain(values.keys()).cloned().collect();
    codes.sort();
    codes.dedup();
    let first_key = columns.first().map(|c| c.key.clone());
    let mut partners: Vec<Partner> = codes
        .into_iter()
        .map(|code| Partner {
            name: name(&code),
            events: events.get(&code).copied().unwrap_or(0),
            values: values.remove(&code).unwrap_or_default(),
            soft_presence: soft.get(&code).copied(),
            code,
        })
        .collect();
    let first_value = |p: &Partner| first_key.as_ref().and_then(|k| p.values.get(k)).map(|c| c.value).unwrap_or(-1.0);
    partners.sort_by(|a, b| {
        b.events.cmp(&a.events).then(first_value(b).total_cmp(&first_value(a))).then(a.code.cmp(&b.code))
    });
    if partners.iter().all(|p| p.soft_presence.is_none()) {
        soft_presence_source = None;
    }
    Ok(CountryProfile {
        country: country.to_string(),
        name: name(country),
        lang: lang.to_string(),
        presence: presence(store, &mut sources, country)?,
        columns,
        partners,
        soft_presence_source,
    })
}

fn cell(o: &StoredObservation) -> Cell {
    Cell {
        period: o.observation.period.to_string(),
        value: o.observation.value,
        observation_id: o.observation.id.clone(),
        locator: o.observation.sources.first().map(|c| c.locator.clone()).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use entente_model::Dyad;

    fn store() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        entente_import::bundled::install(&mut store).unwrap();
        store
    }

    #[test]
    fn partners_line_up_with_the_dyad_indicators() {
        let store = store();
        let p = country_profile(&store, "KAZ", "fr", Style::Gost).unwrap();
        assert_eq!(p.name, "Kazakhstan");
        // France shares the curated events, so it comes first.
        let fra = &p.partners[0];
        assert_eq!((fra.code.as_str(), fra.name.as_str()), ("FRA", "France"));
        // Its bilateral events: those there by context only do not count.
        let bilateral =
            store.events_between("KAZ", "FRA", &Default::default()).unwrap().iter().filter(|e| !e.context).count();
        assert_eq!(fra.events, bilateral as i64);
        // Each cell is the last point of the same flow in the dyad's indicators.
        let ind = crate::indicators(&store, &Dyad::new("FRA", "KAZ"), "fr", Style::Gost).unwrap();
        let mut checked = 0;
        for flow in &ind.flows {
            let direction = if flow.from == "KAZ" { "outbound" } else { "inbound" };
            let key = format!("{direction}:{}:{}", flow.indicator, flow.dataset);
            let last = flow.points.last().unwrap();
            let cell = &fra.values[&key];
            assert_eq!((cell.period.as_str(), cell.value), (last.period.as_str(), last.value), "{key}");
            checked += 1;
        }
        assert!(checked >= 2, "{checked}");
        // The OECD file gives 864 students from Kazakhstan enrolled in France in 2019, twice
        // the count (its total summed with its levels): entente shows half.
        let oecd = p.columns.iter().find(|c| c.direction == "outbound" && c.dataset.contains("oecd")).unwrap();
        assert_eq!(fra.values[&oecd.key].value, 432.0);
        assert_eq!(fra.values[&oecd.key].period, "2019");
        // Every column has a source, and every partner's cells belong to known columns.
        assert!(p.columns.iter().all(|c| !c.source.source_id.is_empty()));
        assert!(p.partners.iter().all(|x| x.values.keys().all(|k| p.columns.iter().any(|c| &c.key == k))));
        assert!(p.partners.len() > 10, "{}", p.partners.len());
    }

    #[test]
    fn a_country_without_data_has_no_partners() {
        let p = country_profile(&store(), "TUV", "en", Style::Apa).unwrap();
        assert!(p.partners.is_empty() && p.columns.is_empty());
    }
}
