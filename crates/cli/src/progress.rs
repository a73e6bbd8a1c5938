//! The byte progress bar of long commands (`import gdelt`, `fetch gdelt`): drawn on a terminal
//! only, and kept up to date by a thread that reads the work's shared counters.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// A progress bar in bytes, refreshed every 120 ms until it is finished or dropped.
pub struct ByteBar {
    bar: ProgressBar,
    stop: Arc<AtomicBool>,
    ticker: Option<JoinHandle<()>>,
}

impl ByteBar {
    /// Starts refreshing `bar` (a hidden one draws nothing) from `read`, which gives the bytes
    /// done, the bytes in all, and the message beside them.
    pub fn start(bar: ProgressBar, read: impl Fn() -> (u64, u64, String) + Send + 'static) -> ByteBar {
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:30} {bytes}/{total_bytes} ({bytes_per_sec}, ETA {eta}) {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        let stop = Arc::new(AtomicBool::new(false));
        let ticker = {
            let (bar, stop) = (bar.clone(), Arc::clone(&stop));
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let (done, total, message) = read();
                    bar.set_length(total);
                    bar.set_position(done);
                    bar.set_message(message);
                    std::thread::sleep(Duration::from_millis(120));
                }
            })
        };
        ByteBar { bar, stop, ticker: Some(ticker) }
    }

    /// The bar, to print lines above it (`suspend`).
    pub fn bar(&self) -> &ProgressBar {
        &self.bar
    }

    /// Stops the refresh and clears the bar.
    pub fn finish(mut self) {
        self.stop_ticker();
    }

    fn stop_ticker(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.ticker.take() {
            let _ = t.join();
        }
        self.bar.finish_and_clear();
    }
}

impl Drop for ByteBar {
    fn drop(&mut self) {
        self.stop_ticker();
    }
}
