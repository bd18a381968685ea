//! The progress bar of bulk work, drawn on stderr only when stderr is a terminal.

use std::io::IsTerminal;
use std::time::Duration;

use codespaces_secrets::Progress;
use indicatif::{ProgressBar, ProgressStyle};

/// A progress bar fed by the SDK's per-item callback. Shows names, never values.
///
/// It starts as a spinner (the SDK first reads the scope's secrets to plan) and becomes a bar
/// once the first item reports how many there are.
pub(crate) struct ProgressDisplay {
    bar: ProgressBar,
    bar_style: Option<ProgressStyle>,
}

impl ProgressDisplay {
    /// A bar on stderr if it is a terminal, else one that draws nothing (pipes, CI logs, tests).
    pub(crate) fn on_stderr() -> Self {
        if !std::io::stderr().is_terminal() {
            return Self {
                bar: ProgressBar::hidden(),
                bar_style: None,
            };
        }
        let bar = ProgressBar::new_spinner();
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg}") {
            bar.set_style(style);
        }
        bar.set_message("planning");
        bar.enable_steady_tick(Duration::from_millis(120));
        let bar_style = ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {wide_msg}")
            .ok()
            .map(|style| style.progress_chars("=> "));
        Self { bar, bar_style }
    }

    /// Records one finished item.
    pub(crate) fn update(&self, progress: Progress<'_>) {
        if self.bar.length().is_none()
            && let Some(style) = &self.bar_style
        {
            self.bar.set_style(style.clone());
        }
        self.bar.set_length(progress.total as u64);
        self.bar.set_position(progress.done as u64);
        let status = if progress.ok { "" } else { " (failed)" };
        let name = codespaces_secrets::visible_text(progress.name);
        self.bar.set_message(format!("{name}{status}"));
    }

    /// Removes the bar so the report prints on a clean line.
    pub(crate) fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
