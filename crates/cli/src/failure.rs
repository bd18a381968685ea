//! Why a run failed, as one line on stderr and an exit status.

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// Which exit status a failure maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FailureKind {
    /// Invalid input or usage, found before any request: exit 2.
    Usage,
    /// GitHub refused, the network failed, or part of a bulk operation failed: exit 1.
    Api,
    /// `check`: something would change: exit 3.
    Drift,
}

/// A failed run: the kind decides the exit status, the message is printed on one line.
///
/// Messages are built from the SDK's errors and our own text, neither of which ever holds the
/// token or a secret value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    kind: FailureKind,
    message: String,
}

impl Failure {
    /// Invalid input or usage (exit 2).
    pub(crate) fn usage(message: impl Into<String>) -> Self {
        Self {
            kind: FailureKind::Usage,
            message: message.into(),
        }
    }

    /// Anything else (exit 1).
    pub(crate) fn other(message: impl Into<String>) -> Self {
        Self {
            kind: FailureKind::Api,
            message: message.into(),
        }
    }

    /// `check` found something to change (exit 3).
    pub(crate) fn drift(message: impl Into<String>) -> Self {
        Self {
            kind: FailureKind::Drift,
            message: message.into(),
        }
    }

    /// The exit status: 2 for usage, 3 for drift, 1 for the rest.
    pub(crate) fn exit_code(&self) -> ExitCode {
        ExitCode::from(match self.kind {
            FailureKind::Usage => 2,
            FailureKind::Api => 1,
            FailureKind::Drift => 3,
        })
    }

    /// The message as one line, prefixed with `error: `.
    pub(crate) fn line(&self) -> String {
        let flat: Vec<&str> = self
            .message
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        // stderr's one door: the server's words, escaped (see `output::emit`).
        format!(
            "error: {}",
            codespaces_secrets::visible_text(&flat.join(" "))
        )
    }

    /// A clap parse error as one line. Clap quotes an unexpected argument; a bare word might
    /// be a secret value typed in the wrong place, so only flags are quoted back.
    pub(crate) fn from_clap(error: &clap::Error) -> Self {
        if error.kind() == ErrorKind::UnknownArgument
            && let Some(ContextValue::String(arg)) = error.get(ContextKind::InvalidArg)
            && (!arg.starts_with('-') || arg.contains('='))
        {
            let shown = match arg.split_once('=') {
                Some((flag, _)) if flag.starts_with('-') => format!(" {flag}=…"),
                _ => String::new(),
            };
            return Self::usage(format!(
                "unexpected argument{shown} (not shown, in case it is a secret value); give values with --value or on stdin (see --help)"
            ));
        }
        let rendered = error.to_string();
        let first_paragraph: Vec<&str> = rendered
            .lines()
            .take_while(|l| !l.trim().is_empty())
            .map(str::trim)
            .collect();
        let text = first_paragraph.join(" ");
        let text = text.strip_prefix("error: ").unwrap_or(&text);
        Self::usage(format!("{text} (see --help)"))
    }
}

impl From<codespaces_secrets::Error> for Failure {
    fn from(error: codespaces_secrets::Error) -> Self {
        let mut message = format!("{error} [{}]", error.code());
        if let Some(id) = error.request_id()
            && !message.contains(id)
        {
            message.push_str(&format!(" [request id {id}]"));
        }
        match error {
            codespaces_secrets::Error::InvalidInput { .. } => Self::usage(message),
            _ => Self::other(message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_flat() {
        let failure = Failure::other("first\n  second\n\nthird");
        assert_eq!(failure.line(), "error: first second third");
    }

    #[test]
    fn invalid_input_is_usage() {
        let failure = Failure::from(codespaces_secrets::Error::invalid_input("name", "bad"));
        assert_eq!(failure.kind, FailureKind::Usage);
        assert_eq!(failure.line(), "error: invalid name: bad [INVALID_INPUT]");
    }
}
