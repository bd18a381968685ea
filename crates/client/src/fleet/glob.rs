//! Name patterns of the manifest (`svc-*`, `NPM_*`): `*` any run of characters, `?` one
//! character, everything else literal, compared case-insensitively (GitHub's repository and
//! secret names are case-insensitive).

use std::fmt;

/// A name pattern with `*` and `?`.
#[derive(Clone, PartialEq, Eq)]
pub struct Glob {
    pattern: String,
    lower: Vec<char>,
}

impl Glob {
    /// A pattern; empty ones are refused.
    pub fn new(pattern: &str) -> Result<Self, String> {
        if pattern.is_empty() {
            return Err("an empty pattern matches nothing; use \"*\" for everything".to_owned());
        }
        Ok(Self {
            pattern: pattern.to_owned(),
            lower: pattern.to_lowercase().chars().collect(),
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// Whether `name` matches, ignoring case.
    pub fn matches(&self, name: &str) -> bool {
        let name: Vec<char> = name.to_lowercase().chars().collect();
        matches_from(&self.lower, &name)
    }
}

/// Iterative matching with one backtrack point (the last `*`): linear in practice, never
/// exponential on patterns like `*a*a*a*`.
fn matches_from(pattern: &[char], name: &[char]) -> bool {
    let (mut p, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, n));
                p += 1;
            }
            Some(c) if *c == '?' || *c == name[n] => {
                p += 1;
                n += 1;
            }
            _ => match star {
                Some((sp, sn)) => {
                    p = sp + 1;
                    n = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|c| *c == '*')
}

impl fmt::Debug for Glob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Glob({:?})", self.pattern)
    }
}

impl fmt::Display for Glob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.pattern)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, name: &str) -> bool {
        Glob::new(pattern).expect("pattern").matches(name)
    }

    #[test]
    fn stars_questions_and_case() {
        assert!(m("svc-*", "svc-api"));
        assert!(m("svc-*", "SVC-"));
        assert!(!m("svc-*", "web"));
        assert!(m("*", "anything"));
        assert!(m("NPM_*", "npm_token"));
        assert!(m("a?c", "abc"));
        assert!(!m("a?c", "ac"));
        assert!(m("*legacy*", "svc-legacy-2"));
        assert!(!m("svc-legacy", "svc-legacy-2"));
        assert!(m("*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaab"));
        assert!(!m("*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaa"));
        assert!(Glob::new("").is_err());
    }
}
