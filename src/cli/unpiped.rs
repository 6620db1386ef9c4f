//! Standard output that a reader may close early (`ropa render register | head`) without an
//! error.

use std::io::Write;

/// Standard output for a document written as it is rendered: once the reader stops early
/// (`ropa render register | head`), the rest is dropped without an error.
pub(super) struct Unpiped<W: Write> {
    inner: std::io::BufWriter<W>,
    closed: bool,
}

impl<W: Write> Unpiped<W> {
    pub(super) fn new(inner: W) -> Self {
        Unpiped {
            inner: std::io::BufWriter::with_capacity(256 * 1024, inner),
            closed: false,
        }
    }
}

impl<W: Write> Write for Unpiped<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !self.closed {
            match self.inner.write_all(buf) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => self.closed = true,
                other => other?,
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        self.inner.flush()
    }
}
