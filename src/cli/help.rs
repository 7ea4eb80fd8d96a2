//! `--help` in the chosen language: every text clap shows (the tool's and each command's about,
//! every argument's help, the `Usage:`/`Commands`/`Arguments`/`Options` headings, the help and
//! version flags and the `help` command) is set at run time from `locales/<lang>/cli.ftl`.
//!
//! clap has no catalogue of its own: its parse errors (`error: unexpected argument …`) stay
//! English.

use std::process::ExitCode;

use clap::{Arg, ArgAction, ArgMatches, Command};

use super::lang::{t, t0};
use airlock::params;

/// `id`'s text, with `id-long` after a blank line when `long` (the paragraph `--help` adds).
fn long(id: &str) -> String {
    format!("{}\n\n{}", t0(id), t0(&format!("{id}-long")))
}

/// Where `--lang`, `-h` and `-V` go, in this order: after each command's own options, as clap
/// puts its help and version flags.
const LAST: usize = 1000;

/// The translated headings of `--help`.
struct Headings {
    template: String,
    commands: &'static str,
    arguments: &'static str,
    options: &'static str,
}

impl Headings {
    fn new() -> Self {
        // clap takes headings as `&'static str` (without its `string` feature): the three are
        // made once per run, which they last anyway.
        let leak = |id: &str| -> &'static str { Box::leak(t0(id).into_boxed_str()) };
        Headings {
            template: format!(
                "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
                t0("cli-help-usage")
            ),
            commands: leak("cli-help-heading-commands"),
            arguments: leak("cli-help-heading-arguments"),
            options: leak("cli-help-heading-options"),
        }
    }

    /// One command with its `-h`/`--help` flag (what clap would add, in words from the
    /// catalogue), its arguments under the translated `Arguments`/`Options` headings, and
    /// `Usage:` translated.
    fn apply(&self, cmd: Command) -> Command {
        let mut help = Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .display_order(LAST + 1);
        help = if cmd.get_long_about().is_some() {
            help.help(t0("cli-help-flag"))
                .long_help(t0("cli-help-flag-long"))
        } else {
            help.help(t0("cli-help-flag-short"))
        };
        let (arguments, options) = (self.arguments, self.options);
        cmd.disable_help_flag(true)
            .arg(help)
            .help_template(&self.template)
            .subcommand_help_heading(self.commands)
            .mut_args(move |a| {
                let heading = if a.is_positional() {
                    arguments
                } else {
                    options
                };
                a.help_heading(heading)
            })
    }
}

/// `id`'s text with the default value named in it (`$default`), clap's own `[default: …]`
/// being English.
fn with_default(a: Arg, id: &str) -> Arg {
    let default = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(", ");
    a.hide_default_value(true)
        .help(t(id, &params! {"default" => default}))
}

/// `cmd` (the derived `airlock` command) with every text from the catalogue.
pub fn localise(cmd: Command) -> Command {
    let headings = Headings::new();
    let version_flag = Arg::new("version")
        .short('V')
        .long("version")
        .action(ArgAction::Version)
        .display_order(LAST + 2)
        .help(t0("cli-help-version"));
    let help_command = Command::new("help").about(t0("cli-help-command")).arg(
        Arg::new("command")
            .value_name("COMMAND")
            .help(t0("cli-help-command-arg")),
    );
    let cmd = cmd
        .about(t0("cli-help-about"))
        .after_help(t0("cli-help-after"))
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .arg(version_flag)
        .mut_arg("lang", |a| {
            let languages = airlock::i18n::languages().join(", ");
            a.help(t("cli-help-lang", &params! {"languages" => languages}))
                .display_order(LAST)
        })
        .mut_subcommand("verify", |s| {
            s.about(t0("cli-help-verify"))
                .long_about(long("cli-help-verify"))
                .mut_arg("paths", |a| a.help(t0("cli-help-verify-paths")))
                .mut_arg("trusted_keys", |a| {
                    a.help(t0("cli-help-verify-trusted-key"))
                })
                .mut_arg("json", |a| a.help(t0("cli-help-verify-json")))
                .mut_arg("quiet", |a| a.help(t0("cli-help-verify-quiet")))
                .mut_arg("max_entries", |a| {
                    with_default(a, "cli-help-verify-max-entries")
                })
                .mut_arg("max_path_len", |a| {
                    with_default(a, "cli-help-verify-max-path-len")
                })
        })
        .mut_subcommand("keygen", |s| {
            s.about(t0("cli-help-keygen"))
                .mut_arg("output", |a| a.help(t0("cli-help-keygen-output")))
        })
        .mut_subcommand("sign", |s| {
            s.about(t0("cli-help-sign"))
                .mut_arg("key", |a| a.help(t0("cli-help-sign-key")))
                .mut_arg("comment", |a| a.help(t0("cli-help-sign-comment")))
                .mut_arg("files", |a| a.help(t0("cli-help-sign-files")))
        })
        .mut_subcommand("pack", |s| {
            s.about(t0("cli-help-pack"))
                .mut_arg("dir", |a| a.help(t0("cli-help-pack-dir")))
                .mut_arg("output", |a| a.help(t0("cli-help-pack-output")))
                .mut_arg("key", |a| a.help(t0("cli-help-pack-key")))
                .mut_arg("comment", |a| a.help(t0("cli-help-pack-comment")))
        })
        .mut_subcommand("hash", |s| {
            s.about(t0("cli-help-hash"))
                .mut_arg("files", |a| a.help(t0("cli-help-hash-files")))
        })
        .mut_subcommands(|s| headings.apply(s))
        // clap's own `help` command has no -h either.
        .subcommand(help_command.help_template(&headings.template));
    headings.apply(cmd)
}

/// `airlock help [COMMAND]`: the long help of the tool or of one command (what clap's own `help`
/// command does), or an error naming the commands.
pub fn help_command(mut cmd: Command, matches: &ArgMatches) -> ExitCode {
    cmd.build();
    let printed = match matches.get_one::<String>("command") {
        None => cmd.print_long_help(),
        Some(name) => {
            let names: Vec<String> = cmd
                .get_subcommands()
                .map(|s| s.get_name().to_string())
                .collect();
            match cmd.find_subcommand_mut(name) {
                Some(sub) => sub.print_long_help(),
                None => {
                    let message = t(
                        "cli-error-unknown-command",
                        &params! {
                            "name" => super::text::shown(name),
                            "commands" => names.join(", "),
                        },
                    );
                    eprintln!("{}", t("cli-error-line", &params! {"message" => message}));
                    return ExitCode::from(2);
                }
            }
        }
    };
    // As clap's own help: a reader that went away (`airlock help | head`) is no error.
    let _ = printed;
    ExitCode::SUCCESS
}
