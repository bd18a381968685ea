//! Conditional reads: every successful GET of the API answers with an `ETag`, and a request
//! whose `If-None-Match` names the current one gets `304 Not Modified` without a body — which,
//! as on GitHub, does not count against the primary rate limit.

use aws_lc_rs::digest::{SHA256, digest};
use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::Response;

/// Whether an answer to `method` with `status` carries an `ETag`: successful reads only.
pub(crate) fn tagged(method: &Method, status: StatusCode) -> bool {
    matches!(*method, Method::GET | Method::HEAD) && status == StatusCode::OK
}

/// A weak tag over the body and the `Link` header: it changes exactly when the JSON answer
/// or the pages around it change (a list's first page can stay the same while a second page
/// appears; a client must not be told that nothing changed then).
pub(crate) fn etag_of(body: &[u8], link: Option<&HeaderValue>) -> String {
    let mut input = body.to_vec();
    if let Some(link) = link {
        input.push(b'\n');
        input.extend_from_slice(link.as_bytes());
    }
    let hash = digest(&SHA256, &input);
    let hex: String = hash
        .as_ref()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("W/\"{hex}\"")
}

/// Whether `If-None-Match` names `etag`: `*`, or any tag of the list compared weakly (a `W/`
/// prefix on either side is ignored, as RFC 9110 says for `If-None-Match`).
pub(crate) fn none_match_hits(if_none_match: &HeaderValue, etag: &str) -> bool {
    let Ok(text) = if_none_match.to_str() else {
        return false;
    };
    let opaque = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    let wanted = opaque(etag);
    text.split(',')
        .any(|tag| tag.trim() == "*" || opaque(tag) == wanted)
}

/// Reads the whole answer (bodies here are small JSON) and tags it. With a matching
/// `If-None-Match` the answer becomes a 304 with the same headers (the tag, `Link`) and no
/// body; the flag says so, so the request can be given back to the primary limit.
pub(crate) async fn tag(
    response: Response,
    if_none_match: Option<&HeaderValue>,
) -> (Response, bool) {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        // A body that fails to read cannot be tagged; answer what there is.
        return (Response::from_parts(parts, Body::empty()), false);
    };
    let etag = etag_of(&bytes, parts.headers.get(header::LINK));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        parts.headers.insert(header::ETAG, value);
    }
    if if_none_match.is_some_and(|wanted| none_match_hits(wanted, &etag)) {
        parts.status = StatusCode::NOT_MODIFIED;
        strip_body_headers(&mut parts.headers);
        return (Response::from_parts(parts, Body::empty()), true);
    }
    (Response::from_parts(parts, Body::from(bytes)), false)
}

/// A 304 has no body, so nothing may describe one.
fn strip_body_headers(headers: &mut HeaderMap) {
    headers.remove(header::CONTENT_TYPE);
    headers.remove(header::CONTENT_LENGTH);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_follow_the_body_and_the_link() {
        let a = etag_of(b"[1]", None);
        assert_eq!(a, etag_of(b"[1]", None));
        assert!(a.starts_with("W/\"") && a.len() == 3 + 64 + 1, "{a}");
        assert_ne!(a, etag_of(b"[2]", None));
        let link = HeaderValue::from_static("<x?page=2>; rel=\"next\"");
        assert_ne!(a, etag_of(b"[1]", Some(&link)));
    }

    #[test]
    fn if_none_match_compares_weakly_and_takes_lists_and_star() {
        let tag = etag_of(b"{}", None);
        let strong = tag.trim_start_matches("W/").to_owned();
        for header in [tag.clone(), strong, format!("\"x\", {tag}"), "*".to_owned()] {
            let value = HeaderValue::from_str(&header).expect("header");
            assert!(none_match_hits(&value, &tag), "{header}");
        }
        let other = HeaderValue::from_static("W/\"other\"");
        assert!(!none_match_hits(&other, &tag));
    }

    #[test]
    fn only_successful_reads_are_tagged() {
        assert!(tagged(&Method::GET, StatusCode::OK));
        assert!(!tagged(&Method::GET, StatusCode::NOT_FOUND));
        assert!(!tagged(&Method::PUT, StatusCode::OK));
    }
}
