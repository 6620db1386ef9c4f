//! `ropa diff`: what changed in the registers between two git revisions (the second defaults to
//! the working tree), with the changes that have a legal consequence marked.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::bail;
use clap::ValueEnum;

use ropa::changes::{self, Changes, ItemChange, Side, value_text};
use ropa::history;

use super::{EXIT_OK, emit, emit_text, info, json_text};

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ropa diff HEAD~1                       # last commit against the working tree, under .
  ropa diff v1.0 v1.1 registers/acme     # two tags, one register
  ropa diff main --format md             # for a pull request comment")]
pub struct Args {
    /// REV [REV2] [PATH]: the revision to compare from; then optionally the revision to compare
    /// to (default: the working tree) and the register or folder of registers (default: .). A
    /// last argument that names an existing file or folder is the path.
    #[arg(required = true, num_args = 1..=3, value_name = "REV")]
    args: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// Plain text.
    Text,
    /// Markdown, for a pull request or a review.
    Md,
    /// JSON, for scripts.
    Json,
}

/// The two revisions (the second `None` for the working tree) and the path.
fn split_args(args: &[String]) -> anyhow::Result<(String, Option<String>, PathBuf)> {
    let mut args = args.to_vec();
    let path = match args.len() {
        3 => PathBuf::from(args.pop().unwrap_or_default()),
        2 if Path::new(&args[1]).exists() => PathBuf::from(args.pop().unwrap_or_default()),
        _ => PathBuf::from("."),
    };
    let mut args = args.into_iter();
    let Some(from) = args.next() else {
        bail!("name the revision to compare from, e.g. `ropa diff HEAD~1`");
    };
    Ok((from, args.next(), path))
}

/// Read both versions and compare them.
pub fn changes_between(from: &str, to: Option<&str>, path: &Path) -> anyhow::Result<Changes> {
    let (top, relative) = history::locate(path)?;
    let from_commit = history::resolve(&top, from)?;
    let before = history::at_revision(&top, &relative, from, &from_commit)?;
    let after = match to {
        Some(rev) => {
            let commit = history::resolve(&top, rev)?;
            history::at_revision(&top, &relative, rev, &commit)?
        }
        None => history::working_tree(&top, path)?,
    };
    if before.registers.is_empty()
        && after.registers.is_empty()
        && before.broken.is_empty()
        && after.broken.is_empty()
    {
        bail!(
            "no register under {} at {} nor at {}",
            path.display(),
            before.label,
            after.label
        );
    }
    let mut problems: Vec<String> = before.problems.clone();
    problems.extend(after.problems.iter().cloned());
    Ok(changes::compare(
        &Side {
            label: &before.label,
            registers: &before.registers,
            unloaded: &before.unloaded,
            broken: &before.broken,
        },
        &Side {
            label: &after.label,
            registers: &after.registers,
            unloaded: &after.unloaded,
            broken: &after.broken,
        },
        problems,
    ))
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let (from, to, path) = split_args(&args.args)?;
    let changes = changes_between(&from, to.as_deref(), &path)?;
    for p in &changes.problems {
        info(format!("warning: not compared, does not load: {p}"));
    }
    match args.format {
        Format::Text => emit_text(&text(&changes))?,
        Format::Md => emit_text(&markdown(&changes))?,
        Format::Json => emit(json_text(&changes)?)?,
    }
    Ok(EXIT_OK)
}

fn item_line(kind: &str, c: &ItemChange) -> String {
    let mut line = format!("{kind} `{}` ({}) {}", c.id, c.name, c.change.word());
    if let Some(by) = &c.replaced_by {
        let _ = write!(line, " by `{by}`");
    }
    line
}

fn field_line(f: &changes::FieldChange) -> String {
    match (f.before.is_null(), f.after.is_null()) {
        (true, _) => format!("{}: added {}", f.path, value_text(&f.after)),
        (_, true) => format!("{}: removed {}", f.path, value_text(&f.before)),
        _ => format!(
            "{}: {} → {}",
            f.path,
            value_text(&f.before),
            value_text(&f.after)
        ),
    }
}

fn transfer_line(t: &changes::TransferChange) -> String {
    let mechanism = if t.transfer.mechanism.is_empty() {
        "no mechanism recorded".to_string()
    } else {
        t.transfer.mechanism.clone()
    };
    format!(
        "transfer {} to {} in {} ({mechanism})",
        t.change.word(),
        t.transfer.importer,
        t.transfer.country
    )
}

fn text(changes: &Changes) -> String {
    let mut out = format!("Changes from {} to {}\n", changes.from, changes.to);
    if changes.registers.is_empty() {
        out.push_str("\nNo change.\n");
    }
    for r in &changes.registers {
        let _ = writeln!(out, "\n{} ({})", r.register.display(), r.change.word());
        for f in &r.organisation {
            let _ = writeln!(out, "  ropa.yaml {}", field_line(f));
        }
        for (kind, items) in [
            ("activity", &r.activities),
            ("vendor", &r.vendors),
            ("measure", &r.measures),
        ] {
            for c in items {
                let _ = writeln!(out, "  {}", item_line(kind, c));
                for f in &c.fields {
                    let _ = writeln!(out, "    {}", field_line(f));
                }
                for t in &c.transfers {
                    let _ = writeln!(out, "    {}", transfer_line(t));
                }
            }
        }
        if !r.legal.is_empty() {
            let _ = writeln!(out, "  Legal consequences:");
            for m in &r.legal {
                let _ = writeln!(out, "  ! {}: {}", m.legal.consequence(), m.message);
            }
        }
    }
    if !changes.problems.is_empty() {
        out.push_str("\nNot compared (does not load):\n");
        for p in &changes.problems {
            let _ = writeln!(out, "  {p}");
        }
    }
    out
}

/// Markdown: register text is escaped, so that a name cannot become a link or a heading.
fn markdown(changes: &Changes) -> String {
    use ropa::render::markdown::escape;
    let mut out = format!(
        "# Changes from {} to {}\n",
        escape(&changes.from),
        escape(&changes.to)
    );
    if changes.registers.is_empty() {
        out.push_str("\nNo change.\n");
    }
    for r in &changes.registers {
        let _ = writeln!(
            out,
            "\n## {} ({})\n",
            escape(&r.register.display().to_string()),
            r.change.word()
        );
        if !r.legal.is_empty() {
            out.push_str("**Legal consequences**\n\n");
            for m in &r.legal {
                let _ = writeln!(
                    out,
                    "- ⚠ **{}**: {}",
                    m.legal.consequence(),
                    escape(&m.message)
                );
            }
            out.push('\n');
        }
        for f in &r.organisation {
            let _ = writeln!(out, "- `ropa.yaml` {}", escape(&field_line(f)));
        }
        for (kind, items) in [
            ("activity", &r.activities),
            ("vendor", &r.vendors),
            ("measure", &r.measures),
        ] {
            for c in items {
                let _ = writeln!(out, "- {}", escape(&item_line(kind, c)));
                for f in &c.fields {
                    let _ = writeln!(out, "  - {}", escape(&field_line(f)));
                }
                for t in &c.transfers {
                    let _ = writeln!(out, "  - {}", escape(&transfer_line(t)));
                }
            }
        }
    }
    if !changes.problems.is_empty() {
        out.push_str("\n## Not compared (does not load)\n\n");
        for p in &changes.problems {
            let _ = writeln!(out, "- {}", escape(p));
        }
    }
    out
}

/// The change notice of `register` (as in the working tree) for the changes since `since`.
pub fn change_notice(
    register: &ropa::model::Register,
    since: &str,
    effective: Option<chrono::NaiveDate>,
    opts: &ropa::render::RenderOptions,
) -> anyhow::Result<String> {
    let (_, key) = history::locate(&register.root)?;
    let changes = changes_between(since, None, &register.root)?;
    for p in &changes.problems {
        info(format!("warning: not compared, does not load: {p}"));
    }
    let Some(register_changes) = changes.registers.iter().find(|r| r.register == key) else {
        bail!(
            "{} has not changed since {since}: no notice is due",
            register.root.display()
        );
    };
    ropa::render::notice::render_change_notice(register, register_changes, since, effective, opts)
}
