//! The progress bar of bulk work, drawn on stderr only when stderr is a terminal.

use std::io::IsTerminal;

use codespaces_secrets::Progress;
use indicatif::{ProgressBar, ProgressStyle};

/// A progress bar fed by the SDK's per-item callback. Shows names, never values.
pub(crate) struct ProgressDisplay {
    bar: ProgressBar,
}

impl ProgressDisplay {
    /// A bar on stderr if it is a terminal, else one that draws nothing (pipes, CI logs, tests).
    pub(crate) fn on_stderr() -> Self {
        if !std::io::stderr().is_terminal() {
            return Self {
                bar: ProgressBar::hidden(),
            };
        }
        let bar = ProgressBar::new(0);
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {wide_msg}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message("planning");
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Self { bar }
    }

    /// Records one finished item.
    pub(crate) fn update(&self, progress: Progress<'_>) {
        self.bar.set_length(progress.total as u64);
        self.bar.set_position(progress.done as u64);
        let status = if progress.ok { "" } else { " (failed)" };
        self.bar.set_message(format!("{}{status}", progress.name));
    }

    /// Removes the bar so the report prints on a clean line.
    pub(crate) fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
