//! The state an emulator starts with: the demo user and token, demo data, configured extras.

use crate::config::EmulatorConfig;
use crate::state::State;

/// The demo organization.
pub(crate) const DEMO_ORG: &str = "octo-org";

pub(crate) fn initial_state(config: &EmulatorConfig, token: &str) -> State {
    let login = config.user_login.as_str();
    let mut state = State::new();
    state.add_token(login, token.to_owned());
    if config.seed_demo_data {
        state.add_repo(login, "Hello-World");
        state.add_repo(login, "Spoon-Knife");
        state.ensure_org(DEMO_ORG);
        state.add_member(DEMO_ORG, login);
        state.add_repo(DEMO_ORG, "octo-repo");
        state.add_repo(DEMO_ORG, "octo-service");
        // Someone else's private repository, to show that what a token cannot see is a 404.
        state.ensure_user("hubot");
        state.add_repo("hubot", "hubot-scripts");
        state.set_private("hubot", "hubot-scripts", true);
    }
    for org in &config.orgs {
        state.ensure_org(org);
        state.add_member(org, login);
    }
    for repo in &config.repos {
        state.ensure_owner(repo.owner(), login);
        state.add_repo(repo.owner(), repo.name());
    }
    for spec in &config.repositories {
        state.apply_repo_spec(spec, login);
    }
    state
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Scope;

    #[test]
    fn demo_data_and_extras() {
        let config = EmulatorConfig {
            repos: vec!["acme/app".parse().expect("valid")],
            orgs: vec!["initech".to_owned()],
            ..EmulatorConfig::default()
        };
        let state = initial_state(&config, "t");
        let who = state.identify("t").expect("demo token");
        assert!(state.repo_scope(&who, "octocat", "hello-world").is_ok());
        assert!(state.repo_scope(&who, "octo-org", "octo-repo").is_ok());
        assert!(state.repo_scope(&who, "hubot", "hubot-scripts").is_err());
        assert!(state.repo_scope(&who, "acme", "app").is_ok());
        assert!(state.org_scope(&who, "initech").is_ok());
        assert!(state.resolve(&Scope::org("acme")).is_some());
    }

    #[test]
    fn no_demo_data_when_asked() {
        let config = EmulatorConfig {
            seed_demo_data: false,
            ..EmulatorConfig::default()
        };
        let state = initial_state(&config, "t");
        assert!(state.repo_id("octocat", "Hello-World").is_none());
        assert!(state.resolve(&Scope::org(DEMO_ORG)).is_none());
    }
}
