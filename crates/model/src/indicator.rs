//! The catalogue of indicator ids that entente's importers write into observations and that
//! its index configuration may name. One list, so that an importer and a configuration
//! cannot disagree on a spelling: a configuration naming an id that is not here is refused.

/// Whether an indicator is about one country, a directed pair or an unordered pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `country` is set (Elcano variables, inbound totals).
    Country,
    /// `from` → `to` (students from `from` enrolled in `to`; missions `from` operates in `to`).
    Directed,
    /// `from` and `to` in alphabetical order, meaning either way (city twinnings).
    Undirected,
}

/// One indicator id with what its values count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndicatorDef {
    pub id: &'static str,
    pub shape: Shape,
    pub unit: &'static str,
    pub description: &'static str,
}

const fn def(id: &'static str, shape: Shape, unit: &'static str, description: &'static str) -> IndicatorDef {
    IndicatorDef { id, shape, unit, description }
}

/// Every indicator id entente knows. Elcano variables (`elcano.*`) are matched by prefix.
pub const CATALOGUE: &[IndicatorDef] = &[
    def(
        "students.enrolled",
        Shape::Directed,
        "students",
        "Internationally mobile students from `from` enrolled in `to` in the period.",
    ),
    def(
        "students.enrolled_other_destinations",
        Shape::Country,
        "students",
        "Students of the country enrolled abroad outside the destinations a UIS table lists.",
    ),
    def(
        "students.inbound_other_origins",
        Shape::Country,
        "students",
        "Students enrolled in the country from origins a UIS table does not list.",
    ),
    def("students.inbound_total", Shape::Country, "students", "Inbound internationally mobile students (UIS 26637)."),
    def(
        "missions.embassy",
        Shape::Directed,
        "missions",
        "Embassies, high commissions, nunciatures and de facto embassies that `from` operates in `to`.",
    ),
    def(
        "missions.consulate",
        Shape::Directed,
        "missions",
        "Career consulates (consulates general, consulates, de facto consulates) of `from` in `to`.",
    ),
    def("missions.honorary", Shape::Directed, "missions", "Honorary consulates of `from` in `to`."),
    def("missions.other", Shape::Directed, "missions", "Other diplomatic posts of `from` in `to` (liaison offices…)."),
    def(
        "missions.representation_level",
        Shape::Directed,
        "level 0–8",
        "Highest level of `from`'s representation in `to` from the period on: 8 embassy … 1 interests section, 0 none.",
    ),
    def(
        "institutes.opened",
        Shape::Directed,
        "institutes",
        "Cultural or language institutes of `from` opened in `to` in the period (Confucius Institutes…).",
    ),
    def(
        "twinning.city_pairs",
        Shape::Undirected,
        "city pairs",
        "Twinned (sister) cities between the two countries, as listed at the period.",
    ),
    def(
        "twinning.established",
        Shape::Directed,
        "city pairs",
        "Sister-city or friendship-city links established in the period between `from` and `to`.",
    ),
    def(
        "visits.head_of_state",
        Shape::Directed,
        "visits",
        "Visits by `from`'s head of state or government to `to` in the period.",
    ),
    def(
        "visits.foreign_minister",
        Shape::Directed,
        "visits",
        "Visits by `from`'s foreign minister (U.S. Secretary of State) to `to` in the period.",
    ),
    def(
        "visits.government",
        Shape::Directed,
        "visits",
        "Visits of government officials between `from` and `to` in the period, either way (AidData).",
    ),
    def(
        "visits.military",
        Shape::Directed,
        "visits",
        "Visits of military officials between `from` and `to` in the period, either way (AidData).",
    ),
    def(
        "media.ambassador_op_eds",
        Shape::Directed,
        "op-eds",
        "Op-eds by `from`'s ambassador in `to`'s media in the period.",
    ),
    def("media.journalist_visits", Shape::Directed, "visits", "Journalists of `to` hosted by `from` in the period."),
    def(
        "media.partnerships",
        Shape::Directed,
        "agreements",
        "Content-sharing agreements between `from`'s state media and `to`'s media (cumulative, per AidData).",
    ),
];

/// The catalogue entry of `id`; Elcano's variables (`elcano.soft`, `elcano.culture`…) all
/// share one entry.
pub fn lookup(id: &str) -> Option<IndicatorDef> {
    if let Some(var) = id.strip_prefix("elcano.")
        && !var.is_empty()
        && var.bytes().all(|c| c.is_ascii_lowercase() || c == b'_')
    {
        return Some(def(
            "elcano.*",
            Shape::Country,
            "index points",
            "A variable of the Elcano Global Presence Index.",
        ));
    }
    CATALOGUE.iter().copied().find(|d| d.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_found() {
        for (i, d) in CATALOGUE.iter().enumerate() {
            assert!(CATALOGUE[..i].iter().all(|e| e.id != d.id), "{} twice", d.id);
            assert_eq!(lookup(d.id), Some(*d));
        }
        assert_eq!(lookup("elcano.soft").map(|d| d.shape), Some(Shape::Country));
        assert_eq!(lookup("elcano."), None);
        assert_eq!(lookup("students.enroled"), None);
    }
}
