//! Following GitHub's `Link: <...>; rel="next"` pagination.

use std::collections::HashSet;
use std::sync::Arc;

use futures_util::stream::{self, BoxStream, StreamExt, TryStreamExt};
use reqwest::header::HeaderMap;
use url::Url;

use crate::deadline::Deadline;
use crate::error::HttpError;
use crate::request::{ApiRequest, Method};
use crate::response::ApiResponse;
use crate::transport::Transport;

/// More pages than any Codespaces list can have (100 secrets per scope): a server sending more
/// is looping.
pub const MAX_PAGES: usize = 1000;

/// The `rel="next"` URL of a `Link` header, if any.
pub fn next_link(headers: &HeaderMap) -> Option<String> {
    let link = headers.get("link")?.to_str().ok()?;
    link.split(',').find_map(|part| {
        let (target, params) = part.trim().split_once(';')?;
        let is_next = params.split(';').any(|p| {
            let p = p.trim();
            p.eq_ignore_ascii_case("rel=\"next\"") || p.eq_ignore_ascii_case("rel=next")
        });
        let target = target.trim().strip_prefix('<')?.strip_suffix('>')?;
        is_next.then(|| target.to_owned())
    })
}

struct Cursor {
    next: Option<Url>,
    seen: HashSet<String>,
}

impl Transport {
    /// Every item of a paged list, page by page (`per_page=100`), as a stream.
    ///
    /// A repeated page URL, a link outside the base URL, or more than [`MAX_PAGES`] pages end the
    /// stream with a contract error rather than looping. `items` decodes one page, in the
    /// caller's error type.
    pub fn paginate<T, E, F>(
        self: &Arc<Self>,
        request: ApiRequest,
        items: F,
    ) -> BoxStream<'static, Result<T, E>>
    where
        T: Send + 'static,
        E: From<HttpError> + Send + 'static,
        F: Fn(&ApiResponse) -> Result<Vec<T>, E> + Send + Sync + 'static,
    {
        let transport = Arc::clone(self);
        let operation = request.operation;
        let segments: Vec<&str> = request.path.iter().map(String::as_str).collect();
        let mut first = transport.config().base_url.join(&segments);
        first
            .query_pairs_mut()
            .extend_pairs(request.query.iter())
            .append_pair("per_page", "100");
        let start = Cursor {
            next: Some(first),
            seen: HashSet::new(),
        };
        // One deadline for every page: a list that trickles pages still ends.
        let deadline = Deadline::after(transport.config().deadline);
        let items = Arc::new(items);
        stream::try_unfold(start, move |mut cursor| {
            let transport = Arc::clone(&transport);
            let items = Arc::clone(&items);
            async move {
                let Some(url) = cursor.next.take() else {
                    return Ok::<_, E>(None);
                };
                if !cursor.seen.insert(url.as_str().to_owned()) {
                    return Err(decode(
                        operation,
                        format!("pagination loop: {url} was already fetched"),
                    ));
                }
                if cursor.seen.len() > MAX_PAGES {
                    return Err(decode(operation, format!("more than {MAX_PAGES} pages")));
                }
                let pages = cursor.seen.len() - 1;
                let response = transport
                    .send_url_by(operation, Method::Get, url.clone(), None, deadline, pages)
                    .await
                    .map_err(E::from)?;
                let page = items(&response)?;
                if let Some(next) = next_link(&response.headers) {
                    let next = url
                        .join(&next)
                        .map_err(|e| decode(operation, format!("bad next link {next:?}: {e}")))?;
                    cursor.next = Some(next);
                }
                Ok(Some((page, cursor)))
            }
        })
        .map_ok(|page| stream::iter(page.into_iter().map(Ok)))
        .try_flatten()
        .boxed()
    }
}

fn decode<E: From<HttpError>>(operation: &'static str, message: String) -> E {
    HttpError::contract(operation, message, None).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn link(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("link", HeaderValue::from_str(value).unwrap());
        h
    }

    #[test]
    fn finds_next_among_githubs_relations() {
        let h = link(
            "<https://api.github.com/user/codespaces/secrets?per_page=100&page=1>; rel=\"prev\", \
             <https://api.github.com/user/codespaces/secrets?per_page=100&page=3>; rel=\"next\", \
             <https://api.github.com/user/codespaces/secrets?per_page=100&page=5>; rel=\"last\"",
        );
        assert_eq!(
            next_link(&h).as_deref(),
            Some("https://api.github.com/user/codespaces/secrets?per_page=100&page=3")
        );
        assert_eq!(next_link(&link("<https://x/?page=5>; rel=\"last\"")), None);
        assert_eq!(next_link(&HeaderMap::new()), None);
        assert_eq!(next_link(&link("garbage")), None);
    }
}
