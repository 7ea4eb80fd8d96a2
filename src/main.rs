//! `airlock`: the command-line face of the engine. Parses arguments, turns paths into engine
//! inputs, prints the report. No verification rule lives here.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use sha2::{Digest, Sha256};

use airlock::keys::SecretKey;
use airlock::params;
use airlock::report::{EntryKind, KeySource, Verdict};
use airlock::verify::{self, Input, KeyInput, Limits, Options, Source, TreeMember};
use airlock::{checksums, minisign};

mod cli;

use cli::lang::{self, t, t0};
use cli::text::shown;

// Every help text is set at run time from the catalogue (`locales/<lang>/cli.ftl`, `help-…`
// messages), by `cli::help::localise`.
#[derive(Parser)]
#[command(name = "airlock", version)]
struct Cli {
    // Read before the arguments are parsed (`cli::lang::from_args`), so that `--help` is in that
    // language too; declared here so that clap accepts it everywhere, and checked again after.
    #[arg(long, global = true, value_name = "TAG")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Verify {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(short = 'p', long = "trusted-key", value_name = "KEY")]
        trusted_keys: Vec<String>,
        #[arg(long)]
        json: bool,
        #[arg(short, long)]
        quiet: bool,
        #[arg(long, value_name = "N", default_value_t = Limits::default().max_entries)]
        max_entries: u64,
        #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_path_len)]
        max_path_len: usize,
    },
    Keygen {
        #[arg(short, long, value_name = "NAME")]
        output: PathBuf,
    },
    Sign {
        #[arg(short = 'k', long = "key", value_name = "NAME.key")]
        key: PathBuf,
        #[arg(short = 't', long, value_name = "TEXT")]
        comment: Option<String>,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    Pack {
        dir: PathBuf,
        #[arg(short, long, value_name = "OUT.tar.gz")]
        output: PathBuf,
        #[arg(short = 'k', long = "key", value_name = "NAME.key")]
        key: PathBuf,
        #[arg(short = 't', long, value_name = "TEXT")]
        comment: Option<String>,
    },
    Hash {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// The origin the report gives a key typed on the command line (`--trusted-key RW…`). The JSON
/// report keeps it as it is; the text report translates it.
pub const COMMAND_LINE_ORIGIN: &str = "command line";

/// `airlock: MESSAGE` on stderr.
fn print_error(message: &str) {
    eprintln!("{}", t("cli-error-line", &params! {"message" => message}));
}

/// A path named in a message.
fn path_param(p: &Path) -> String {
    p.display().to_string()
}

/// Message `id` about `path`, with the error that happened (an `io::Error`'s own text, in the
/// system's words) as its `$detail`.
fn cannot(id: &str, path: &Path, e: impl std::fmt::Display) -> String {
    t(
        id,
        &params! {"path" => path_param(path), "detail" => e.to_string()},
    )
}

/// `--lang TAG`: speak it, or say which languages there are (exit 2).
fn choose_lang(tag: &str) -> Result<(), ExitCode> {
    match lang::from_tag(tag) {
        Some(l) => {
            lang::set(l);
            Ok(())
        }
        None => {
            print_error(&t(
                "cli-error-unknown-lang",
                &params! {"tag" => shown(tag), "available" => lang::available()},
            ));
            Err(ExitCode::from(2))
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let from_env = lang::from_env(|name| std::env::var_os(name));
    lang::set(from_env);
    // The language first, so that --help and every error are in it.
    if let Some(tag) = lang::from_args(&args) {
        if let Err(code) = choose_lang(&tag) {
            return code;
        }
    }
    let command = cli::help::localise(Cli::command());
    let matches = command.clone().get_matches_from(&args);
    if let Some(("help", sub)) = matches.subcommand() {
        return cli::help::help_command(command, sub);
    }
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.format(&mut command.clone()).exit(),
    };
    // The value clap parsed decides (the same one as read above, unless the arguments fooled
    // that early look).
    if let Some(tag) = &cli.lang {
        if let Err(code) = choose_lang(tag) {
            return code;
        }
    }
    let result = match cli.command {
        Command::Verify {
            paths,
            trusted_keys,
            json,
            quiet,
            max_entries,
            max_path_len,
        } => cmd_verify(
            &paths,
            &trusted_keys,
            json,
            quiet,
            Limits {
                max_entries,
                max_path_len,
                ..Limits::default()
            },
        ),
        Command::Keygen { output } => cmd_keygen(&output).map(|_| ExitCode::SUCCESS),
        Command::Sign {
            key,
            comment,
            files,
        } => cmd_sign(&key, comment.as_deref(), &files).map(|_| ExitCode::SUCCESS),
        Command::Pack {
            dir,
            output,
            key,
            comment,
        } => cmd_pack(&dir, &output, &key, comment.as_deref()).map(|_| ExitCode::SUCCESS),
        Command::Hash { files } => cmd_hash(&files),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            print_error(&message);
            ExitCode::from(2)
        }
    }
}

/// A file on disk as an engine input.
struct FileSource {
    path: PathBuf,
    name: String,
    len: u64,
}

impl Source for FileSource {
    fn name(&self) -> &str {
        &self.name
    }
    fn len(&self) -> u64 {
        self.len
    }
    fn open(&self) -> io::Result<Box<dyn Read + '_>> {
        Ok(Box::new(File::open(&self.path)?))
    }
}

fn file_source(path: &Path, name: String) -> io::Result<FileSource> {
    let len = fs::metadata(path)?.len();
    Ok(FileSource {
        path: path.to_path_buf(),
        name,
        len,
    })
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

#[cfg(unix)]
fn os_bytes(s: &std::ffi::OsStr) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    s.as_bytes().to_vec()
}

#[cfg(not(unix))]
fn os_bytes(s: &std::ffi::OsStr) -> Vec<u8> {
    s.to_string_lossy().as_bytes().to_vec()
}

#[cfg(unix)]
fn mode_of(meta: &fs::Metadata) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    Some(meta.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn mode_of(_meta: &fs::Metadata) -> Option<u32> {
    None
}

fn kind_of(ft: &fs::FileType) -> EntryKind {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_char_device() {
            return EntryKind::CharDevice;
        }
        if ft.is_block_device() {
            return EntryKind::BlockDevice;
        }
        if ft.is_fifo() {
            return EntryKind::Fifo;
        }
    }
    if ft.is_symlink() {
        EntryKind::Symlink
    } else if ft.is_dir() {
        EntryKind::Directory
    } else if ft.is_file() {
        EntryKind::File
    } else {
        EntryKind::Other
    }
}

/// A folder's members, without following symbolic links, sorted by path.
fn walk(root: &Path) -> Result<Vec<(Vec<u8>, PathBuf, fs::Metadata)>, String> {
    let mut out = Vec::new();
    let mut stack = vec![(Vec::new(), root.to_path_buf())];
    while let Some((rel, dir)) = stack.pop() {
        let read = fs::read_dir(&dir).map_err(|e| cannot("cli-error-read", &dir, e))?;
        for item in read {
            let item = item.map_err(|e| cannot("cli-error-read", &dir, e))?;
            let path = item.path();
            let meta =
                fs::symlink_metadata(&path).map_err(|e| cannot("cli-error-read", &path, e))?;
            let mut r = rel.clone();
            if !r.is_empty() {
                r.push(b'/');
            }
            r.extend(os_bytes(&item.file_name()));
            if meta.is_dir() {
                stack.push((r.clone(), path.clone()));
            }
            out.push((r, path, meta));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

fn tree_input(dir: &Path) -> Result<Input, String> {
    let mut members = Vec::new();
    for (rel, path, meta) in walk(dir)? {
        let kind = kind_of(&meta.file_type());
        let link_target = if kind == EntryKind::Symlink {
            Some(os_bytes(
                fs::read_link(&path)
                    .map_err(|e| cannot("cli-error-read-link", &path, e))?
                    .as_os_str(),
            ))
        } else {
            None
        };
        let source: Option<Box<dyn Source>> = if kind == EntryKind::File {
            Some(Box::new(FileSource {
                name: String::from_utf8_lossy(&rel).into_owned(),
                len: meta.len(),
                path: path.clone(),
            }))
        } else {
            None
        };
        members.push(TreeMember {
            path: rel,
            kind,
            mode: mode_of(&meta),
            link_target,
            source,
        });
    }
    Ok(Input::Tree {
        name: name_of(dir),
        members,
    })
}

/// `--trusted-key`: a key file (minisign, signify, SSH `.pub` or `allowed_signers`), or the key
/// itself; a file may hold several keys. What is skipped on purpose (`cert-authority` lines) is
/// said on stderr.
fn load_trusted_key(arg: &str) -> Result<Vec<KeyInput>, String> {
    let path = Path::new(arg);
    // Bytes: `gpg --export` writes binary keyrings.
    let (bytes, origin) = if path.is_file() {
        let bytes = fs::read(path).map_err(|e| cannot("cli-error-read-trusted-key", path, e))?;
        (bytes, path.display().to_string())
    } else {
        (arg.as_bytes().to_vec(), COMMAND_LINE_ORIGIN.to_string())
    };
    let decoded = airlock::schemes::decode_keys(&bytes).map_err(|e| {
        t(
            "cli-error-bad-trusted-key",
            &params! {"key" => arg, "detail" => e.to_string()},
        )
    })?;
    for note in &decoded.notes {
        print_error(&t(
            "cli-warning-trusted-key-note",
            &params! {"key" => arg, "note" => note.to_string()},
        ));
    }
    Ok(decoded
        .keys
        .into_iter()
        .map(|key| KeyInput {
            key,
            source: KeySource::CommandLine,
            origin: origin.clone(),
        })
        .collect())
}

fn cmd_verify(
    paths: &[PathBuf],
    trusted: &[String],
    json: bool,
    quiet: bool,
    limits: Limits,
) -> Result<ExitCode, String> {
    let trusted_keys: Vec<KeyInput> = trusted
        .iter()
        .map(|k| load_trusted_key(k))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .collect();
    let mut inputs = Vec::new();
    for p in paths {
        let meta = fs::metadata(p).map_err(|e| cannot("cli-error-read", p, e))?;
        if meta.is_dir() {
            inputs.push(tree_input(p)?);
        } else {
            let src = file_source(p, name_of(p)).map_err(|e| cannot("cli-error-read", p, e))?;
            inputs.push(Input::File(Box::new(src)));
        }
    }
    let options = Options {
        trusted_keys,
        limits,
        now: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .map(|d| d.as_secs()),
    };
    let start = Instant::now();
    let mut report = verify::verify(inputs, &options, &mut verify::NoProgress);
    report.elapsed_ms = start.elapsed().as_millis() as u64;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    // JSON is the same in every language: the report as the engine made it (English messages).
    let written = if json {
        serde_json::to_writer_pretty(&mut out, &report)
            .map_err(io::Error::other)
            .and_then(|_| writeln!(out))
    } else {
        // A key file literally named like the label of typed keys keeps its name.
        let file_named_like_label = trusted
            .iter()
            .any(|k| k == COMMAND_LINE_ORIGIN && Path::new(k).is_file());
        cli::text::escape_params(&mut report);
        cli::text::print_report(&mut out, &report, quiet, file_named_like_label).and_then(|_| {
            let untrusted = report
                .findings
                .iter()
                .any(|f| f.code == airlock::report::Code::UntrustedKey);
            if untrusted && trusted.is_empty() {
                writeln!(out, "{}", t0("cli-hint-trust-key"))?;
            }
            Ok(())
        })
    };
    written.and_then(|_| out.flush()).map_err(|e| {
        t(
            "cli-error-write-report",
            &params! {"detail" => e.to_string()},
        )
    })?;
    Ok(match report.verdict {
        Verdict::Verified => ExitCode::SUCCESS,
        Verdict::Failed | Verdict::Unsigned => ExitCode::from(1),
        Verdict::Error => ExitCode::from(2),
    })
}

fn random<const N: usize>() -> Result<[u8; N], String> {
    let mut b = [0u8; N];
    getrandom::getrandom(&mut b).map_err(|e| {
        t(
            "cli-error-no-randomness",
            &params! {"detail" => e.to_string()},
        )
    })?;
    Ok(b)
}

fn create_new(path: &Path, secret: bool) -> Result<File, String> {
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    if secret {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let _ = secret;
    o.open(path).map_err(|e| match e.kind() {
        io::ErrorKind::AlreadyExists => {
            t("cli-error-exists", &params! {"path" => path_param(path)})
        }
        _ => cannot("cli-error-create", path, e),
    })
}

fn with_ext(base: &Path, ext: &str) -> PathBuf {
    let mut s = base.as_os_str().to_owned();
    s.push(ext);
    PathBuf::from(s)
}

fn cmd_keygen(output: &Path) -> Result<(), String> {
    let (pub_path, key_path) = (with_ext(output, ".pub"), with_ext(output, ".key"));
    for p in [&pub_path, &key_path] {
        if p.exists() {
            return Err(t("cli-error-exists", &params! {"path" => path_param(p)}));
        }
    }
    let sk = SecretKey::generate(random::<32>()?, random::<8>()?);
    let pk = sk.public_key();
    let mut f = create_new(&key_path, true)?;
    f.write_all(sk.encode().as_bytes())
        .map_err(|e| cannot("cli-error-write", &key_path, e))?;
    let mut f = create_new(&pub_path, false)?;
    f.write_all(pk.to_minisign_file().as_bytes())
        .map_err(|e| cannot("cli-error-write", &pub_path, e))?;
    println!("{}", t("cli-keygen-key-id", &params! {"id" => pk.id_hex()}));
    println!(
        "{}",
        t(
            "cli-keygen-public",
            &params! {"path" => path_param(&pub_path)}
        )
    );
    println!(
        "{}",
        t(
            "cli-keygen-secret",
            &params! {"path" => path_param(&key_path)}
        )
    );
    // The key itself: data, in no language.
    println!("{}", pk.to_base64());
    Ok(())
}

fn load_secret(path: &Path) -> Result<SecretKey, String> {
    let text =
        fs::read_to_string(path).map_err(|e| cannot("cli-error-read-secret-key", path, e))?;
    SecretKey::decode(&text).map_err(|e| cannot("cli-error-bad-secret-key", path, e))
}

fn source_date_epoch() -> Option<u64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn cmd_sign(key: &Path, comment: Option<&str>, files: &[PathBuf]) -> Result<(), String> {
    let sk = load_secret(key)?;
    for f in files {
        let mut file = File::open(f).map_err(|e| cannot("cli-error-read", f, e))?;
        let trusted = comment.map(str::to_string).unwrap_or_else(|| {
            format!(
                "timestamp:{}\tfile:{}\thashed",
                source_date_epoch().unwrap_or_else(now),
                name_of(f)
            )
        });
        let sig = minisign::sign(
            &sk,
            &mut file,
            &trusted,
            "signature from airlock secret key",
        )
        .map_err(|e| cannot("cli-error-sign", f, e))?;
        let out = with_ext(f, ".minisig");
        fs::write(&out, sig).map_err(|e| cannot("cli-error-write", &out, e))?;
        println!("{}", out.display());
    }
    Ok(())
}

fn cmd_hash(files: &[PathBuf]) -> Result<ExitCode, String> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut code = ExitCode::SUCCESS;
    for f in files {
        match hash_path(f) {
            Ok(h) => out
                .write_all(&checksums::format_line(&os_bytes(f.as_os_str()), &h))
                .map_err(|e| {
                    t(
                        "cli-error-write-output",
                        &params! {"detail" => e.to_string()},
                    )
                })?,
            Err(e) => {
                print_error(&cannot("cli-error-hash", f, e));
                code = ExitCode::from(1);
            }
        }
    }
    out.flush().map_err(|e| {
        t(
            "cli-error-write-output",
            &params! {"detail" => e.to_string()},
        )
    })?;
    Ok(code)
}

fn hash_path(p: &Path) -> io::Result<[u8; 32]> {
    let mut f = File::open(p)?;
    let mut sha = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        sha.update(&buf[..n]);
    }
    Ok(sha.finalize().into())
}

fn cmd_pack(dir: &Path, output: &Path, key: &Path, comment: Option<&str>) -> Result<(), String> {
    let sk = load_secret(key)?;
    let meta = fs::metadata(dir).map_err(|e| cannot("cli-error-read", dir, e))?;
    if !meta.is_dir() {
        return Err(t(
            "cli-error-not-a-folder",
            &params! {"path" => path_param(dir)},
        ));
    }
    let top = name_of(
        &dir.canonicalize()
            .map_err(|e| cannot("cli-error-read", dir, e))?,
    );
    let members = walk(dir)?;
    let mtime = source_date_epoch().unwrap_or(0);
    // SHA256SUMS over the regular files, in byte order of their paths.
    let mut sums = Vec::new();
    for (rel, path, m) in &members {
        let kind = kind_of(&m.file_type());
        match kind {
            EntryKind::File => {
                if rel == b"SHA256SUMS" || rel == b"SHA256SUMS.minisig" {
                    return Err(t(
                        "cli-error-pack-reserved",
                        &params! {
                            "path" => path_param(dir),
                            "name" => String::from_utf8_lossy(rel).into_owned(),
                        },
                    ));
                }
                let h = hash_path(path).map_err(|e| cannot("cli-error-read", path, e))?;
                sums.extend(checksums::format_line(rel, &h));
            }
            EntryKind::Directory | EntryKind::Symlink => {}
            _ => {
                return Err(t(
                    "cli-error-special-file",
                    &params! {"path" => path_param(path)},
                ))
            }
        }
    }
    let trusted = comment
        .map(str::to_string)
        .unwrap_or_else(|| match source_date_epoch() {
            Some(t) => format!("timestamp:{t}\tfile:SHA256SUMS\tbundle:{top}"),
            None => format!("file:SHA256SUMS\tbundle:{top}"),
        });
    let sig = minisign::sign(
        &sk,
        &mut &sums[..],
        &trusted,
        "signature from airlock secret key",
    )
    .map_err(|e| cannot("cli-error-sign", Path::new("SHA256SUMS"), e))?;

    let tmp = with_ext(output, ".partial");
    let file = File::create(&tmp).map_err(|e| cannot("cli-error-create", &tmp, e))?;
    let gz = flate2::GzBuilder::new()
        .mtime(0)
        .write(BufWriter::new(file), flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    tar.mode(tar::HeaderMode::Deterministic);
    let header = |kind: tar::EntryType, mode: u32, size: u64| {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(kind);
        h.set_mode(mode);
        h.set_size(size);
        h.set_mtime(mtime);
        h.set_uid(0);
        h.set_gid(0);
        h
    };
    let err = |e: io::Error| cannot("cli-error-write", &tmp, e);
    let top_b = top.as_bytes();
    let in_top = |rel: &[u8]| {
        let mut p = top_b.to_vec();
        p.push(b'/');
        p.extend_from_slice(rel);
        String::from_utf8_lossy(&p).into_owned()
    };
    let mut h = header(tar::EntryType::Directory, 0o755, 0);
    tar.append_data(&mut h, format!("{top}/"), io::empty())
        .map_err(err)?;
    for (rel, path, m) in &members {
        let name = in_top(rel);
        match kind_of(&m.file_type()) {
            EntryKind::Directory => {
                let mut h = header(tar::EntryType::Directory, 0o755, 0);
                tar.append_data(&mut h, format!("{name}/"), io::empty())
                    .map_err(err)?;
            }
            EntryKind::Symlink => {
                let target = fs::read_link(path).map_err(err)?;
                let mut h = header(tar::EntryType::Symlink, 0o777, 0);
                tar.append_link(&mut h, &name, &target).map_err(err)?;
            }
            _ => {
                let exec = mode_of(m).is_some_and(|mo| mo & 0o111 != 0);
                let mut h = header(
                    tar::EntryType::Regular,
                    if exec { 0o755 } else { 0o644 },
                    m.len(),
                );
                let f = File::open(path).map_err(err)?;
                tar.append_data(&mut h, &name, f.take(m.len()))
                    .map_err(err)?;
            }
        }
    }
    for (name, bytes) in [
        ("SHA256SUMS", &sums[..]),
        ("SHA256SUMS.minisig", sig.as_bytes()),
    ] {
        let mut h = header(tar::EntryType::Regular, 0o644, bytes.len() as u64);
        tar.append_data(&mut h, format!("{top}/{name}"), bytes)
            .map_err(err)?;
    }
    let gz = tar.into_inner().map_err(err)?;
    let mut w = gz.finish().map_err(err)?;
    w.flush().map_err(err)?;
    drop(w);
    fs::rename(&tmp, output).map_err(|e| cannot("cli-error-write", output, e))?;
    let pk = sk.public_key();
    println!(
        "{}",
        t(
            "cli-pack-done",
            &params! {
                "path" => path_param(output),
                "files" => sums.iter().filter(|&&b| b == b'\n').count(),
                "id" => pk.id_hex(),
            },
        )
    );
    Ok(())
}
