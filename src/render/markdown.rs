//! Escaping register text for Markdown (CommonMark with GitHub tables).
//!
//! Register text is data: in a Markdown document it must read as the DPO wrote it, never become
//! a heading, a link, emphasis, raw HTML or a new table cell. [`escape`] backslash-escapes the
//! characters that are active inline (`\ ` * _ [ ] < > | ~`, an `&` that starts an entity), those
//! that are active at the start of a line (`#`, `-`, `+`, `=`, `1.`), and turns line breaks into
//! `<br>` so that a value never leaves its table cell or list item. Characters that cannot be
//! active where they stand (an `_` inside a word, a `#` not followed by a space) are left alone so
//! the Markdown stays readable as plain text. Control and bidirectional-control characters are
//! shown as their code point (`[U+202E]`).

/// Escape `input` for Markdown; see the module documentation.
pub fn escape(input: &str) -> String {
    if is_plain(input) {
        return input.to_string();
    }
    escape_all(input)
}

/// Whether [`escape`] leaves `input` as it is, as it does most register text: no character that
/// may be escaped, no line break or tab, nothing hidden, and no block marker at the start.
fn is_plain(input: &str) -> bool {
    let marks_block = input
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'#' | b'-' | b'+' | b'='));
    !marks_block
        && !input.bytes().any(|b| {
            matches!(
                b,
                b'\\'
                    | b'`'
                    | b'*'
                    | b'_'
                    | b'['
                    | b']'
                    | b'<'
                    | b'>'
                    | b'|'
                    | b'~'
                    | b'&'
                    | b'\n'
                    | b'\r'
                    | b'\t'
            )
        })
        && !crate::controls::may_hide(input, false)
}

/// [`escape`], character by character.
fn escape_all(input: &str) -> String {
    let text = input.replace("\r\n", "\n").replace('\r', "\n");
    // Control and bidirectional characters are shown by their code point, never written raw.
    let text = crate::controls::visible(&text);
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    let mut at_line_start = true;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            // Trailing spaces before a break would make a hard break of their own.
            while out.ends_with(' ') {
                out.pop();
            }
            out.push_str("<br>");
            at_line_start = true;
            i += 1;
            // Leading spaces after a break would indent (code block) in some contexts.
            while i < chars.len() && (chars[i] == ' ' || chars[i] == '\t') {
                i += 1;
            }
            continue;
        }
        if at_line_start {
            at_line_start = false;
            if let Some(after) = escape_line_start(&chars, i, &mut out) {
                i = after;
                continue;
            }
        }
        match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '_' => {
                let inside_word = prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric);
                if !inside_word {
                    out.push('\\');
                }
                out.push(c);
            }
            '&' if starts_entity(&chars[i + 1..]) => out.push_str("\\&"),
            '\t' => out.push(' '),
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// At the start of a line, escape the block marker that starts at `i` (an ordered list's `1.`
/// or `1)`, a heading's `#`, a list's `-` or `+`, a heading underline of `=`): the index after
/// what was written, or `None` when no marker starts there.
fn escape_line_start(chars: &[char], i: usize, out: &mut String) -> Option<usize> {
    let c = chars[i];
    let next = chars.get(i + 1).copied();
    // Ordered list marker: digits followed by `.` or `)` and a space or the end.
    if c.is_ascii_digit() {
        let mut j = i;
        while j < chars.len() && chars[j].is_ascii_digit() {
            j += 1;
        }
        if j < chars.len()
            && matches!(chars[j], '.' | ')')
            && chars.get(j + 1).is_none_or(|c| c.is_whitespace())
        {
            out.extend(&chars[i..j]);
            out.push('\\');
            out.push(chars[j]);
            return Some(j + 1);
        }
    }
    let block_marker = match c {
        '#' => next.is_none_or(|n| n == '#' || n.is_whitespace()),
        '-' | '+' => next.is_none_or(|n| n == '-' || n.is_whitespace()),
        '=' => chars[i..]
            .iter()
            .take_while(|c| **c != '\n')
            .all(|c| *c == '=' || *c == ' '),
        _ => false,
    };
    block_marker.then(|| {
        out.push('\\');
        out.push(c);
        i + 1
    })
}

/// Whether the characters after an `&` make an HTML entity or character reference (`amp;`,
/// `#39;`, `#x27;`), which Markdown would decode.
fn starts_entity(rest: &[char]) -> bool {
    for (n, &c) in rest.iter().take(33).enumerate() {
        if c == ';' {
            return n > 0;
        }
        if !(c.is_ascii_alphanumeric() || (c == '#' && n == 0)) {
            return false;
        }
    }
    false
}

/// Undo [`escape`] closely enough to compare rendered Markdown with plain text: drop backslash
/// escapes and turn `<br>` back into line breaks. For tests and for callers that look for facts
/// in a rendered document.
pub fn unescape(input: &str) -> String {
    let text = input.replace("<br>", "\n");
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&n) = chars.peek()
            && n.is_ascii_punctuation()
        {
            out.push(n);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_inline_markup_and_cells() {
        assert_eq!(escape("a | b"), "a \\| b");
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(escape("{{ 7*7 }}"), "{{ 7\\*7 }}");
        assert_eq!(escape("[x](http://e)"), "\\[x\\](http://e)");
        assert_eq!(escape("one\ntwo"), "one<br>two");
        assert_eq!(escape("`code`"), "\\`code\\`");
        assert_eq!(escape("~~gone~~"), "\\~\\~gone\\~\\~");
    }

    #[test]
    fn leaves_plain_text_readable() {
        assert_eq!(
            escape("e-mail, R&D, scc_2021_914"),
            "e-mail, R&D, scc_2021_914"
        );
        assert_eq!(escape("Aix-En-Provence"), "Aix-En-Provence");
        assert_eq!(escape("C# and #1"), "C# and #1");
        assert_eq!(escape("+33 (0)2 30"), "+33 (0)2 30");
        assert_eq!(escape("+ x"), "\\+ x");
        assert_eq!(escape("==="), "\\===");
    }

    #[test]
    fn escapes_line_starts_and_entities() {
        assert_eq!(escape("# title"), "\\# title");
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("1. first"), "1\\. first");
        assert_eq!(escape("2024. year"), "2024\\. year");
        assert_eq!(escape("1.5 litres"), "1.5 litres");
        assert_eq!(escape("a\n# b"), "a<br>\\# b");
        assert_eq!(escape("&amp; &#39; &x"), "\\&amp; \\&#39; &x");
        assert_eq!(escape("_emph_"), "\\_emph\\_");
    }

    /// Text that [`escape`] copies as it is gets the bytes the character-by-character escape
    /// gives it: every string of one or two characters of a set holding all of ASCII, accented
    /// letters, guillemets, hidden characters and line separators, and ordinary text.
    #[test]
    fn plain_text_is_copied_as_the_escape_would_write_it() {
        let mut set: Vec<char> = (0u8..128).map(char::from).collect();
        set.extend([
            'é', '«', '»', '\u{a0}', '\u{85}', '\u{202e}', '\u{2028}', '\u{feff}',
        ]);
        let mut texts: Vec<String> = vec![String::new()];
        for &a in &set {
            texts.push(a.to_string());
            for &b in &set {
                texts.push([a, b].iter().collect());
            }
        }
        let ordinary = "Gestion des clients (CRM), 3 ans après la fin du contrat.";
        assert!(is_plain(ordinary));
        texts.push(ordinary.to_string());
        texts.extend(["&amp;", "x &#39; y", "12) x", "a\r\nb", "=== =", "x_y_"].map(String::from));
        for text in &texts {
            assert_eq!(escape(text), escape_all(text), "{text:?}");
        }
    }

    #[test]
    fn unescape_round_trips_text() {
        for s in [
            "a | b",
            "<script>alert(1)</script>",
            "{{ 7*7 }} {% raw %} ../",
            "# t\n- x",
        ] {
            assert_eq!(unescape(&escape(s)), s);
        }
    }
}
