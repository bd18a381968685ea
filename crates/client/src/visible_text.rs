//! Text a server controls (error messages, secret names, URLs, request ids) printed safely: a
//! hostile or broken endpoint must not be able to retitle or clear a terminal or print fake
//! lines, so control characters are shown as escapes instead of being sent to the terminal.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` with every control character (C0, DEL, C1 — newlines and tabs included, since the
/// text is one field of one line) written as a visible escape: `\n`, `\t`, `\x1b`, `\u{9b}`.
///
/// ```
/// use codespaces_secrets::visible_text;
/// assert_eq!(visible_text("API_KEY"), "API_KEY");
/// assert_eq!(visible_text("evil\x1b]0;pwned\x07\nok"), "evil\\x1b]0;pwned\\x07\\nok");
/// ```
pub fn visible_text(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() && (c as u32) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::visible_text;

    #[test]
    fn every_control_character_is_escaped_and_nothing_else() {
        for c in (0u32..0x20).chain([0x7f]).chain(0x80..0xa0) {
            let c = char::from_u32(c).expect("a char");
            let text = format!("a{c}b");
            let shown = visible_text(&text);
            assert!(!shown.chars().any(char::is_control), "{c:?} -> {shown:?}");
        }
        assert_eq!(visible_text("é ☃ NAME_1"), "é ☃ NAME_1");
        assert_eq!(visible_text("\u{9b}2J"), "\\u{9b}2J");
    }
}
