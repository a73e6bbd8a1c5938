//! The review queue: events the text coder found, kept apart from the records until a
//! person accepts one (it then becomes a curated event citing its document, written by the
//! same rules as any record) or rejects it with a reason. Coding the same text again queues
//! nothing twice, and a decision is never undone by a rerun.

use entente_model::candidate::AcceptError;
use entente_model::{Acceptance, Candidate, CountryTable, PartialDate, Record, ReviewState};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::{Result, Store, StoreError, WriteMode, commit, write_in};

/// The dataset that accepted candidates are written into.
pub const REVIEWED_DATASET: &str = "reviewed";

/// A candidate with its place in review.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoredCandidate {
    pub id: String,
    pub state: ReviewState,
    #[serde(flatten)]
    pub candidate: Candidate,
    /// When it was queued (UTC, `YYYY-MM-DD HH:MM:SS`).
    pub coded_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<String>,
    /// Why it was rejected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The event record it became.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
}

/// Which candidates a listing wants.
#[derive(Debug, Clone, Default)]
pub struct CandidateFilter {
    /// `None`: every state.
    pub state: Option<ReviewState>,
    /// Only candidates naming both countries (ISO alpha-3).
    pub pair: Option<(String, String)>,
    pub limit: usize,
    pub offset: usize,
}

/// What queueing a batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Queued {
    /// Candidates new to the queue.
    pub added: usize,
    /// Candidates the queue already had (pending or decided), left as they were.
    pub known: usize,
}

/// What an acceptance wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Accepted {
    pub candidate: String,
    pub event: String,
    pub source: String,
    /// False when the document's source record was already stored.
    pub source_created: bool,
    pub dataset: String,
}

impl Store {
    /// Queues `candidates` for review in one transaction.
    pub fn queue_candidates(&mut self, candidates: &[Candidate]) -> Result<Queued> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut queued = Queued::default();
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO candidates (id, state, country_a, country_b, kind, confidence, doc, body, coded_at)
                 VALUES (?1, 'pending', ?2, ?3, ?4, ?5, ?6, ?7, datetime('now'))
                 ON CONFLICT (id) DO NOTHING",
            )?;
            for c in candidates {
                let id = c.id();
                let body = serde_json::to_string(c).map_err(|e| StoreError::Corrupt { id: id.clone(), source: e })?;
                let n = insert.execute(params![
                    id,
                    c.countries[0],
                    c.countries[1],
                    c.kind.as_str(),
                    c.confidence,
                    c.doc,
                    body
                ])?;
                if n == 1 {
                    queued.added += 1;
                } else {
                    queued.known += 1;
                }
            }
        }
        commit(tx)?;
        Ok(queued)
    }

    /// Candidates in `filter`, most confident first, then in the order they were queued.
    pub fn candidates(&self, filter: &CandidateFilter) -> Result<Vec<StoredCandidate>> {
        let (a, b) = filter.pair.clone().map(|(a, b)| if a <= b { (a, b) } else { (b, a) }).unzip();
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, state, body, coded_at, decided_at, reason, record FROM candidates
             WHERE (?1 IS NULL OR state = ?1) AND (?2 IS NULL OR (country_a = ?2 AND country_b = ?3))
             ORDER BY confidence DESC, coded_at, id LIMIT ?4 OFFSET ?5",
        )?;
        let limit = i64::try_from(filter.limit).unwrap_or(i64::MAX);
        let offset = i64::try_from(filter.offset).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![filter.state.map(ReviewState::as_str), a, b, limit, offset], row)?;
        rows.map(|r| r?).collect()
    }

    /// How many candidates are in each state.
    pub fn candidate_counts(&self) -> Result<Vec<(ReviewState, usize)>> {
        let mut out = Vec::new();
        for state in ReviewState::ALL {
            let n: i64 =
                self.conn
                    .query_row("SELECT count(*) FROM candidates WHERE state = ?1", [state.as_str()], |r| r.get(0))?;
            out.push((state, usize::try_from(n).unwrap_or(0)));
        }
        Ok(out)
    }

    /// The candidate `id`, if queued.
    pub fn candidate(&self, id: &str) -> Result<Option<StoredCandidate>> {
        self.conn
            .query_row(
                "SELECT id, state, body, coded_at, decided_at, reason, record FROM candidates WHERE id = ?1",
                [id],
                row,
            )
            .optional()?
            .transpose()
    }

    /// Accepts the pending candidate `id`: writes its document as a source (unless stored
    /// already) and the event citing it, both checked like any record, and marks the
    /// candidate accepted — all in one transaction.
    pub fn accept_candidate(&mut self, id: &str, acceptance: &Acceptance) -> Result<Accepted> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let stored = pending(&tx, id)?;
        let c = &stored.candidate;
        let today: String = tx.query_row("SELECT date('now')", [], |r| r.get(0))?;
        let accessed: PartialDate =
            today.parse().map_err(|e| StoreError::Conflict(format!("the clock gives no date ({today}): {e}")))?;
        let event = c.event(acceptance, CountryTable::bundled()).map_err(|e| invalid(id, &e))?;
        let source_id = c.source_id();
        let source_stored: bool =
            tx.query_row("SELECT count(*) > 0 FROM records WHERE id = ?1", [&source_id], |r| r.get(0))?;
        if !source_stored {
            write_in(&tx, REVIEWED_DATASET, &Record::Source(c.source(acceptance, accessed)), WriteMode::Create)?;
        }
        let written = write_in(&tx, REVIEWED_DATASET, &Record::Event(event), WriteMode::Create)?;
        tx.execute(
            "UPDATE candidates SET state = 'accepted', decided_at = datetime('now'), record = ?2 WHERE id = ?1",
            params![id, written.id],
        )?;
        commit(tx)?;
        Ok(Accepted {
            candidate: id.to_string(),
            event: written.id,
            source: source_id,
            source_created: !source_stored,
            dataset: REVIEWED_DATASET.to_string(),
        })
    }

    /// Rejects the pending candidate `id` for `reason`.
    pub fn reject_candidate(&mut self, id: &str, reason: &str) -> Result<StoredCandidate> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::Conflict("a rejection needs a reason (what is wrong with the candidate)".into()));
        }
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        pending(&tx, id)?;
        tx.execute(
            "UPDATE candidates SET state = 'rejected', decided_at = datetime('now'), reason = ?2 WHERE id = ?1",
            params![id, reason],
        )?;
        commit(tx)?;
        self.candidate(id)?.ok_or_else(|| StoreError::NotFound(format!("no candidate has id \"{id}\"")))
    }
}

fn invalid(id: &str, e: &AcceptError) -> StoreError {
    StoreError::Invalid(vec![entente_model::Problem {
        kind: entente_model::RecordKind::Event,
        id: id.to_string(),
        field: match e {
            AcceptError::NoDate => "date",
            AcceptError::NoDomain => "domains",
            AcceptError::Host(..) => "host",
        }
        .into(),
        message: e.to_string(),
    }])
}

/// The candidate `id` when it is pending; otherwise why it cannot be decided.
fn pending(tx: &rusqlite::Transaction<'_>, id: &str) -> Result<StoredCandidate> {
    let found = tx
        .query_row(
            "SELECT id, state, body, coded_at, decided_at, reason, record FROM candidates WHERE id = ?1",
            [id],
            row,
        )
        .optional()?
        .transpose()?;
    let c = found.ok_or_else(|| StoreError::NotFound(format!("no candidate has id \"{id}\"")))?;
    match c.state {
        ReviewState::Pending => Ok(c),
        ReviewState::Accepted => Err(StoreError::Conflict(format!(
            "candidate \"{id}\" was accepted on {} as record \"{}\"",
            c.decided_at.as_deref().unwrap_or("?"),
            c.record.as_deref().unwrap_or("?")
        ))),
        ReviewState::Rejected => Err(StoreError::Conflict(format!(
            "candidate \"{id}\" was rejected on {}: {}",
            c.decided_at.as_deref().unwrap_or("?"),
            c.reason.as_deref().unwrap_or("")
        ))),
    }
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<StoredCandidate>> {
    let id: String = r.get(0)?;
    let state: String = r.get(1)?;
    let body: String = r.get(2)?;
    let parsed =
        serde_json::from_str::<Candidate>(&body).map_err(|e| StoreError::Corrupt { id: id.clone(), source: e });
    let state = ReviewState::parse(&state);
    Ok(match (parsed, state) {
        (Ok(candidate), Some(state)) => Ok(StoredCandidate {
            id,
            state,
            candidate,
            coded_at: r.get(3)?,
            decided_at: r.get(4)?,
            reason: r.get(5)?,
            record: r.get(6)?,
        }),
        (Err(e), _) => Err(e),
        (Ok(_), None) => Err(StoreError::Conflict(format!("candidate \"{id}\" has an unknown state"))),
    })
}

#[cfg(test)]
mod tests {
    use entente_model::ontology::{Domain, EventKind, Status};

    use super::*;
    use crate::EventFilter;

    fn candidate(doc: &str, start: usize) -> Candidate {
        Candidate {
            doc: doc.into(),
            url: Some(format!("https://example.org/{doc}")),
            doc_date: Some("2019-07-01".parse().unwrap()),
            lang: "en".into(),
            countries: ["FRA".into(), "KAZ".into()],
            kind: EventKind::AgreementSigned,
            domains: vec![Domain::Education],
            date: Some("2019-06-25".parse().unwrap()),
            status: Status::Held,
            quantity: None,
            start,
            end: start + 40,
            evidence: "Kazakhstan and France signed an agreement.".into(),
            trigger: "signed an agreement".into(),
            confidence: 0.8,
            coder_version: "entente-coder test".into(),
        }
    }

    #[test]
    fn queueing_twice_adds_nothing_and_keeps_decisions() {
        let mut store = Store::open_in_memory().unwrap();
        let batch = [candidate("a", 0), candidate("a", 100), candidate("b", 0)];
        assert_eq!(store.queue_candidates(&batch).unwrap(), Queued { added: 3, known: 0 });
        let id = batch[1].id();
        store.reject_candidate(&id, "not an event").unwrap();
        assert_eq!(store.queue_candidates(&batch).unwrap(), Queued { added: 0, known: 3 });
        assert_eq!(store.candidate(&id).unwrap().unwrap().state, ReviewState::Rejected);
        let pending = CandidateFilter { state: Some(ReviewState::Pending), limit: 10, ..CandidateFilter::default() };
        assert_eq!(store.candidates(&pending).unwrap().len(), 2);
        let counts = store.candidate_counts().unwrap();
        assert_eq!(counts, vec![(ReviewState::Pending, 2), (ReviewState::Accepted, 0), (ReviewState::Rejected, 1)]);
    }

    #[test]
    fn an_accepted_candidate_is_a_curated_event_of_the_pair_citing_its_document() {
        let mut store = Store::open_in_memory().unwrap();
        let (one, two) = (candidate("a", 0), candidate("a", 100));
        store.queue_candidates(&[one.clone(), two.clone()]).unwrap();
        let first = store.accept_candidate(&one.id(), &Acceptance::default()).unwrap();
        assert!(first.source_created);
        let second = store.accept_candidate(&two.id(), &Acceptance::default()).unwrap();
        assert!(!second.source_created, "one document, one source");
        let events = store.events_between("FRA", "KAZ", &EventFilter::default()).unwrap();
        assert_eq!(events.len(), 2);
        assert!(events.iter().all(|e| e.sources[0].source == one.source_id()));
        let again = store.accept_candidate(&one.id(), &Acceptance::default()).unwrap_err();
        assert!(again.to_string().contains("was accepted"), "{again}");
        assert!(store.reject_candidate(&one.id(), "late").is_err());
        assert!(matches!(store.accept_candidate("cand-none", &Acceptance::default()), Err(StoreError::NotFound(_))));
    }

    #[test]
    fn an_acceptance_that_cannot_be_a_record_changes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let mut c = candidate("a", 0);
        c.date = None;
        c.doc_date = None;
        store.queue_candidates(std::slice::from_ref(&c)).unwrap();
        let before = store.generation().unwrap();
        let e = store.accept_candidate(&c.id(), &Acceptance::default()).unwrap_err();
        assert!(e.to_string().contains("no date"), "{e}");
        assert_eq!(store.generation().unwrap(), before);
        assert!(store.record(&c.source_id()).unwrap().is_none());
        assert!(store.reject_candidate(&c.id(), "  ").is_err());
        let a = Acceptance { date: Some("2019".parse().unwrap()), ..Acceptance::default() };
        assert_eq!(store.accept_candidate(&c.id(), &a).unwrap().event, c.event_id());
    }
}
