//! HTTP/1.1 on the emulator's side: one request read whole, one answer written, then the
//! connection closed.

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One request as the emulator needs it.
pub struct Request {
    pub method: String,
    /// Path and query, as sent.
    pub path: String,
    /// The idempotency key (PayPal's, Gr4vy's or Stripe's header).
    pub key: Option<String>,
    /// The body as sent (JSON, or Stripe's form pairs).
    pub body: Vec<u8>,
}

impl Request {
    /// The body read as JSON, `null` when it is not.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    /// The value of query parameter `name` (percent-decoded), if present.
    pub fn query(&self, name: &str) -> Option<String> {
        let query = self.path.split_once('?').map_or("", |(_, q)| q);
        url::form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    }
}

/// One answer: status, JSON body and extra headers.
pub struct Answer {
    pub status: u16,
    pub body: Value,
    pub headers: Vec<(&'static str, &'static str)>,
}

impl Answer {
    pub fn new(status: u16, body: Value) -> Self {
        Answer {
            status,
            body,
            headers: Vec::new(),
        }
    }
}

/// Reads one request; `None` when the client closed the connection first.
pub async fn read_request(stream: &mut TcpStream) -> Option<Request> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.lines();
    let mut request_line = lines.next()?.split(' ');
    let (method, path) = (
        request_line.next()?.to_owned(),
        request_line.next()?.to_owned(),
    );
    let headers: Vec<(&str, &str)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(name, value)| (name, value.trim()))
        .collect();
    let header = |wanted: &str| {
        headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(wanted))
            .map(|(_, value)| value.to_string())
    };
    let length: usize = header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let key = header("paypal-request-id").or_else(|| header("idempotency-key"));
    while buffer.len() < head_end + length {
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    }
    Some(Request {
        method,
        path,
        key,
        body: buffer[head_end..head_end + length].to_vec(),
    })
}

/// Writes `answer` (with `Retry-After: 0` on a 429 or 503) and closes the connection.
pub async fn write(stream: &mut TcpStream, answer: &Answer) {
    let body = answer.body.to_string();
    let status = answer.status;
    let mut extra = String::new();
    if matches!(status, 429 | 503) {
        extra.push_str("Retry-After: 0\r\n");
    }
    for (name, value) in &answer.headers {
        extra.push_str(&format!("{name}: {value}\r\n"));
    }
    let response = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}
