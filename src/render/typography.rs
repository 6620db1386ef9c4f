//! French typography for rendered documents: the space before « : » becomes a no-break space,
//! the space before « ; ! ? » a narrow no-break space, and the spaces inside « guillemets »
//! no-break spaces, whoever wrote the text (a template, a translation table or the register), so
//! that no sign is stranded at the start of a line.
//!
//! Only the kind of an existing space changes: a space is never added or removed, so the
//! register's text reads as its author wrote it (`avec:` stays `avec:`). Only text is touched: in
//! HTML, tags, entities, style sheets and scripts are left as they are; in Markdown, code spans.
//! A sign not followed by a space or the end of the text is not punctuation (`https://`, `10:30`).

/// No-break space (before `:` and inside guillemets).
const NBSP: char = '\u{a0}';
/// Narrow no-break space (before `;`, `!` and `?`).
const NNBSP: char = '\u{202f}';

/// Apply French spacing to a rendered document (`html` true for HTML, else Markdown).
pub fn french(text: &str, html: bool) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 50);
    let mut rest = text;
    while !rest.is_empty() {
        // The next part that is not text: a tag (and a whole style or script element) in HTML,
        // a code span in Markdown.
        let skip = if html {
            rest.find('<').map(|start| {
                let lower = rest[start..].get(..8).unwrap_or("").to_ascii_lowercase();
                let close = if lower.starts_with("<style") {
                    "</style>"
                } else if lower.starts_with("<script") {
                    "</script>"
                } else {
                    ">"
                };
                let end = rest[start..]
                    .find(close)
                    .map_or(rest.len(), |e| start + e + close.len());
                (start, end)
            })
        } else {
            rest.find('`').map(|start| {
                let end = rest[start + 1..]
                    .find('`')
                    .map_or(rest.len(), |e| start + 1 + e + 1);
                (start, end)
            })
        };
        match skip {
            Some((start, end)) => {
                space(&rest[..start], html, &mut out);
                out.push_str(&rest[start..end]);
                rest = &rest[end..];
            }
            None => {
                space(rest, html, &mut out);
                rest = "";
            }
        }
    }
    out
}

/// French spacing of one run of text.
fn space(text: &str, html: bool, out: &mut String) {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let ends = next.is_none_or(|n| n.is_whitespace() || n == '<' || n == ')' || n == '*');
        match c {
            ':' | ';' | '!' | '?' if ends && !(c == ';' && html && closes_entity(&chars[..i])) => {
                let wanted = if c == ':' { NBSP } else { NNBSP };
                // One plain or no-break space before the sign, after a word, becomes the right
                // kind.
                let space_before = out.ends_with([' ', NBSP, NNBSP]);
                let mut before = out.chars().rev().skip(1);
                if space_before && before.next().is_some_and(|p| !p.is_whitespace()) {
                    out.pop();
                    out.push(wanted);
                }
                out.push(c);
            }
            '«' => {
                out.push(c);
                if chars.get(i + 1) == Some(&' ') {
                    out.push(NBSP);
                    i += 1;
                }
            }
            '»' => {
                if out.ends_with(' ') {
                    out.pop();
                    out.push(NBSP);
                }
                out.push(c);
            }
            c => out.push(c),
        }
        i += 1;
    }
}

/// Whether a `;` after `before` closes an HTML entity (`&amp;`, `&#39;`).
fn closes_entity(before: &[char]) -> bool {
    let tail = &before[before.len().saturating_sub(10)..];
    match tail.iter().rposition(|&c| c == '&') {
        Some(amp) => {
            let name = &tail[amp + 1..];
            !name.is_empty() && name.iter().all(|c| c.is_ascii_alphanumeric() || *c == '#')
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_get_their_no_break_spaces() {
        assert_eq!(
            french("Finalité : a; b ; c ! d ?", false),
            "Finalité\u{a0}: a; b\u{202f}; c\u{202f}! d\u{202f}?"
        );
        assert_eq!(french("« texte »", false), "«\u{a0}texte\u{a0}»");
        // No space is added: the register's `avec:` stays as written.
        assert_eq!(french("avec: «x»", false), "avec: «x»");
        // Already right: unchanged.
        let right = "Durée\u{a0}: 3\u{a0}ans\u{202f}; «\u{a0}x\u{a0}»";
        assert_eq!(french(right, false), right);
    }

    #[test]
    fn what_is_not_punctuation_is_left_alone() {
        for text in ["https://cnil.fr/a?b=c", "10:30", "`code : x`", "a:b"] {
            assert_eq!(french(text, false), text);
        }
        let html = "<style>a :hover { color: red; }</style><a href=\"x?y\" title=\"a : b\">Tom &amp; Jerry ; x</a><script>if (!a ? b : c) {}</script>";
        assert_eq!(
            french(html, true),
            "<style>a :hover { color: red; }</style><a href=\"x?y\" title=\"a : b\">Tom &amp; Jerry\u{202f}; x</a><script>if (!a ? b : c) {}</script>"
        );
    }

    #[test]
    fn it_is_idempotent() {
        let text = "<p>Base légale : « contrat » ; durée ?</p>";
        let once = french(text, true);
        assert_eq!(french(&once, true), once);
    }
}
