//! A raw HTTP/1.1 server on 127.0.0.1 that answers with whatever a test scripts, including
//! answers no well-behaved server would give (bad bodies, loops, redirects elsewhere).
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use codespaces_secrets_transport::{BaseUrl, Credentials, Token, Transport, TransportConfig};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// One request as received: the request line and the header lines, lower-cased names.
#[derive(Debug, Clone)]
pub struct Seen {
    pub line: String,
    pub headers: Vec<(String, String)>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

pub struct RawServer {
    pub base: String,
    pub seen: Arc<Mutex<Vec<Seen>>>,
}

/// Starts a server answering each request with `respond(request_line, port)`: a full HTTP
/// response without the `Content-Length` / `Connection` headers, which are added.
pub async fn serve<F>(host: &str, respond: F) -> RawServer
where
    F: Fn(&str, u16) -> (String, Vec<(String, String)>, String) + Send + Sync + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let respond = Arc::new(respond);
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let log = Arc::clone(&log);
            let respond = Arc::clone(&respond);
            tokio::spawn(async move {
                let mut buffer = Vec::new();
                let mut chunk = [0u8; 4096];
                while !buffer.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                    }
                }
                let text = String::from_utf8_lossy(&buffer).to_string();
                let mut lines = text.split("\r\n");
                let line = lines.next().unwrap_or_default().to_owned();
                let headers = lines
                    .take_while(|l| !l.is_empty())
                    .filter_map(|l| l.split_once(':'))
                    .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
                    .collect();
                log.lock().expect("log").push(Seen {
                    line: line.clone(),
                    headers,
                });
                let (status, extra, body) = respond(&line, port);
                let mut response = format!(
                    "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
                    body.len()
                );
                for (k, v) in extra {
                    response.push_str(&format!("{k}: {v}\r\n"));
                }
                response.push_str("\r\n");
                response.push_str(&body);
                let _ = socket.write_all(response.as_bytes()).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    RawServer {
        base: format!("http://{host}:{port}"),
        seen,
    }
}

pub fn transport(base: &str) -> Arc<Transport> {
    let mut config = TransportConfig::new(BaseUrl::parse(base).expect("base"));
    config.retry_base_delay = std::time::Duration::from_millis(1);
    config.write_interval = std::time::Duration::ZERO;
    let credentials = Credentials::Token(Token::new("tok_SECRET_123").expect("token"));
    Arc::new(Transport::new(config, credentials).expect("transport"))
}

pub fn json() -> Vec<(String, String)> {
    vec![("Content-Type".into(), "application/json".into())]
}
