//! `per_page` / `page` and GitHub's `Link` header.

use axum::http::{HeaderValue, header};
use axum::response::Response;

/// GitHub's default page size.
pub(crate) const DEFAULT_PER_PAGE: usize = 30;
/// GitHub's largest page size.
pub(crate) const MAX_PER_PAGE: usize = 100;

/// Which page a list request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Page {
    pub(crate) per_page: usize,
    pub(crate) page: usize,
}

/// Reads a query value the way GitHub's Rails stack does (`String#to_i`): leading digits count,
/// anything else reads as 0. GitHub answers bad paging values with a normal page, not an error.
fn lenient_int(raw: &str) -> i128 {
    let raw = raw.trim_start();
    let (sign, digits) = match raw.as_bytes().first() {
        Some(b'-') => (-1, &raw[1..]),
        Some(b'+') => (1, &raw[1..]),
        _ => (1, raw),
    };
    let value = digits
        .bytes()
        .take_while(u8::is_ascii_digit)
        .fold(0i128, |acc, d| {
            acc.saturating_mul(10).saturating_add(i128::from(d - b'0'))
        });
    sign * value
}

impl Page {
    /// Reads `per_page` (default 30, at most 100; 0 or less means the default) and `page`
    /// (default 1; 0 or less means 1) from a raw query string.
    pub(crate) fn from_query(query: Option<&str>) -> Self {
        let mut page = Self {
            per_page: DEFAULT_PER_PAGE,
            page: 1,
        };
        for pair in query.unwrap_or_default().split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let number = lenient_int(value);
            match key {
                "per_page" if number > 0 => {
                    page.per_page =
                        usize::try_from(number.min(MAX_PER_PAGE as i128)).unwrap_or(MAX_PER_PAGE);
                }
                "per_page" => page.per_page = DEFAULT_PER_PAGE,
                "page" => page.page = usize::try_from(number.max(1)).unwrap_or(usize::MAX),
                _ => {}
            }
        }
        page
    }

    /// The items on this page.
    pub(crate) fn slice<'a, T>(&self, items: &'a [T]) -> &'a [T] {
        let start = (self.page - 1).saturating_mul(self.per_page);
        let start = start.min(items.len());
        let end = start.saturating_add(self.per_page).min(items.len());
        &items[start..end]
    }

    /// The `Link` header for this page of `total` items, or `None` when everything fits on one
    /// page. Relations come in GitHub's order — prev, next, last, first — each URL being the
    /// request's own with `page` replaced (or appended), other parameters kept as sent.
    pub(crate) fn link_header(
        &self,
        base_url: &str,
        path: &str,
        query: Option<&str>,
        total: usize,
    ) -> Option<String> {
        let last = total.div_ceil(self.per_page).max(1);
        if total == 0 || (last == 1 && self.page == 1) {
            return None;
        }
        let url = |page: usize| format!("<{base_url}{path}?{}>", with_page(query, page));
        let mut rels = Vec::new();
        if self.page > 1 {
            rels.push(format!("{}; rel=\"prev\"", url(self.page - 1)));
        }
        if self.page < last {
            rels.push(format!("{}; rel=\"next\"", url(self.page + 1)));
            rels.push(format!("{}; rel=\"last\"", url(last)));
        }
        if self.page > 1 {
            rels.push(format!("{}; rel=\"first\"", url(1)));
        }
        Some(rels.join(", "))
    }
}

/// The query with `page` set to `page`, in place if present, else appended.
fn with_page(query: Option<&str>, page: usize) -> String {
    let mut found = false;
    let mut parts: Vec<String> = query
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter_map(|pair| {
            if pair.split('=').next() == Some("page") {
                // Keep the first `page`, drop repeats, so the link is unambiguous.
                if found {
                    return None;
                }
                found = true;
                return Some(format!("page={page}"));
            }
            Some(pair.to_owned())
        })
        .collect();
    if !found {
        parts.push(format!("page={page}"));
    }
    parts.join("&")
}

/// Adds a `Link` header.
pub(crate) fn with_link(mut response: Response, link: Option<String>) -> Response {
    if let Some(value) = link.and_then(|l| HeaderValue::from_str(&l).ok()) {
        response.headers_mut().insert(header::LINK, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://api.github.com";

    #[test]
    fn defaults_and_limits() {
        assert_eq!(
            Page::from_query(None),
            Page {
                per_page: 30,
                page: 1
            }
        );
        let p = Page::from_query(Some("per_page=500&page=0"));
        assert_eq!((p.per_page, p.page), (100, 1));
        let p = Page::from_query(Some("per_page=abc&page=-3"));
        assert_eq!((p.per_page, p.page), (30, 1));
        let p = Page::from_query(Some("per_page=5x&page=99999999999999999999999999999"));
        assert_eq!(p.per_page, 5);
        assert!(p.page > 1);
    }

    #[test]
    fn slices_pages() {
        let items: Vec<u32> = (0..7).collect();
        let p = Page {
            per_page: 3,
            page: 3,
        };
        assert_eq!(p.slice(&items), &[6]);
        let p = Page {
            per_page: 3,
            page: usize::MAX,
        };
        assert!(p.slice(&items).is_empty());
    }

    #[test]
    fn link_header_matches_github() {
        let path = "/user/codespaces/secrets";
        let first = Page {
            per_page: 2,
            page: 1,
        };
        assert_eq!(
            first
                .link_header(BASE, path, Some("per_page=2"), 5)
                .as_deref(),
            Some(
                "<https://api.github.com/user/codespaces/secrets?per_page=2&page=2>; rel=\"next\", \
                 <https://api.github.com/user/codespaces/secrets?per_page=2&page=3>; rel=\"last\""
            )
        );
        let middle = Page {
            per_page: 2,
            page: 2,
        };
        assert_eq!(
            middle
                .link_header(BASE, path, Some("page=2&per_page=2"), 5)
                .as_deref(),
            Some(
                "<https://api.github.com/user/codespaces/secrets?page=1&per_page=2>; rel=\"prev\", \
                 <https://api.github.com/user/codespaces/secrets?page=3&per_page=2>; rel=\"next\", \
                 <https://api.github.com/user/codespaces/secrets?page=3&per_page=2>; rel=\"last\", \
                 <https://api.github.com/user/codespaces/secrets?page=1&per_page=2>; rel=\"first\""
            )
        );
        let last = Page {
            per_page: 2,
            page: 3,
        };
        assert_eq!(
            last.link_header(BASE, path, Some("per_page=2&page=3"), 5)
                .as_deref(),
            Some(
                "<https://api.github.com/user/codespaces/secrets?per_page=2&page=2>; rel=\"prev\", \
                 <https://api.github.com/user/codespaces/secrets?per_page=2&page=1>; rel=\"first\""
            )
        );
    }

    #[test]
    fn no_link_when_one_page_or_empty() {
        let p = Page::from_query(None);
        assert_eq!(p.link_header(BASE, "/x", None, 30), None);
        assert_eq!(p.link_header(BASE, "/x", None, 0), None);
        assert!(p.link_header(BASE, "/x", None, 31).is_some());
    }
}
