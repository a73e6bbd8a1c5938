//! The HTTP client: the only code in entente that speaks to a web server as a client.
//!
//! One blocking `ureq` agent with a connect timeout and a per-read timeout, so that a server
//! that stops sending ends in an error instead of a hang. Statuses are answers, not errors:
//! the caller decides what a 404 or a 503 means.

use std::io::{self, Read};
use std::time::Duration;

/// A GET's answer.
pub enum Answer {
    /// 200: the whole file from its first byte; `length` when the server announced it.
    Whole { body: Box<dyn Read + Send>, length: Option<u64> },
    /// 206: the file from byte `start` on, of `total` bytes when the server said.
    Partial { body: Box<dyn Read + Send>, start: u64, total: Option<u64> },
    /// Any other status (the body is dropped).
    Status(u16),
}

/// A blocking HTTP client with bounded waits.
pub struct Client {
    agent: ureq::Agent,
    timeout: Duration,
}

impl Client {
    /// `timeout` bounds resolving, connecting, waiting for an answer, and each read of a body
    /// (a transfer that goes quiet for that long fails).
    pub fn new(timeout: Duration) -> Client {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_resolve(Some(timeout))
            .timeout_connect(Some(timeout))
            .timeout_send_request(Some(timeout))
            .timeout_recv_response(Some(timeout))
            .timeout_per_read(Some(timeout))
            .user_agent(format!("entente/{} (GDELT fetch)", env!("CARGO_PKG_VERSION")))
            .build();
        Client { agent: config.into(), timeout }
    }

    /// GETs `url`, from byte `from` on when it is not 0 (a `Range` request). Errors are
    /// sentences saying what failed.
    pub fn get(&self, url: &str, from: u64) -> Result<Answer, String> {
        let mut request = self.agent.get(url);
        if from > 0 {
            request = request.header("Range", format!("bytes={from}-"));
        }
        let response = request.call().map_err(|e| self.describe(&e))?;
        let status = response.status().as_u16();
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        match status {
            200 => {
                let length = header("content-length").and_then(|v| v.trim().parse::<u64>().ok());
                Ok(Answer::Whole { body: Box::new(response.into_body().into_reader()), length })
            }
            206 => {
                let range = header("content-range").unwrap_or_default();
                let Some((start, total)) = parse_content_range(&range) else {
                    return Err(format!(
                        "the server answered 206 with a Content-Range it does not explain: \"{range}\""
                    ));
                };
                Ok(Answer::Partial { body: Box::new(response.into_body().into_reader()), start, total })
            }
            other => Ok(Answer::Status(other)),
        }
    }

    fn describe(&self, e: &ureq::Error) -> String {
        let secs = self.timeout.as_secs_f64();
        match e {
            ureq::Error::Timeout(phase) => format!("timed out ({phase}): nothing for {secs} s (--timeout)"),
            ureq::Error::Io(io) => describe_plain_io(io, secs),
            ureq::Error::HostNotFound => "the host was not found".to_string(),
            ureq::Error::ConnectionFailed => "the connection failed".to_string(),
            other => other.to_string(),
        }
    }

    /// An error met while reading a body, as a sentence.
    pub fn describe_read(&self, e: &io::Error) -> String {
        if let Some(inner) = e.get_ref().and_then(|x| x.downcast_ref::<ureq::Error>()) {
            return self.describe(inner);
        }
        describe_plain_io(e, self.timeout.as_secs_f64())
    }
}

fn describe_plain_io(e: &io::Error, secs: f64) -> String {
    match e.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => format!("timed out: nothing for {secs} s (--timeout)"),
        io::ErrorKind::UnexpectedEof => "the connection closed before the end of the file".to_string(),
        io::ErrorKind::ConnectionRefused => format!("the connection was refused ({e})"),
        _ => e.to_string(),
    }
}

/// `bytes START-END/TOTAL` (TOTAL may be `*`) into (START, TOTAL).
pub fn parse_content_range(value: &str) -> Option<(u64, Option<u64>)> {
    let rest = value.trim().strip_prefix("bytes")?.trim_start();
    let (range, total) = rest.split_once('/')?;
    let (start, end) = range.split_once('-')?;
    let start: u64 = start.trim().parse().ok()?;
    let end: u64 = end.trim().parse().ok()?;
    if end < start {
        return None;
    }
    let total = match total.trim() {
        "*" => None,
        t => Some(t.parse::<u64>().ok()?),
    };
    Some((start, total))
}

#[cfg(test)]
mod tests {
    use super::parse_content_range;

    #[test]
    fn content_ranges() {
        assert_eq!(parse_content_range("bytes 100-199/200"), Some((100, Some(200))));
        assert_eq!(parse_content_range("bytes 0-0/*"), Some((0, None)));
        assert_eq!(parse_content_range("bytes */200"), None);
        assert_eq!(parse_content_range("bytes 5-4/200"), None);
        assert_eq!(parse_content_range("items 1-2/3"), None);
    }
}
