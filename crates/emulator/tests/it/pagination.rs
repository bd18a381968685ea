//! `per_page`, `page`, `total_count` and GitHub's `Link` header on the secret lists.

use serde_json::{Value, json};

use crate::harness::*;

async fn seed(h: &Harness, path: &str, n: usize, extra: Value) {
    for i in 0..n {
        let response = h
            .put_secret(path, &format!("S{i:03}"), b"v", extra.clone())
            .await;
        assert_eq!(response.status(), 201);
    }
}

fn names(body: &Value) -> Vec<String> {
    body["secrets"]
        .as_array()
        .expect("secrets")
        .iter()
        .map(|s| s["name"].as_str().expect("name").to_owned())
        .collect()
}

#[tokio::test]
async fn default_page_is_30_and_link_points_onward() {
    let h = Harness::new();
    seed(&h, REPO, 35, json!({})).await;
    let response = h.get(REPO).await;
    let link = header(&response, "link").expect("Link");
    let body = json_of(response, 200).await;
    assert_eq!(body["total_count"], 35);
    assert_eq!(names(&body).len(), 30);
    assert_eq!(names(&body)[0], "S000");
    let base = h.url(REPO);
    assert_eq!(
        link,
        format!("<{base}?page=2>; rel=\"next\", <{base}?page=2>; rel=\"last\"")
    );
    let second = json_of(h.get(&format!("{REPO}?page=2")).await, 200).await;
    assert_eq!(names(&second), ["S030", "S031", "S032", "S033", "S034"]);
}

#[tokio::test]
async fn links_on_first_middle_last_and_beyond() {
    let h = Harness::new();
    seed(&h, USER, 5, json!({})).await;
    let base = h.url(USER);

    let first = h.get(&format!("{USER}?per_page=2")).await;
    assert_eq!(
        header(&first, "link").expect("Link"),
        format!(
            "<{base}?per_page=2&page=2>; rel=\"next\", <{base}?per_page=2&page=3>; rel=\"last\""
        )
    );
    assert_eq!(names(&json_of(first, 200).await), ["S000", "S001"]);

    let middle = h.get(&format!("{USER}?per_page=2&page=2")).await;
    assert_eq!(
        header(&middle, "link").expect("Link"),
        format!(
            "<{base}?per_page=2&page=1>; rel=\"prev\", <{base}?per_page=2&page=3>; rel=\"next\", \
             <{base}?per_page=2&page=3>; rel=\"last\", <{base}?per_page=2&page=1>; rel=\"first\""
        )
    );
    let body = json_of(middle, 200).await;
    assert_eq!(names(&body), ["S002", "S003"]);
    assert_eq!(body["total_count"], 5);

    let last = h.get(&format!("{USER}?page=3&per_page=2")).await;
    assert_eq!(
        header(&last, "link").expect("Link"),
        format!(
            "<{base}?page=2&per_page=2>; rel=\"prev\", <{base}?page=1&per_page=2>; rel=\"first\""
        )
    );
    assert_eq!(names(&json_of(last, 200).await), ["S004"]);

    let beyond = h.get(&format!("{USER}?per_page=2&page=9")).await;
    assert!(header(&beyond, "link").is_some());
    let body = json_of(beyond, 200).await;
    assert!(names(&body).is_empty());
    assert_eq!(body["total_count"], 5);
}

#[tokio::test]
async fn no_link_when_everything_fits() {
    let h = Harness::new();
    seed(&h, ORG, 3, json!({ "visibility": "all" })).await;
    let response = h.get(ORG).await;
    assert!(header(&response, "link").is_none());
    assert_eq!(json_of(response, 200).await["total_count"], 3);
    let empty = h.get(USER).await;
    assert!(header(&empty, "link").is_none());
}

#[tokio::test]
async fn per_page_is_capped_at_100_and_bad_values_fall_back() {
    let h = Harness::new();
    seed(&h, REPO, 100, json!({})).await;
    seed(&h, USER, 1, json!({})).await;
    let body = json_of(h.get(&format!("{REPO}?per_page=1000")).await, 200).await;
    assert_eq!(names(&body).len(), 100);
    // GitHub reads bad paging values leniently instead of failing.
    for query in [
        "per_page=abc",
        "per_page=0",
        "per_page=-5",
        "page=0",
        "page=-1",
        "page=x",
    ] {
        let response = h.get(&format!("{REPO}?{query}")).await;
        let body = json_of(response, 200).await;
        assert_eq!(names(&body).len(), 30, "{query}");
        assert_eq!(names(&body)[0], "S000", "{query}");
    }
    let body = json_of(
        h.get(&format!("{REPO}?per_page=7&page=99999999999999999999999"))
            .await,
        200,
    )
    .await;
    assert!(names(&body).is_empty());
}

#[tokio::test]
async fn other_query_parameters_are_kept_in_links() {
    let h = Harness::new();
    seed(&h, USER, 3, json!({})).await;
    let response = h.get(&format!("{USER}?sort=x&per_page=1")).await;
    let base = h.url(USER);
    assert_eq!(
        header(&response, "link").expect("Link"),
        format!(
            "<{base}?sort=x&per_page=1&page=2>; rel=\"next\", <{base}?sort=x&per_page=1&page=3>; rel=\"last\""
        )
    );
}
