//! entente's downloader of GDELT's published files, and the only crate in entente with an
//! HTTP client (`ureq`). It sits beside the import: `entente fetch gdelt` (in `crates/cli`)
//! fetches files here, then hands the verified ones to `entente_import::gdelt`. It knows
//! nothing of the store, Parquet or DataFusion.
//!
//! - [`list`]: GDELT's file lists, parsed line by line into files (name, address, size, MD5)
//!   and problems (list, line number, reason); a bad line never stops the rest.
//! - [`select`]: GDELT's versions and tables, dates as users give them, and the files whose
//!   time meets a range.
//! - [`fetch()`](fetch::fetch): the lists fetched, the files downloaded on worker threads with
//!   resume (`Range`), retries with a doubling wait, bounded waits for the server, and size and
//!   MD5 checked before a file takes its final name.
//! - [`http`]: the client itself.
//!
//! # GDELT's lists, as published
//!
//! - GDELT 2.0 (`http://data.gdeltproject.org/gdeltv2/`): `masterfilelist.txt`, one file per
//!   line as `SIZE MD5 URL`, e.g.
//!   `150383 297a16b493de7cf6ca809a7cc31d0b93 http://data.gdeltproject.org/gdeltv2/20150218230000.export.CSV.zip`,
//!   each 15-minute slot giving `.export.CSV.zip` (events), `.mentions.CSV.zip` and
//!   `.gkg.csv.zip` (the list's first lines are quoted in linwoodc3/gdeltPyR,
//!   `notebook/earlyConceptsnFunctionality.md`). The translingual files are listed in
//!   `masterfilelist-translation.txt` (named in shaptonstahl/GDELTtools,
//!   `Rpackage/dev/GDELTtools/R/DataFileMetadata.R`) and named `….translation.export.CSV.zip`.
//!   The MD5 is of the zip as served.
//! - GDELT 1.0 events (`http://data.gdeltproject.org/events/`): `md5sums`, as `md5sum`
//!   writes it (`MD5  NAME`), and `filesizes` (`SIZE NAME`); GDELTtools'
//!   `DataFileMetadata.R` reads both that way. Events are in yearly files (`1979.zip` to
//!   `2005.zip`), monthly ones (`200601.zip` to `201303.zip`), and daily ones
//!   (`YYYYMMDD.export.CSV.zip`) from 2013-04-01 (the layout of the AWS copy of GDELT 1.0,
//!   <https://aws.amazon.com/public-datasets/gdelt/>: yearly files before 2006, monthly until
//!   March 2013, daily from April 1, 2013). `index.html` lists the same files with an MD5 on
//!   each line (cuckookernel/factored-datathon-2024-sinapsis, `docs/README.md`: "one line per
//!   file with link, size and MD5"); it is read when `md5sums` is not served.

pub mod fetch;
pub mod http;
pub mod list;
pub mod select;

pub use fetch::{Event, FetchError, FileReport, Options, Outcome, Progress, Summary, fetch};
pub use list::{ListProblem, Listed};
pub use select::{End, Selection, Stamp, Table, Version, parse_date};
