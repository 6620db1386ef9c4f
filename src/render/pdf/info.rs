//! The PDF's metadata: its document information dictionary (title, author, subject, creator)
//! replaced by an incremental update, and its dates rewritten in place for reproducible bytes.

use std::fmt::Write as _;

/// What the PDF's document information dictionary says (besides its dates): the document's
/// title, its author (the organisation), its subject, and `ropa <version>` as its creator.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfInfo {
    /// `<title>` of the HTML.
    pub title: Option<String>,
    /// `<meta name="author">` of the HTML.
    pub author: Option<String>,
    /// `<meta name="description">` of the HTML.
    pub subject: Option<String>,
}

impl PdfInfo {
    /// The metadata of one of our own HTML documents (`<title>`, `<meta name="author">`,
    /// `<meta name="description">`, entities decoded).
    pub fn from_html(html: &str) -> PdfInfo {
        let head = html.split("</head>").next().unwrap_or(html);
        let title = head
            .split_once("<title>")
            .and_then(|(_, rest)| rest.split_once("</title>"))
            .map(|(t, _)| unescape_html(t.trim()));
        let meta = |name: &str| {
            let key = format!("<meta name=\"{name}\" content=\"");
            head.split_once(key.as_str())
                .and_then(|(_, rest)| rest.split_once('"'))
                .map(|(v, _)| unescape_html(v))
        };
        PdfInfo {
            title: title.filter(|t| !t.is_empty()),
            author: meta("author").filter(|t| !t.is_empty()),
            subject: meta("description").filter(|t| !t.is_empty()),
        }
    }
}

/// The creator written into every PDF.
pub fn creator() -> String {
    format!("ropa {}", env!("CARGO_PKG_VERSION"))
}

fn unescape_html(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// A PDF text string: UTF-16BE with its byte order mark, in hex, so any text is safe.
fn pdf_text(s: &str) -> String {
    let mut out = String::from("<FEFF");
    for unit in s.encode_utf16() {
        let _ = write!(out, "{unit:04X}");
    }
    out.push('>');
    out
}

/// The raw value of `/Key (…)` or `/Key <…>` in `dict`, delimiters included.
fn raw_value<'a>(dict: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let start = find(dict, key)? + key.len();
    let rest = &dict[start..];
    let skip = rest.iter().position(|b| !b.is_ascii_whitespace())?;
    let rest = &rest[skip..];
    let end = match rest.first()? {
        b'(' => {
            // A literal string: up to the first unescaped `)` at depth 0.
            let (mut depth, mut escaped) = (0usize, false);
            let mut end = None;
            for (i, &b) in rest.iter().enumerate() {
                match (escaped, b) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'(') => depth += 1,
                    (false, b')') => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(i + 1);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            end?
        }
        b'<' => rest.iter().position(|&b| b == b'>')? + 1,
        _ => return None,
    };
    Some(&rest[..end])
}

/// The number after `key` in `text`.
fn number_after(text: &[u8], key: &[u8]) -> Option<u64> {
    let start = find(text, key)? + key.len();
    let digits: String = text[start..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .map(|&b| b as char)
        .collect();
    digits.parse().ok()
}

/// Give the PDF a new document information dictionary by an incremental update (a new object,
/// a cross-reference section for it and a trailer pointing back to the previous one), so the
/// bytes before it stay as the browser wrote them. The dates and producer are kept; title,
/// author, subject and creator are ours. A PDF whose trailer is not the classic kind is left as
/// it is.
pub fn set_pdf_info(pdf: &mut Vec<u8>, info: &PdfInfo) {
    let Some(trailer_at) = rfind(pdf, b"trailer") else {
        return;
    };
    let Some(startxref_at) = rfind(pdf, b"startxref") else {
        return;
    };
    let trailer = &pdf[trailer_at..];
    let (Some(size), Some(prev)) = (
        number_after(trailer, b"/Size"),
        number_after(&pdf[startxref_at..], b"startxref"),
    ) else {
        return;
    };
    let Some(root_at) = find(trailer, b"/Root") else {
        return;
    };
    let root: String = trailer[root_at + 5..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|&&b| b != b'/' && b != b'>')
        .map(|&b| b as char)
        .collect();
    // The dates and producer of the browser's information dictionary, as written.
    let old_info = find(pdf, b"/CreationDate")
        .map(|at| &pdf[at.saturating_sub(2000)..(at + 200).min(pdf.len())])
        .unwrap_or_default();
    let mut dict = String::from("<<");
    let mut put = |key: &str, value: Option<String>| {
        if let Some(v) = value {
            let _ = write!(dict, "/{key} {v} ");
        }
    };
    put("Title", info.title.as_deref().map(pdf_text));
    put("Author", info.author.as_deref().map(pdf_text));
    put("Subject", info.subject.as_deref().map(pdf_text));
    put("Creator", Some(pdf_text(&creator())));
    for key in ["Producer", "CreationDate", "ModDate"] {
        let raw = raw_value(old_info, format!("/{key}").as_bytes())
            .map(|v| String::from_utf8_lossy(v).into_owned());
        put(key, raw);
    }
    dict.push_str(">>");
    let mut tail = String::new();
    if !pdf.ends_with(b"\n") {
        tail.push('\n');
    }
    let object_at = pdf.len() + tail.len();
    let _ = write!(tail, "{size} 0 obj\n{dict}\nendobj\n");
    let xref_at = pdf.len() + tail.len();
    let _ = write!(
        tail,
        "xref\n{size} 1\n{object_at:010} 00000 n \ntrailer\n<</Size {} /Root {} /Info {size} 0 R /Prev {prev}>>\nstartxref\n{xref_at}\n%%EOF\n",
        size + 1,
        root.trim()
    );
    pdf.extend_from_slice(tail.as_bytes());
}

/// The last position of `needle` in `haystack`.
fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Overwrite the fourteen date digits of `/CreationDate (D:…)` and `/ModDate (D:…)` in place with
/// `stamp`. The length does not change, so the cross-reference offsets stay valid.
pub(super) fn set_pdf_dates(pdf: &mut [u8], stamp: &str) {
    let stamp = stamp.as_bytes();
    if stamp.len() != 14 || !stamp.iter().all(u8::is_ascii_digit) {
        return;
    }
    for key in [&b"/CreationDate (D:"[..], &b"/ModDate (D:"[..]] {
        let mut from = 0;
        while let Some(pos) = find(&pdf[from..], key) {
            let start = from + pos + key.len();
            let end = start + stamp.len();
            if end <= pdf.len() && pdf[start..end].iter().all(u8::is_ascii_digit) {
                pdf[start..end].copy_from_slice(stamp);
            }
            from = start;
        }
    }
}

/// The first position of `needle` in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_information_dictionary_is_replaced_by_an_incremental_update() {
        let body = "%PDF-1.4\n1 0 obj\n<</Title (x)\n/Creator (Mozilla \\(X11\\))\n/Producer (Skia/PDF m156)\n/CreationDate (D:20261125000000+00'00')\n/ModDate (D:20261125000000+00'00')>>\nendobj\n";
        let xref_at = body.len();
        let mut pdf = format!(
            "{body}xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<</Size 2\n/Root 23 0 R\n/Info 1 0 R>>\nstartxref\n{xref_at}\n%%EOF"
        )
        .into_bytes();
        let before = pdf.clone();
        let info = PdfInfo::from_html(
            "<html><head><meta name=\"author\" content=\"Acme &amp; Co\"><meta name=\"description\" content=\"Notice\"><title>Données — Acme</title></head><body></body></html>",
        );
        assert_eq!(info.author.as_deref(), Some("Acme & Co"));
        assert_eq!(info.title.as_deref(), Some("Données — Acme"));
        set_pdf_info(&mut pdf, &info);
        assert!(pdf.starts_with(&before), "the browser's bytes are kept");
        let tail = String::from_utf8(pdf[before.len()..].to_vec()).unwrap();
        assert!(
            tail.contains(
                "2 0 obj\n<</Title <FEFF0044006F006E006E00E90065007300202014002000410063006D0065>"
            ),
            "{tail}"
        );
        assert!(
            tail.contains(&format!("/Creator {}", pdf_text(&creator()))),
            "{tail}"
        );
        assert!(tail.contains("/Producer (Skia/PDF m156)"), "{tail}");
        assert!(
            tail.contains("/CreationDate (D:20261125000000+00'00')"),
            "{tail}"
        );
        assert!(
            tail.contains(&format!("/Root 23 0 R /Info 2 0 R /Prev {xref_at}>>")),
            "{tail}"
        );
        // The new cross-reference entry points at the new object, 20 bytes per entry.
        let object_at = before.len() + 1;
        assert_eq!(&pdf[object_at..object_at + 8], b"2 0 obj\n");
        assert!(
            tail.contains(&format!("xref\n2 1\n{object_at:010} 00000 n \n")),
            "{tail}"
        );
        let xref = before.len() + tail.find("xref").unwrap();
        assert!(
            tail.ends_with(&format!("startxref\n{xref}\n%%EOF\n")),
            "{tail}"
        );
    }

    #[test]
    fn pdf_dates_are_rewritten_in_place() {
        let mut pdf = b"%PDF-1.4\n<</CreationDate (D:20261126035953+00'00')\n/ModDate (D:20261126035953+00'00')>>".to_vec();
        let len = pdf.len();
        set_pdf_dates(&mut pdf, "20261125000000");
        assert_eq!(pdf.len(), len);
        let text = String::from_utf8(pdf).unwrap();
        assert_eq!(text.matches("D:20261125000000+00'00'").count(), 2, "{text}");
    }
}
