//! The apply's progress bar: changes done, the one just sent, and the ETA at GitHub's write
//! limits (a wait for a window shows as such). Drawn on stderr only when it is a terminal.

use std::io::IsTerminal;

use codespaces_secrets::fleet::{ApplyProgress, duration_text as eta_text};
use indicatif::{ProgressBar, ProgressStyle};

/// A bar fed by the SDK's apply callback. Shows scopes and names, never values.
pub(crate) struct FleetProgress {
    bar: ProgressBar,
}

impl FleetProgress {
    /// A bar on stderr if it is a terminal, else one that draws nothing.
    pub(crate) fn on_stderr() -> Self {
        if !std::io::stderr().is_terminal() {
            return Self {
                bar: ProgressBar::hidden(),
            };
        }
        let bar = ProgressBar::new(0);
        if let Ok(style) = ProgressStyle::with_template("[{bar:30}] {pos}/{len} {wide_msg}") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        Self { bar }
    }

    /// Records progress.
    pub(crate) fn update(&self, progress: ApplyProgress<'_>) {
        self.bar.set_length(progress.total as u64);
        self.bar.set_position(progress.done as u64);
        let eta = eta_text(progress.eta.as_secs());
        let scope = codespaces_secrets::visible_text(progress.scope);
        let name = codespaces_secrets::visible_text(progress.name);
        let message = match progress.waiting {
            Some(wait) => format!(
                "waiting {} for GitHub's write limit before {scope} {name}; ETA {eta}",
                eta_text(wait.as_secs())
            ),
            None if progress.ok => format!("{} {scope} {name}; ETA {eta}", progress.action),
            None => format!("{} {scope} {name} (failed); ETA {eta}", progress.action),
        };
        self.bar.set_message(message);
    }

    /// Removes the bar so the report prints on a clean line.
    pub(crate) fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
