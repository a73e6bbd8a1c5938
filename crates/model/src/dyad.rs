//! A pair of countries, and the direction an event gives within it.
//!
//! The paper distinguishes "external" cooperation (Kazakhstan's participation in French
//! programmes, mainly in France) from "internal" (French programmes held in Kazakhstan).
//! entente reads both from two fields of an event: the *projecting* country (whose culture
//! or offer is presented) gives the direction, from projecting to partner; the *host*
//! country gives the setting, seen from the partner: at home ("internal") or abroad in the
//! projecting country ("external").

use std::fmt;

use serde::Serialize;

use crate::record::Event;

/// An ordered pair of countries (ISO alpha-3), `a` first as the user wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dyad {
    pub a: String,
    pub b: String,
}

impl Dyad {
    pub fn new(a: &str, b: &str) -> Self {
        Dyad { a: a.to_string(), b: b.to_string() }
    }

    /// The same pair in a canonical order (alphabetical), for keys and URLs.
    pub fn canonical(&self) -> Dyad {
        if self.a <= self.b { self.clone() } else { Dyad::new(&self.b, &self.a) }
    }

    /// True when the event involves both countries.
    pub fn involves(&self, event: &Event) -> bool {
        let c = event.involved_countries();
        c.contains(&self.a.as_str()) && c.contains(&self.b.as_str())
    }

    /// The direction the event gives in this dyad.
    pub fn direction(&self, event: &Event) -> Direction {
        let a = event.projecting.contains(&self.a);
        let b = event.projecting.contains(&self.b);
        match (a, b) {
            (true, false) => Direction::AToB,
            (false, true) => Direction::BToA,
            (true, true) => Direction::Mutual,
            (false, false) => Direction::Unspecified,
        }
    }

    /// Where the event happened, seen from the country that received it.
    pub fn setting(&self, event: &Event) -> Option<Setting> {
        let host = event.host.as_deref()?;
        let (from, to) = match self.direction(event) {
            Direction::AToB => (self.a.as_str(), self.b.as_str()),
            Direction::BToA => (self.b.as_str(), self.a.as_str()),
            Direction::Mutual | Direction::Unspecified => return None,
        };
        Some(if host == to {
            Setting::Internal
        } else if host == from {
            Setting::External
        } else {
            Setting::ThirdCountry
        })
    }
}

impl fmt::Display for Dyad {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", self.a, self.b)
    }
}

/// The direction of an event in a dyad (A, B).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Direction {
    /// A presents its culture or offer to B.
    #[serde(rename = "A>B")]
    AToB,
    /// B presents its culture or offer to A.
    #[serde(rename = "B>A")]
    BToA,
    /// Both present (a joint season, an agreement between the two).
    #[serde(rename = "mutual")]
    Mutual,
    /// The record names no projecting country of the pair.
    #[serde(rename = "unspecified")]
    Unspecified,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::AToB => "A>B",
            Direction::BToA => "B>A",
            Direction::Mutual => "mutual",
            Direction::Unspecified => "unspecified",
        }
    }

    /// The direction with the dyad's codes: `FRA→KAZ`, `mutual`.
    pub fn label(self, dyad: &Dyad) -> String {
        match self {
            Direction::AToB => format!("{}→{}", dyad.a, dyad.b),
            Direction::BToA => format!("{}→{}", dyad.b, dyad.a),
            other => other.as_str().to_string(),
        }
    }

    pub fn parse(s: &str) -> Option<Direction> {
        [Direction::AToB, Direction::BToA, Direction::Mutual, Direction::Unspecified]
            .into_iter()
            .find(|d| d.as_str() == s)
    }
}

/// Where an event took place, seen from the country that received it (the paper's terms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Setting {
    /// In the receiving country.
    Internal,
    /// Abroad, in the projecting country.
    External,
    /// In a third country.
    ThirdCountry,
}

impl Setting {
    pub fn as_str(self) -> &'static str {
        match self {
            Setting::Internal => "internal",
            Setting::External => "external",
            Setting::ThirdCountry => "third_country",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::PartialDate;
    use crate::lang::LangText;
    use crate::ontology::{Domain, EventKind, Status};
    use crate::record::Origin;

    fn event(host: &str, projecting: &[&str]) -> Event {
        Event {
            id: "e".into(),
            kind: EventKind::Exhibition,
            title: LangText::one("en", "t"),
            description: LangText::default(),
            date: PartialDate::year(2019),
            end: None,
            recurrence: None,
            domains: vec![Domain::Arts],
            status: Status::Held,
            host: Some(host.into()),
            projecting: projecting.iter().map(|s| s.to_string()).collect(),
            countries: vec![],
            actors: vec![],
            programme: None,
            place: None,
            quantity: None,
            period: None,
            context: false,
            origin: Origin::Curated,
            sources: vec![],
            note: None,
        }
    }

    #[test]
    fn direction_and_setting_follow_projecting_and_host() {
        let d = Dyad::new("FRA", "KAZ");
        // A French season in Kazakhstan: France projects, Kazakhstan receives at home.
        let e = event("KAZ", &["FRA"]);
        assert!(d.involves(&e));
        assert_eq!(d.direction(&e), Direction::AToB);
        assert_eq!(d.setting(&e), Some(Setting::Internal));
        // "Kazakhstan autumn in France": Kazakhstan projects abroad.
        let e = event("FRA", &["KAZ"]);
        assert_eq!(d.direction(&e), Direction::BToA);
        assert_eq!(d.setting(&e), Some(Setting::Internal));
        // Kazakh students at French universities: France's offer, received abroad.
        let e = event("FRA", &["FRA"]);
        assert!(!d.involves(&e));
        let mut e = e;
        e.countries.push("KAZ".into());
        assert!(d.involves(&e));
        assert_eq!(d.setting(&e), Some(Setting::External));
        assert_eq!(Dyad::new("KAZ", "FRA").direction(&e), Direction::BToA);
        assert_eq!(d.direction(&event("FRA", &["FRA", "KAZ"])), Direction::Mutual);
        assert_eq!(d.direction(&event("FRA", &[])), Direction::Unspecified);
        assert_eq!(Direction::AToB.label(&d), "FRA→KAZ");
    }
}
