//! The accept loop. axum's own `serve` cannot drop a connection on purpose, so requests are
//! served by hyper directly, which lets the drop-connection fault cut a reply short.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use bytes::Bytes;
use http_body::Frame;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tower::ServiceExt as _;

/// Marks a response whose connection must be dropped before the response is complete.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DropConnection;

/// The error a dropped reply ends with; hyper closes the connection on it.
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by an injected fault")
    }
}

impl std::error::Error for Dropped {}

/// Accepts connections until the future is dropped.
pub(crate) async fn serve(listener: TcpListener, router: Router) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _peer)) => stream,
            // Out of file descriptors and the like: wait instead of spinning.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        // Small request/response pairs: do not wait for Nagle's algorithm.
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
                respond(router.clone(), request)
            });
            // The result only says how the connection ended; nothing to do about it here.
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(Duration::from_secs(30))
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn respond(router: Router, request: hyper::Request<Incoming>) -> Result<Response, Dropped> {
    let mut response = match router.oneshot(request.map(Body::new)).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    // axum lists a path's methods on its method-not-allowed answer (here GitHub's 404), after
    // every layer has run; GitHub's 404 lists none.
    response.headers_mut().remove(header::ALLOW);
    if response.extensions().get::<DropConnection>().is_none() {
        return Ok(response);
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    if bytes.is_empty() {
        // Nothing to cut in half (a 204): close the connection before the status line.
        return Err(Dropped);
    }
    // Announce the whole body, send half of it, then fail: the client sees a reply that
    // started and never finished.
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    let half = bytes.slice(..bytes.len() / 2);
    Ok(Response::from_parts(
        parts,
        Body::new(Truncated { first: Some(half) }),
    ))
}

/// A body that yields one chunk and then an error.
struct Truncated {
    first: Option<Bytes>,
}

impl http_body::Body for Truncated {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        Poll::Ready(Some(match self.first.take() {
            Some(chunk) => Ok(Frame::data(chunk)),
            None => Err(io::Error::new(io::ErrorKind::ConnectionAborted, Dropped)),
        }))
    }
}
