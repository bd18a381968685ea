//! The OAuth device flow's codes: issued by `POST /login/device/code`, decided by a test (the
//! "user" at `/login/device`), exchanged by `POST /login/oauth/access_token` with GitHub's
//! answers — pending, slow down, expired, denied, or a new user token.

use chrono::TimeDelta;

use super::device_codes::{
    DEVICE_GRANT, Decision, DeviceCode, DeviceError, Granted, IssuedCode, SLOW_DOWN_STEP, Verdict,
    device_code, user_code,
};
use super::model::generate_token_with;
use super::store::State;
use crate::auth::settings::after;

impl State {
    /// Starts a device flow for app `client_id`; `None` if no app has that client id.
    pub(crate) fn start_device_flow(
        &mut self,
        client_id: &str,
        scope: String,
    ) -> Option<IssuedCode> {
        self.app_by_client_id(client_id)?;
        let mut user = user_code();
        while self.device_codes.iter().any(|c| c.user_code == user) {
            user = user_code();
        }
        let lifetime = self.auth.device_code_lifetime;
        let code = DeviceCode {
            device_code: device_code(),
            user_code: user,
            client_id: client_id.to_owned(),
            scope,
            decision: Decision::Pending,
            expires_at: after(self.auth.now(), lifetime),
            interval: self.auth.device_poll_interval,
            last_poll: None,
            slow_down_next: false,
        };
        let issued = IssuedCode {
            device_code: code.device_code.clone(),
            user_code: code.user_code.clone(),
            expires_in: lifetime.as_secs(),
            interval: code.interval,
        };
        self.device_codes.push(code);
        Some(issued)
    }

    /// One poll of the token endpoint, checked in GitHub's order: the client, the grant type,
    /// the code, its expiry, the polling rate, then the user's decision. An approved code
    /// becomes a new user token for the approving login, and is used up.
    pub(crate) fn exchange_device_code(
        &mut self,
        client_id: &str,
        device_code: &str,
        grant_type: &str,
    ) -> Result<Granted, DeviceError> {
        if self.app_by_client_id(client_id).is_none() {
            return Err(DeviceError::IncorrectClientCredentials);
        }
        if grant_type != DEVICE_GRANT {
            return Err(DeviceError::UnsupportedGrantType);
        }
        let now = self.auth.now();
        let code = self
            .device_codes
            .iter_mut()
            .find(|c| c.device_code == device_code && c.client_id == client_id)
            .ok_or(DeviceError::IncorrectDeviceCode)?;
        if code.decision == Decision::Consumed {
            return Err(DeviceError::BadVerificationCode);
        }
        if now >= code.expires_at {
            return Err(DeviceError::ExpiredToken);
        }
        let too_soon = code
            .last_poll
            .is_some_and(|last| now - last < TimeDelta::seconds(i64::from(code.interval)));
        code.last_poll = Some(now);
        if code.slow_down_next || too_soon {
            code.slow_down_next = false;
            code.interval = code.interval.saturating_add(SLOW_DOWN_STEP);
            return Err(DeviceError::SlowDown(code.interval));
        }
        let login = match &code.decision {
            Decision::Pending => return Err(DeviceError::AuthorizationPending),
            Decision::Denied => return Err(DeviceError::AccessDenied),
            Decision::Consumed => return Err(DeviceError::BadVerificationCode),
            Decision::Approved(login) => login.clone(),
        };
        code.decision = Decision::Consumed;
        let scope = code.scope.clone();
        let access_token = generate_token_with("ghu_");
        self.add_token(&login, access_token.clone());
        Ok(Granted {
            access_token,
            scope,
        })
    }

    /// Approves, denies or slows down the code the user sees as `user_code` (any case).
    /// False when no such code exists or it was already exchanged.
    pub(crate) fn decide_device_code(&mut self, user_code: &str, verdict: Verdict) -> bool {
        let Some(code) = self
            .device_codes
            .iter_mut()
            .find(|c| c.user_code.eq_ignore_ascii_case(user_code.trim()))
        else {
            return false;
        };
        if code.decision == Decision::Consumed {
            return false;
        }
        match verdict {
            Verdict::Approve(login) => code.decision = Decision::Approved(login),
            Verdict::Deny => code.decision = Decision::Denied,
            Verdict::SlowDown => code.slow_down_next = true,
        }
        true
    }

    /// Every device code issued so far, oldest first.
    pub(crate) fn device_codes(&self) -> &[DeviceCode] {
        &self.device_codes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow() -> (State, IssuedCode) {
        let mut state = State::new();
        state.register_app("Iv23liclient".to_owned(), Vec::new());
        state.auth.device_poll_interval = 0;
        let issued = state
            .start_device_flow("Iv23liclient", "repo".to_owned())
            .expect("known client");
        (state, issued)
    }

    fn poll(state: &mut State, code: &IssuedCode) -> Result<Granted, DeviceError> {
        state.exchange_device_code("Iv23liclient", &code.device_code, DEVICE_GRANT)
    }

    #[test]
    fn codes_look_like_githubs() {
        let (state, issued) = flow();
        assert_eq!(issued.device_code.len(), 40);
        assert!(issued.device_code.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(issued.user_code.len(), 9);
        assert_eq!(&issued.user_code[4..5], "-");
        assert!(!format!("{:?}", state.device_codes()).contains(&issued.device_code));
    }

    #[test]
    fn pending_slow_down_approve_then_consumed() {
        let (mut state, issued) = flow();
        assert_eq!(
            poll(&mut state, &issued).err(),
            Some(DeviceError::AuthorizationPending)
        );
        assert!(state.decide_device_code(&issued.user_code.to_lowercase(), Verdict::SlowDown));
        assert_eq!(
            poll(&mut state, &issued).err(),
            Some(DeviceError::SlowDown(5))
        );
        assert!(state.decide_device_code(&issued.user_code, Verdict::Approve("mona".to_owned())));
        // Interval 5 now: polling at once is too soon.
        assert_eq!(
            poll(&mut state, &issued).err(),
            Some(DeviceError::SlowDown(10))
        );
        state.device_codes[0].last_poll = None;
        let granted = poll(&mut state, &issued).expect("approved");
        assert!(granted.access_token.starts_with("ghu_"));
        assert_eq!(granted.scope, "repo");
        assert_eq!(
            state.identify(&granted.access_token).map(|w| w.login),
            Some("mona".to_owned())
        );
        state.device_codes[0].last_poll = None;
        assert_eq!(
            poll(&mut state, &issued).err(),
            Some(DeviceError::BadVerificationCode)
        );
        assert!(!state.decide_device_code(&issued.user_code, Verdict::Deny));
    }

    #[test]
    fn refusals() {
        let (mut state, issued) = flow();
        assert_eq!(
            state
                .start_device_flow("nope", String::new())
                .map(|c| c.interval),
            None
        );
        let wrong = |state: &mut State, client: &str, code: &str, grant: &str| {
            state.exchange_device_code(client, code, grant).err()
        };
        let code = issued.device_code.clone();
        assert_eq!(
            wrong(&mut state, "nope", &code, DEVICE_GRANT),
            Some(DeviceError::IncorrectClientCredentials)
        );
        assert_eq!(
            wrong(&mut state, "Iv23liclient", &code, "password"),
            Some(DeviceError::UnsupportedGrantType)
        );
        assert_eq!(
            wrong(&mut state, "Iv23liclient", "0000", DEVICE_GRANT),
            Some(DeviceError::IncorrectDeviceCode)
        );
        assert!(state.decide_device_code(&issued.user_code, Verdict::Deny));
        assert_eq!(
            poll(&mut state, &issued).err(),
            Some(DeviceError::AccessDenied)
        );
        state.auth.clock_skew = 901;
        assert_eq!(
            poll(&mut state, &issued).err(),
            Some(DeviceError::ExpiredToken)
        );
        assert!(!state.decide_device_code("ZZZZ-0000", Verdict::Deny));
    }
}
