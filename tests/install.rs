//! Where users install tools: the pre-commit hook definition (validated and run by the real
//! `pre-commit` when it is installed), the composite GitHub Action, the Dockerfile (checked
//! statically: no Docker daemon is assumed), the LICENSE, the README's install section and its
//! samples, each produced by the command it shows.

mod common;
use common::require_tool;

use std::path::Path;
use std::process::Command as StdCommand;

use assert_cmd::Command;
use serde_json::Value;

fn ropa() -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("ropa");
    cmd.env_remove("COLUMNS");
    cmd
}

fn yaml(path: &str) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    ropa::yaml::parse_str(&text, &ropa::yaml::Limits::default())
        .unwrap_or_else(|e| panic!("{path} is not valid YAML: {}", e.message))
        .value
}

/// `ropa <subcommand> --help` succeeds: the subcommand exists.
fn assert_subcommand(command_line: &str) {
    let words: Vec<&str> = command_line.split_whitespace().collect();
    assert_eq!(words[0], "ropa", "{command_line}");
    let output = ropa().arg(words[1]).arg("--help").output().unwrap();
    assert!(output.status.success(), "`{command_line}`: no such command");
}

#[test]
fn pre_commit_hook_definition_names_an_existing_command() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hook = &hooks[0];
    assert_eq!(hook["id"], "ropa-check");
    assert_eq!(hook["language"], "rust");
    assert_eq!(hook["pass_filenames"], true);
    assert_subcommand(hook["entry"].as_str().unwrap());
    // The hook that `ropa init` writes runs the same command on the same files, so the real
    // pre-commit run below (on the generated config) exercises this definition's pattern.
    let tmp = tempfile::tempdir().unwrap();
    assert!(
        ropa()
            .arg("init")
            .arg(tmp.path())
            .output()
            .unwrap()
            .status
            .success()
    );
    let generated = yaml(tmp.path().join(".pre-commit-config.yaml").to_str().unwrap());
    let local = &generated["repos"][0]["hooks"][0];
    for key in ["id", "entry", "files", "pass_filenames"] {
        assert_eq!(
            hook[key], local[key],
            "{key} differs from the hook of `ropa init`"
        );
    }
}

/// `pre-commit`, or `None` after a loud skip (a failure with ROPA_REQUIRE_TOOLS=1).
fn pre_commit() -> Option<()> {
    let found = StdCommand::new("pre-commit")
        .arg("--version")
        .output()
        .map_err(|e| e.to_string())
        .and_then(|o| {
            if o.status.success() {
                Ok(())
            } else {
                Err("pre-commit --version failed".to_string())
            }
        });
    require_tool(
        "the pre-commit tests",
        "pre-commit",
        "install it with `pip install pre-commit`",
        found,
    )
}

#[test]
fn pre_commit_validates_the_hook_definition_and_runs_the_generated_config() {
    let Some(()) = pre_commit() else {
        return;
    };
    let output = StdCommand::new("pre-commit")
        .args(["validate-manifest", ".pre-commit-hooks.yaml"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "pre-commit rejects .pre-commit-hooks.yaml: {}",
        String::from_utf8_lossy(&output.stdout)
    );

    // A repository made by `ropa init`: its pre-commit config is valid and its hook runs ropa
    // (the binary under test, on PATH), passing on the new register and failing on an error.
    let repo = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| common::git(repo.path(), args);
    common::git_init(repo.path());
    let init = ropa().arg("init").arg(repo.path()).output().unwrap();
    assert!(init.status.success());
    git(&["add", "-A"]);
    let bin = assert_cmd::cargo::cargo_bin!("ropa");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        StdCommand::new("pre-commit")
            .current_dir(repo.path())
            .args(args)
            .env("PATH", &path)
            .env("PRE_COMMIT_HOME", home.path())
            .output()
            .unwrap()
    };
    let output = run(&["validate-config", ".pre-commit-config.yaml"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let output = run(&["run", "--all-files"]);
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{text}");
    assert!(
        text.contains("ropa check") && text.contains("Passed"),
        "{text}"
    );

    // Only register files run the hook: the workflow is YAML, yet not a file of the register.
    let output = run(&["run", "--files", ".github/workflows/ropa.yml"]);
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{text}");
    assert!(text.contains("(no files to check)Skipped"), "{text}");

    // A broken activity fails the hook, which names it; a second activity, passed alone, passes
    // (only the files of the commit are checked).
    let activity = repo.path().join("activities/example-newsletter.yaml");
    let original = std::fs::read_to_string(&activity).unwrap();
    std::fs::write(
        &activity,
        original.replace("role: controller", "role: owner"),
    )
    .unwrap();
    std::fs::write(
        repo.path().join("activities/payroll.yaml"),
        original.replace("example-newsletter", "payroll"),
    )
    .unwrap();
    let output = run(&["run", "--files", "activities/example-newsletter.yaml"]);
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(!output.status.success(), "{text}");
    assert!(
        text.contains("Failed")
            && text.contains("RP010")
            && text.contains("example-newsletter.yaml"),
        "{text}"
    );
    let output = run(&["run", "--files", "activities/payroll.yaml"]);
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{text}");
    std::fs::write(&activity, original).unwrap();

    // A broken catalogue checks the whole register.
    let vendors = repo.path().join("vendors.yaml");
    std::fs::write(&vendors, "vendors:\n  - id: x\n    colour: blue\n").unwrap();
    let output = run(&["run", "--files", "vendors.yaml"]);
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(!output.status.success(), "{text}");
    assert!(
        text.contains("Failed") && text.contains("vendors.yaml"),
        "{text}"
    );
}

#[test]
fn the_action_is_composite_and_runs_existing_commands() {
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"], "composite");
    let steps = action["runs"]["steps"].as_array().unwrap();
    let mut commands = 0;
    for step in steps {
        if let Some(script) = step["run"].as_str() {
            assert_eq!(step["shell"], "bash", "a composite run step needs a shell");
            for line in script
                .lines()
                .map(str::trim)
                .filter(|l| l.starts_with("ropa "))
            {
                assert_subcommand(line);
                commands += 1;
            }
        }
    }
    assert!(
        commands >= 2,
        "the action runs ropa check twice (SARIF, annotations)"
    );
    let inputs = action["inputs"].as_object().unwrap();
    let text = std::fs::read_to_string("action.yml").unwrap();
    for name in inputs.keys() {
        assert!(
            text.contains(&format!("inputs.{name}")),
            "input {name} is never used"
        );
    }
    assert!(text.contains("github/codeql-action/upload-sarif"));
    assert!(text.contains("actions/cache"));
}

/// Docker cannot run on the development machine, so the Dockerfile is checked statically: two
/// stages, every copied path exists, the built binary is the one the runtime copies, Chromium is
/// behind a build argument.
#[test]
fn the_dockerfile_is_consistent() {
    let text = std::fs::read_to_string("Dockerfile").unwrap();
    let from: Vec<&str> = text.lines().filter(|l| l.starts_with("FROM ")).collect();
    assert_eq!(from.len(), 2, "a build stage and a runtime stage");
    assert!(from[0].ends_with(" AS build"));
    for line in text
        .lines()
        .filter(|l| l.starts_with("COPY ") && !l.contains("--from"))
    {
        let words: Vec<&str> = line.split_whitespace().collect();
        for source in &words[1..words.len() - 1] {
            assert!(
                Path::new(source).exists(),
                "{line}: {source} does not exist"
            );
        }
    }
    assert!(text.contains("cargo build --release --locked --bin ropa"));
    assert!(text.contains("COPY --from=build /src/target/release/ropa /usr/local/bin/ropa"));
    assert!(
        text.contains("ARG WITH_CHROMIUM=0")
            && text.contains("apt-get install -y --no-install-recommends chromium")
    );
    assert!(text.contains("ENTRYPOINT [\"ropa\"]"));
    // The Cargo manifest's targets must all be in the build context.
    let manifest = std::fs::read_to_string("Cargo.toml").unwrap();
    for path in manifest
        .lines()
        .filter_map(|l| l.strip_prefix("path = \""))
        .map(|p| p.trim_end_matches('"'))
    {
        let dir = Path::new(path).parent().unwrap().to_str().unwrap();
        assert!(
            text.contains(&format!("COPY {dir} {dir}")),
            "{path} is not copied"
        );
    }
}

#[test]
fn license_is_the_apache_license_named_in_the_manifest() {
    let license = std::fs::read_to_string("LICENSE").unwrap();
    assert!(license.contains("Apache License") && license.contains("Version 2.0, January 2004"));
    assert!(license.contains("END OF TERMS AND CONDITIONS"));
    let manifest = std::fs::read_to_string("Cargo.toml").unwrap();
    assert!(manifest.contains("license = \"Apache-2.0\""));
}

#[test]
fn readme_starts_with_the_install_section() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let first = readme.find("\n## ").unwrap();
    assert!(
        readme[first..].starts_with("\n## Install"),
        "the first section is not Install"
    );
    for command in [
        "cargo install --path .",
        "cargo install --locked --git",
        "ropa completions",
        "ropa man",
    ] {
        assert!(readme.contains(command), "README does not show `{command}`");
    }
}

/// Every README sample announced by `<!-- sample: ropa ARGS -->` is the output of that
/// command (stdout, then stderr): the whole output; its first lines when the sample ends with a
/// line `...`; an excerpt found whole in it when the sample also starts with one.
#[test]
fn readme_samples_are_the_output_of_their_commands() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let mut samples = 0;
    let mut rest = readme.as_str();
    while let Some(i) = rest.find("<!-- sample: ") {
        rest = &rest[i + "<!-- sample: ".len()..];
        let end = rest.find(" -->").unwrap();
        let command = &rest[..end];
        let after = &rest[end..];
        let open = after.find("```").unwrap();
        let body_start = open + after[open..].find('\n').unwrap() + 1;
        let body_end = body_start + after[body_start..].find("\n```").unwrap() + 1;
        let sample = &after[body_start..body_end];
        let words = shell_words(command);
        assert_eq!(words[0], "ropa", "{command}");
        let output = ropa().args(&words[1..]).output().unwrap();
        // CSV lines end with CR LF; the README's with LF.
        let printed = (String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr))
            .replace("\r\n", "\n");
        match (sample.strip_prefix("...\n"), sample.strip_suffix("...\n")) {
            // `...` first and last: an excerpt, found whole in the output.
            (Some(inner), Some(_)) => {
                let excerpt = inner.strip_suffix("...\n").unwrap_or(inner);
                assert!(
                    printed.contains(excerpt),
                    "README excerpt of `{command}` is not in what it prints:\n--- README\n{excerpt}\n--- printed\n{printed}"
                );
            }
            (None, Some(prefix)) => assert!(
                printed.starts_with(prefix),
                "README sample of `{command}` is not what it prints:\n--- README\n{prefix}\n--- printed\n{printed}"
            ),
            _ => assert_eq!(sample, printed, "README sample of `{command}`"),
        }
        samples += 1;
    }
    assert!(samples >= 8, "only {samples} samples checked");
}

/// Split a command line on spaces, keeping single-quoted words whole.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '\'' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The main job of the README never fails on a calendar date: the examples pass decades on.
#[test]
fn the_example_registers_pass_whatever_the_date() {
    for as_of in ["2026-11-25", "2031-01-01", "2099-12-31"] {
        let output = ropa()
            .args(["check", "registers/", "--as-of", as_of, "--format", "json"])
            .output()
            .unwrap();
        assert!(output.status.success(), "check fails on {as_of}");
    }
}

/// Every whole register file the README shows (a YAML block opening with the schema comment) is
/// valid against the schema it names: the documented fields are the ones the model reads.
#[test]
fn readme_register_files_match_their_schemas() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let mut checked = Vec::new();
    for block in readme.split("```yaml\n").skip(1) {
        let block = &block[..block.find("```").unwrap()];
        let Some(schema) = block
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# yaml-language-server: $schema="))
        else {
            continue;
        };
        let name = Path::new(schema).file_name().unwrap().to_str().unwrap();
        let schema: Value =
            serde_json::from_str(&std::fs::read_to_string(format!("schemas/{name}")).unwrap())
                .unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let value = ropa::yaml::parse_str(block, &ropa::yaml::Limits::default())
            .unwrap_or_else(|e| panic!("README block is not valid YAML: {}\n{block}", e.message))
            .value;
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "README block against {name}: {errors:#?}\n{block}"
        );
        checked.push(name);
    }
    for name in [
        "register.schema.json",
        "vendors.schema.json",
        "activity.schema.json",
    ] {
        assert!(
            checked.contains(&name),
            "no README example of {name}: {checked:?}"
        );
    }
    assert!(checked.len() >= 5, "{checked:?}");
}
