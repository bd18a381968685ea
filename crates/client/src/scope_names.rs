//! GitHub's rules for account and repository names in a scope's path.

use crate::Error;

/// GitHub's rules for owner, organization and repository names, checked before any request.
pub(crate) fn check_scope(prefix: &[String]) -> Result<(), Error> {
    match prefix {
        [user] if user == "user" => Ok(()),
        [orgs, org] if orgs == "orgs" => check_account("org", org),
        [repos, owner, repo] if repos == "repos" => {
            check_account("owner", owner)?;
            check_repository_name(repo)
        }
        _ => Err(Error::invalid_input("scope", "unknown scope")),
    }
}

fn check_account(field: &'static str, name: &str) -> Result<(), Error> {
    let valid_chars = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if name.is_empty() || name.len() > 39 || !valid_chars || name.starts_with('-') {
        return Err(Error::invalid_input(
            field,
            format!(
                "{name:?} is not a GitHub account name (1-39 letters, digits or '-', not starting with '-')"
            ),
        ));
    }
    Ok(())
}

fn check_repository_name(name: &str) -> Result<(), Error> {
    let valid_chars = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if name.is_empty() || name.len() > 100 || !valid_chars || name == "." || name == ".." {
        return Err(Error::invalid_input(
            "repo",
            format!("{name:?} is not a repository name (1-100 letters, digits, '-', '_' or '.')"),
        ));
    }
    Ok(())
}
