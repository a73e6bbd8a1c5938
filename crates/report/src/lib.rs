//! entente's views: what a page or report shows, as data (serialisable, so every page has
//! a JSON twin), and its rendering as HTML with SVG charts drawn by the project.
//!
//! The web crate serves these; the CLI writes them to files. This crate knows nothing of
//! HTTP.

pub mod document;
pub mod dyad;
pub mod i18n;
pub mod pages;
pub mod search;
pub mod svg;
pub mod views;

pub use dyad::{DyadView, build as dyad_view};

#[cfg(test)]
mod tests {
    use super::*;
    use entente_cite::Style;
    use entente_model::Dyad;
    use entente_store::Store;

    fn store() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let files = entente_ingest::bundled::datasets().remove(0);
        let ds = entente_ingest::parse_dataset(&files, &|_| None).unwrap();
        store.load_dataset(&ds, &files.origin, &files.fingerprint()).unwrap();
        store
    }

    #[test]
    fn the_dyad_page_has_every_section_and_escapes_text() {
        let store = store();
        let view = dyad_view(&store, &Dyad::new("FRA", "KAZ"), "en", Style::Gost).unwrap();
        assert!(view.claims.iter().any(|c| c.claim_id == "claim-students-doubled-2018"));
        assert!(view.records.iter().any(|r| r.id == "sorbonne-kazakhstan"));
        assert!(view.bibliography.iter().any(|b| b.id == "kussainova-2021"));
        assert!(view.bibliography.iter().any(|b| b.id == "ref09-kusainov-2008"));
        // GOST lists Cyrillic references first.
        assert!(view.bibliography[0].citation.chars().next().unwrap() >= 'А');
        let html = pages::dyad(&view).into_string();
        for needle in [
            "<svg",
            "France – Kazakhstan",
            "id=\"ev-2019-06-25-kaz-unesco-agreement\"",
            "id=\"src-kussainova-2021\"",
            "Bibliography",
        ] {
            assert!(html.contains(needle), "{needle}");
        }
        // Quotes in titles are escaped, never raw.
        assert!(html.contains("&quot;Digital Autumn 2018&quot;"));
        let kk = dyad_view(&store, &Dyad::new("FRA", "KAZ"), "kk", Style::Apa).unwrap();
        assert_eq!(kk.names, ["Франция".to_string(), "Қазақстан".to_string()]);
        assert!(pages::dyad(&kk).into_string().contains("Хронология"));
    }

    #[test]
    fn the_home_page_lists_dyads() {
        let store = store();
        let html = pages::home("fr", &store.dyads().unwrap(), &store.datasets().unwrap()).into_string();
        assert!(html.contains("href=\"/dyad/FRA/KAZ?lang=fr\""), "{html}");
        assert!(html.contains("France – Kazakhstan"));
    }
}
