//! Queries for comparing a focus country's partners: every observation and curated event
//! that involves the focus, and which countries each dataset reports on at all (what the
//! index's "zero if covered" rule needs to tell an absent value from an unreported one).

use entente_model::record::Event;
use rusqlite::params;

use crate::{Result, Store, StoredObservation, event_rows, observation_rows};

/// One (dataset, from, to) triple an indicator's observations hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub dataset: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Store {
    /// Observations of exactly `indicator` with `country` on either side of the pair,
    /// by dataset and period.
    pub fn observations_involving(&self, indicator: &str, country: &str) -> Result<Vec<StoredObservation>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, r.dataset, r.body FROM observations o JOIN records r ON r.id = o.id
             WHERE o.indicator = ?1 AND (o.from_country = ?2 OR o.to_country = ?2)
             ORDER BY r.dataset, o.period_start, o.academic, r.id",
        )?;
        observation_rows(&mut stmt, params![indicator, country])
    }

    /// The distinct (dataset, from, to) of every observation, of any indicator, in the
    /// datasets that hold `indicator`: whom those datasets report on at all.
    pub fn observation_parties(&self, indicator: &str) -> Result<Vec<Party>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT r.dataset, o.from_country, o.to_country FROM observations o JOIN records r ON r.id = o.id
             WHERE r.dataset IN (SELECT DISTINCT r2.dataset FROM observations o2 JOIN records r2 ON r2.id = o2.id
                                 WHERE o2.indicator = ?1)",
        )?;
        let rows =
            stmt.query_map(params![indicator], |r| Ok(Party { dataset: r.get(0)?, from: r.get(1)?, to: r.get(2)? }))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Every event that involves `country` (as host, projecting or other), in date order.
    pub fn events_involving(&self, country: &str) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, r.body FROM events e JOIN records r ON r.id = e.id
             WHERE EXISTS (SELECT 1 FROM event_countries c WHERE c.event_id = e.id AND c.country = ?1)
             ORDER BY e.date_key, e.end_key, e.id",
        )?;
        event_rows(&mut stmt, params![country])
    }
}
