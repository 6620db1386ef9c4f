//! The `ropa` command: a thin layer over the library that parses arguments, prints, and maps
//! outcomes to exit codes (0 clean, 1 findings, 2 usage, I/O or configuration error).

// No `unwrap`/`expect` in the command layer either: every failure is a message and an exit code.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

// The binary is the only part of ropa that prints: the library denies `print_stdout` and
// `print_stderr` (Cargo.toml's `[lints.clippy]`), the command layer writes the results.
#[allow(clippy::print_stdout, clippy::print_stderr)]
mod cli;

// Loading a register allocates many small strings on every core; mimalloc cuts `ropa check` on
// 10,000 activities by about a fifth against the system allocator (see tests/bench/check.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
