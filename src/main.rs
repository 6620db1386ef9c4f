//! The `ropa` command: a thin layer over the library that parses arguments, prints, and maps
//! outcomes to exit codes (0 clean, 1 findings, 2 usage, I/O or configuration error).

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
