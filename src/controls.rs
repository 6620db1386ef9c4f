//! Control and bidirectional-control characters in register text: which they are, their Unicode
//! names, and the visible form documents show in their place.
//!
//! A control character (an escape sequence, a bell) acts on a terminal instead of showing; a
//! bidirectional control (U+202E RIGHT-TO-LEFT OVERRIDE) makes text read in another order than
//! it is stored ("Trojan Source"). Neither belongs in a record of processing activities.

use std::borrow::Cow;

/// Whether a character is a control character other than tab and line feed (C0, DEL, C1) or a
/// bidirectional control (embeddings, overrides, isolates and the three marks).
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || is_bidi(c)
}

/// Whether a character is one of Unicode's bidirectional controls: U+202A–U+202E, U+2066–U+2069,
/// U+200E, U+200F and U+061C.
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// A hidden character as its code point and name, for messages: `U+202E RIGHT-TO-LEFT OVERRIDE`.
pub fn describe(c: char) -> String {
    match name(c) {
        Some(name) => format!("U+{:04X} {name}", u32::from(c)),
        None => format!("U+{:04X}", u32::from(c)),
    }
}

/// Text with each hidden character replaced by its code point in brackets (`[U+202E]`), so that
/// a document shows it instead of acting on it; borrowed when there is none. A carriage return
/// is kept: documents make it a line break.
pub fn visible(text: &str) -> Cow<'_, str> {
    let shown = |c: char| is_hidden(c) && c != '\r';
    if !may_hide(text, false) || !text.contains(shown) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if shown(c) {
            out.push_str(&format!("[U+{:04X}]", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether `text` has a byte that can start a hidden character ([`is_hidden`]) or a byte order
/// mark, and, when `layout`, a tab or a line feed: a C0 control, DEL, or the first byte of a C1
/// control (0xC2), of U+061C (0xD8), of the other bidirectional controls (0xE2) or of the byte
/// order mark (0xEF). Text without one holds none of these characters; most text has none, and a
/// scan of its bytes is much faster than decoding its characters. Text that has one
/// (typographic quotes and guillemets share those first bytes) is decoded.
pub fn may_hide(text: &str, layout: bool) -> bool {
    text.bytes().any(|b| {
        (b < 0x20 && (layout || (b != b'\t' && b != b'\n')))
            || matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2 | 0xef)
    })
}

/// The C0 controls' names (Unicode name aliases), by code point.
const C0: [&str; 32] = [
    "NULL",
    "START OF HEADING",
    "START OF TEXT",
    "END OF TEXT",
    "END OF TRANSMISSION",
    "ENQUIRY",
    "ACKNOWLEDGE",
    "BELL",
    "BACKSPACE",
    "CHARACTER TABULATION",
    "LINE FEED",
    "LINE TABULATION",
    "FORM FEED",
    "CARRIAGE RETURN",
    "SHIFT OUT",
    "SHIFT IN",
    "DATA LINK ESCAPE",
    "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO",
    "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK",
    "CANCEL",
    "END OF MEDIUM",
    "SUBSTITUTE",
    "ESCAPE",
    "FILE SEPARATOR",
    "GROUP SEPARATOR",
    "RECORD SEPARATOR",
    "UNIT SEPARATOR",
];

/// The C1 controls' names (Unicode name aliases), from U+0080.
const C1: [&str; 32] = [
    "PADDING CHARACTER",
    "HIGH OCTET PRESET",
    "BREAK PERMITTED HERE",
    "NO BREAK HERE",
    "INDEX",
    "NEXT LINE",
    "START OF SELECTED AREA",
    "END OF SELECTED AREA",
    "CHARACTER TABULATION SET",
    "CHARACTER TABULATION WITH JUSTIFICATION",
    "LINE TABULATION SET",
    "PARTIAL LINE FORWARD",
    "PARTIAL LINE BACKWARD",
    "REVERSE LINE FEED",
    "SINGLE SHIFT TWO",
    "SINGLE SHIFT THREE",
    "DEVICE CONTROL STRING",
    "PRIVATE USE ONE",
    "PRIVATE USE TWO",
    "SET TRANSMIT STATE",
    "CANCEL CHARACTER",
    "MESSAGE WAITING",
    "START OF GUARDED AREA",
    "END OF GUARDED AREA",
    "START OF STRING",
    "SINGLE GRAPHIC CHARACTER INTRODUCER",
    "SINGLE CHARACTER INTRODUCER",
    "CONTROL SEQUENCE INTRODUCER",
    "STRING TERMINATOR",
    "OPERATING SYSTEM COMMAND",
    "PRIVACY MESSAGE",
    "APPLICATION PROGRAM COMMAND",
];

/// The Unicode name (or name alias, for controls) of a hidden character.
fn name(c: char) -> Option<&'static str> {
    let n = u32::from(c) as usize;
    Some(match c {
        '\0'..='\u{1f}' => C0[n],
        '\u{7f}' => "DELETE",
        '\u{80}'..='\u{9f}' => C1[n - 0x80],
        '\u{61c}' => "ARABIC LETTER MARK",
        '\u{200e}' => "LEFT-TO-RIGHT MARK",
        '\u{200f}' => "RIGHT-TO-LEFT MARK",
        '\u{202a}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202b}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202c}' => "POP DIRECTIONAL FORMATTING",
        '\u{202d}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202e}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_hidden_tab_and_line_feed_are_not() {
        for c in [
            '\0', '\u{7}', '\u{1b}', '\r', '\u{7f}', '\u{85}', '\u{9b}', '\u{202e}',
        ] {
            assert!(is_hidden(c), "{c:?}");
        }
        for c in ['\u{61c}', '\u{200e}', '\u{200f}', '\u{2066}', '\u{2069}'] {
            assert!(is_hidden(c), "{c:?}");
        }
        for c in [
            '\t', '\n', ' ', 'é', '\u{a0}', '\u{200d}', '\u{2070}', '\u{202f}',
        ] {
            assert!(!is_hidden(c), "{c:?}");
        }
    }

    #[test]
    fn names_and_visible_form() {
        assert_eq!(describe('\u{202e}'), "U+202E RIGHT-TO-LEFT OVERRIDE");
        assert_eq!(describe('\u{1b}'), "U+001B ESCAPE");
        assert_eq!(describe('\u{7}'), "U+0007 BELL");
        assert_eq!(describe('\u{9b}'), "U+009B CONTROL SEQUENCE INTRODUCER");
        assert_eq!(describe('\u{61c}'), "U+061C ARABIC LETTER MARK");
        assert_eq!(describe('\u{7f}'), "U+007F DELETE");
        assert_eq!(visible("a\u{202e}b\u{1b}[2J"), "a[U+202E]b[U+001B][2J");
        assert!(matches!(visible("plain\ttext\r\n"), Cow::Borrowed(_)));
    }

    /// The byte scan that lets most text through undecoded finds every hidden character.
    #[test]
    fn the_byte_scan_misses_no_hidden_character() {
        let hidden: Vec<char> = (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .filter(|&c| is_hidden(c))
            .collect();
        // C0 without tab and line feed, DEL, C1, and the 12 bidirectional controls.
        assert_eq!(hidden.len(), 30 + 1 + 32 + 12);
        for c in hidden {
            assert!(may_hide(&format!("text {c} text"), false), "{c:?}");
        }
        assert!(!may_hide("Données des clients\tet des prospects\n", false));
        assert!(!may_hide("plain text, tab\tand line feed\n", false));
        assert!(may_hide("plain text, tab\tand line feed\n", true));
    }
}
