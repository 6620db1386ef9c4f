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
    french_into(text, html, &mut out);
    out
}

/// [`french`], appended to `out`: what `out` ends with counts as what comes before `text`.
fn french_into(text: &str, html: bool, out: &mut String) {
    let mut rest = text;
    while !rest.is_empty() {
        match next_skip(rest, html) {
            Some(skip) => {
                space(&rest[..skip.start], html, out);
                out.push_str(&rest[skip.start..skip.end]);
                rest = &rest[skip.end..];
            }
            None => {
                space(rest, html, out);
                rest = "";
            }
        }
    }
}

/// The next part of `rest` that is not text: a tag (and a whole style or script element) in
/// HTML, a code span in Markdown.
struct Skip {
    start: usize,
    end: usize,
    /// Its end was found: what follows `rest` cannot change it.
    complete: bool,
}

fn next_skip(rest: &str, html: bool) -> Option<Skip> {
    if html {
        let start = rest.find('<')?;
        // Fewer than 8 bytes after `<`: what follows may still make it a style or script. The
        // bytes, not a slice of the text, which would end inside a character (`<p>àéè`).
        let head = rest.as_bytes()[start..].get(..8);
        let close = match head {
            Some(h) if h[..6].eq_ignore_ascii_case(b"<style") => Some("</style>"),
            Some(h) if h[..7].eq_ignore_ascii_case(b"<script") => Some("</script>"),
            _ => None,
        };
        // Most skips are tags, whose end is found by one byte search.
        let found = match close {
            Some(close) => rest[start..].find(close).map(|e| start + e + close.len()),
            None => rest[start..].find('>').map(|e| start + e + 1),
        };
        Some(Skip {
            start,
            end: found.unwrap_or(rest.len()),
            complete: found.is_some() && head.is_some(),
        })
    } else {
        let start = rest.find('`')?;
        let found = rest[start + 1..].find('`').map(|e| start + 1 + e + 1);
        Some(Skip {
            start,
            end: found.unwrap_or(rest.len()),
            complete: found.is_some(),
        })
    }
}

/// [`french_into`] of the longest head of `text` that [`french`] spaces the same whatever
/// follows it, in one walk; returns that head's length. The head ends after a complete tag or
/// code span, or (in Markdown) after a line end outside a code span.
fn french_settled(text: &str, html: bool, out: &mut String) -> usize {
    let mut pos = 0;
    loop {
        let rest = &text[pos..];
        match next_skip(rest, html) {
            Some(skip) if skip.complete => {
                space(&rest[..skip.start], html, out);
                out.push_str(&rest[skip.start..skip.end]);
                pos += skip.end;
            }
            skip => {
                // A sign before a line end is spaced the same whatever comes after the line.
                let run = skip.map_or(rest.len(), |s| s.start);
                if !html && let Some(nl) = rest[..run].rfind('\n') {
                    space(&rest[..=nl], html, out);
                    return pos + nl + 1;
                }
                return pos;
            }
        }
    }
}

/// A writer applying French spacing to a document written through it, piece by piece: what is
/// written waits until it is settled (see [`french_settled`]), so the bytes are those of [`french`] on the whole
/// document while only a piece is held in memory. Call [`FrenchWriter::finish`] at the end.
pub struct FrenchWriter<W: std::io::Write> {
    inner: W,
    html: bool,
    pending: Vec<u8>,
    /// The last character written to `inner`.
    last: Option<char>,
    /// How many pending bytes the next spacing waits for: twice what an unsettled head left
    /// pending (a long style element, a code span not closed yet), so that the pending bytes
    /// are looked at a number of times that grows with the logarithm of their length, not
    /// once per write.
    next_drain: usize,
    /// The bytes looked at by spacing so far, which the tests hold to a multiple of the
    /// document's length.
    scanned: usize,
}

/// How much a [`FrenchWriter`] gathers before spacing what is settled.
const PIECE: usize = 64 * 1024;

impl<W: std::io::Write> FrenchWriter<W> {
    /// Space what is written for a document in HTML (`html`) or Markdown, into `inner`.
    pub fn new(inner: W, html: bool) -> Self {
        FrenchWriter {
            inner,
            html,
            pending: Vec::with_capacity(2 * PIECE),
            last: None,
            next_drain: PIECE,
            scanned: 0,
        }
    }

    /// Space and write what is settled in the pending bytes (all of them at the `end`).
    fn drain(&mut self, end: bool) -> std::io::Result<()> {
        self.scanned += self.pending.len();
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(s) => s,
            Err(e) if !end => std::str::from_utf8(&self.pending[..e.valid_up_to()]).unwrap_or(""),
            Err(e) => return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
        };
        // The spacing of a sign looks at the character before its space, which may be the last
        // one written (`</b> !`): the piece is spaced after it.
        let mut out = String::with_capacity(valid.len() + valid.len() / 50 + 4);
        out.extend(self.last);
        let cut = if end {
            french_into(valid, self.html, &mut out);
            valid.len()
        } else {
            french_settled(valid, self.html, &mut out)
        };
        if cut > 0 {
            let spaced = out.get(self.last.map_or(0, char::len_utf8)..).unwrap_or("");
            self.inner.write_all(spaced.as_bytes())?;
            self.last = out.chars().next_back().or(self.last);
            self.pending.drain(..cut);
        }
        self.next_drain = PIECE.max(2 * self.pending.len());
        Ok(())
    }

    /// Write what is pending and return the inner writer.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.drain(true)?;
        Ok(self.inner)
    }
}

impl<W: std::io::Write> std::io::Write for FrenchWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if self.pending.len() >= self.next_drain {
            self.drain(false)?;
        }
        Ok(buf.len())
    }

    /// Writes only what is settled: the rest waits for [`FrenchWriter::finish`].
    fn flush(&mut self) -> std::io::Result<()> {
        self.drain(false)?;
        self.inner.flush()
    }
}

/// French spacing of one run of text.
fn space(text: &str, html: bool, out: &mut String) {
    // Most runs hold no sign and no guillemet (whose UTF-8 ends in 0xAB or 0xBB): copied as
    // they are.
    if !text
        .bytes()
        .any(|b| matches!(b, b':' | b';' | b'!' | b'?' | 0xab | 0xbb))
    {
        out.push_str(text);
        return;
    }
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let ends = next.is_none_or(|n| n.is_whitespace() || n == '<' || n == ')' || n == '*');
        match c {
            ':' | ';' | '!' | '?' if ends && !(c == ';' && html && closes_entity(&text[..i])) => {
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
                if next == Some(' ') {
                    out.push(NBSP);
                    chars.next();
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
    }
}

/// Whether a `;` after `before` closes an HTML entity (`&amp;`, `&#39;`): `before` ends with
/// `&` and one to nine letters, digits or `#`.
fn closes_entity(before: &str) -> bool {
    let name = before
        .bytes()
        .rev()
        .take(9)
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    name > 0
        && before
            .len()
            .checked_sub(name + 1)
            .is_some_and(|amp| before.as_bytes()[amp] == b'&')
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

    /// Written through a [`FrenchWriter`] in pieces of any size, a document gets the bytes
    /// [`french`] gives it whole, whatever falls at the cuts (a tag, a style element, a code
    /// span, a guillemet or a sign).
    #[test]
    fn the_writer_spaces_like_the_whole_document() {
        use std::io::Write as _;
        let line = "<p>Base légale : « contrat » ; durée ?</p>\n<style>a :hover { x: y; }</style>Tom &amp; Jerry ; <b>x</b> !\n";
        let html = line.repeat(4000);
        let md = "Finalité : `code : x\ny` ; « texte » !\n".repeat(4000);
        for (text, is_html) in [(&html, true), (&md, false)] {
            for step in [1, 7, 4096, 70_000] {
                let mut w = FrenchWriter::new(Vec::new(), is_html);
                for chunk in text.as_bytes().chunks(step) {
                    w.write_all(chunk).unwrap();
                }
                let out = w.finish().unwrap();
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    french(text, is_html),
                    "step {step}"
                );
            }
        }
    }

    /// Written in small pieces, a long document is looked at a bounded number of times per
    /// byte, and held a piece at a time, whatever its text: tags followed by accented letters,
    /// or a Markdown code span that never closes (which keeps everything after it pending).
    #[test]
    fn the_writer_is_linear_in_the_document() {
        use std::io::Write as _;
        let html = "<p>àéè : «\u{a0}x\u{a0}» ?</p><td>ééé</td>\n".repeat(40_000);
        let md = format!("`{}", "Finalité : texte ; suite !\n".repeat(40_000));
        for (text, is_html, held) in [(&html, true, true), (&md, false, false)] {
            let mut w = FrenchWriter::new(Vec::new(), is_html);
            let mut most_pending = 0;
            for chunk in text.as_bytes().chunks(100) {
                w.write_all(chunk).unwrap();
                most_pending = most_pending.max(w.pending.len());
            }
            assert!(
                w.scanned <= 3 * text.len(),
                "{} bytes looked at for {}",
                w.scanned,
                text.len()
            );
            if held {
                assert!(most_pending <= 2 * PIECE, "{most_pending} bytes held");
            }
            let out = String::from_utf8(w.finish().unwrap()).unwrap();
            assert_eq!(out, french(text, is_html));
        }
    }

    #[test]
    fn a_semicolon_closes_an_entity_of_one_to_nine_characters() {
        for (before, closes) in [
            ("Tom &amp", true),
            ("x&&#39", true),
            ("é&nbsp", true),
            ("&abcdefghi", true),
            ("&abcdefghij", false),
            ("&ab cd", false),
            ("&am&", false),
            ("amp", false),
            ("", false),
        ] {
            assert_eq!(closes_entity(before), closes, "{before}");
        }
    }

    #[test]
    fn it_is_idempotent() {
        let text = "<p>Base légale : « contrat » ; durée ?</p>";
        let once = french(text, true);
        assert_eq!(french(&once, true), once);
    }
}
