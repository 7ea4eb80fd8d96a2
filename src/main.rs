//! `airlock`: the command-line face of the engine. Parses arguments, turns paths into engine
//! inputs, prints the report. No verification rule lives here.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use sha2::{Digest, Sha256};

use airlock::keys::SecretKey;
use airlock::report::{EntryKind, EntryStatus, KeySource, Report, Severity, Verdict};
use airlock::verify::{self, Input, KeyInput, Limits, Options, Source, TreeMember};
use airlock::{checksums, minisign};

#[derive(Parser)]
#[command(
    name = "airlock",
    version,
    about = "Verify offline bundles (tar.gz + SHA256SUMS + minisign/signify signature) in one streaming pass",
    after_help = "Exit status: 0 verified; 1 failed or unsigned; 2 error or bad usage."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Verify a bundle (tar, tar.gz or folder) with its checksum list and signature.
    ///
    /// PATHs are the bundle plus any detached lists, signatures and keys, in any order; what each
    /// one is comes from its content. Only --trusted-key keys are trusted.
    Verify {
        /// The bundle and any detached SHA256SUMS, .minisig, .sig or .pub files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// A public key to trust: a minisign/signify .pub file or a bare `RW…` key (repeatable).
        #[arg(short = 'p', long = "trusted-key", value_name = "KEY")]
        trusted_keys: Vec<String>,
        /// Print the report as JSON (schema 1).
        #[arg(long)]
        json: bool,
        /// Print only entries that are not OK.
        #[arg(short, long)]
        quiet: bool,
        /// Most archive entries accepted.
        #[arg(long, value_name = "N", default_value_t = Limits::default().max_entries)]
        max_entries: u64,
        /// Longest path accepted, in bytes.
        #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_path_len)]
        max_path_len: usize,
    },
    /// Create a minisign key pair: NAME.pub and NAME.key (unencrypted, like `minisign -G -W`).
    Keygen {
        /// Base name of the two files.
        #[arg(short, long, value_name = "NAME")]
        output: PathBuf,
    },
    /// Sign files with a minisign secret key, writing FILE.minisig (prehashed) next to each.
    Sign {
        /// The secret key file (from `airlock keygen` or `minisign -G -W`).
        #[arg(short = 'k', long = "key", value_name = "NAME.key")]
        key: PathBuf,
        /// Trusted comment (signed); default: timestamp and file name.
        #[arg(short = 't', long, value_name = "TEXT")]
        comment: Option<String>,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Make a reproducible signed bundle: DIR's files plus SHA256SUMS and SHA256SUMS.minisig in
    /// one top folder named after DIR.
    Pack {
        dir: PathBuf,
        /// Where to write the .tar.gz.
        #[arg(short, long, value_name = "OUT.tar.gz")]
        output: PathBuf,
        /// The secret key to sign SHA256SUMS with.
        #[arg(short = 'k', long = "key", value_name = "NAME.key")]
        key: PathBuf,
        /// Trusted comment for SHA256SUMS.minisig; default names the bundle (and the time from
        /// SOURCE_DATE_EPOCH, when set).
        #[arg(short = 't', long, value_name = "TEXT")]
        comment: Option<String>,
    },
    /// Print SHA-256 checksums in `sha256sum` format.
    Hash {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
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
            eprintln!("airlock: {message}");
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
        let read = fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for item in read {
            let item = item.map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
            let path = item.path();
            let meta = fs::symlink_metadata(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
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
                    .map_err(|e| format!("cannot read link {}: {e}", path.display()))?
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
        let bytes = fs::read(path)
            .map_err(|e| format!("cannot read trusted key {}: {e}", path.display()))?;
        (bytes, path.display().to_string())
    } else {
        (arg.as_bytes().to_vec(), "command line".to_string())
    };
    let decoded =
        airlock::schemes::decode_keys(&bytes).map_err(|e| format!("bad trusted key {arg}: {e}"))?;
    for note in &decoded.notes {
        eprintln!("airlock: trusted key {arg}, {note}.");
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
        let meta = fs::metadata(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
        if meta.is_dir() {
            inputs.push(tree_input(p)?);
        } else {
            let src = file_source(p, name_of(p))
                .map_err(|e| format!("cannot read {}: {e}", p.display()))?;
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
    let written = if json {
        serde_json::to_writer_pretty(&mut out, &report)
            .map_err(io::Error::other)
            .and_then(|_| writeln!(out))
    } else {
        print_report(&mut out, &report, quiet).and_then(|_| {
            let untrusted = report
                .findings
                .iter()
                .any(|f| f.code == airlock::report::Code::UntrustedKey);
            if untrusted && trusted.is_empty() {
                writeln!(
                    out,
                    "hint: no key is trusted; pass the release key you got from a trusted source with --trusted-key KEY"
                )?;
            }
            Ok(())
        })
    };
    written
        .and_then(|_| out.flush())
        .map_err(|e| format!("cannot write the report: {e}"))?;
    Ok(match report.verdict {
        Verdict::Verified => ExitCode::SUCCESS,
        Verdict::Failed | Verdict::Unsigned => ExitCode::from(1),
        Verdict::Error => ExitCode::from(2),
    })
}

/// Attacker-controlled text for a terminal: control characters escaped, so a name cannot move
/// the cursor, rewrite earlier lines or fake a verdict.
fn shown(s: &str) -> String {
    escape_for_terminal(s, true)
}

/// A signature comment, which the engine already shows escaped (`\xHH`, `\\`): only controls and
/// bidi overrides are escaped again, so `caf\xE9` prints as it is.
fn shown_comment(s: &str) -> String {
    escape_for_terminal(s, false)
}

fn escape_for_terminal(s: &str, backslash: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\\' if backslash => out.push_str("\\\\"),
            c if c.is_control()
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c) =>
            {
                out.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

fn print_report(out: &mut dyn Write, r: &Report, quiet: bool) -> io::Result<()> {
    for e in &r.entries {
        let status = match e.status {
            EntryStatus::Ok => "OK",
            EntryStatus::Mismatch => "FAILED (hash mismatch)",
            EntryStatus::Missing => "FAILED (missing)",
            EntryStatus::Extra => "FAILED (not in the list)",
            EntryStatus::Problem => "FAILED (see below)",
            EntryStatus::Meta => "list/signature",
            EntryStatus::Structure => continue,
            EntryStatus::Unchecked => "not checked",
        };
        if quiet && matches!(e.status, EntryStatus::Ok | EntryStatus::Meta) {
            continue;
        }
        if e.status == EntryStatus::Unchecked {
            writeln!(
                out,
                "{}  {}",
                e.actual.as_deref().unwrap_or("-"),
                shown(&e.path)
            )?;
        } else {
            writeln!(out, "{}: {status}", shown(&e.path))?;
        }
    }
    writeln!(out)?;
    if let Some(b) = &r.bundle {
        write!(
            out,
            "Bundle:    {} ({}, {} bytes)",
            shown(&b.name),
            b.format,
            b.size
        )?;
        if let Some(h) = &b.sha256 {
            write!(out, "\n           SHA-256 {h}")?;
        }
        writeln!(out)?;
    }
    for s in &r.signatures {
        let status = match s.status {
            airlock::report::SigStatus::Valid => "good signature, trusted key",
            airlock::report::SigStatus::ValidUntrusted => "good signature, UNTRUSTED key",
            airlock::report::SigStatus::UnknownKey => "unknown key",
            airlock::report::SigStatus::Invalid => "BAD SIGNATURE",
            airlock::report::SigStatus::Unmatched => "covers nothing given",
        };
        writeln!(
            out,
            "Signature: {} ({}, {}) key {}: {status}",
            shown(&s.file),
            match s.format {
                airlock::report::SigFormat::Minisign => "minisign",
                airlock::report::SigFormat::Signify => "signify",
                airlock::report::SigFormat::SignifyEmbedded => "signify, embedded",
                airlock::report::SigFormat::Ssh => "ssh",
                airlock::report::SigFormat::Openpgp => "openpgp",
                airlock::report::SigFormat::OpenpgpCleartext => "openpgp, cleartext",
            },
            s.algorithm,
            s.key_id
        )?;
        if let Some(c) = &s.covers {
            writeln!(out, "           covers {}", shown(c))?;
        }
        if let Some(p) = &s.principal {
            writeln!(out, "           principal {}", shown(p))?;
        }
        if let Some(fp) = &s.primary_fingerprint {
            writeln!(out, "           primary key fingerprint {fp}")?;
        }
        if let Some(u) = &s.user_id {
            writeln!(out, "           user ID {}", shown(u))?;
        }
        if let (Some(c), true) = (&s.trusted_comment, s.trusted) {
            writeln!(out, "           trusted comment: {}", shown_comment(c))?;
        }
    }
    for img in &r.images {
        let status = |s: airlock::report::ImageStatus| match s {
            airlock::report::ImageStatus::Ok => "digests match",
            airlock::report::ImageStatus::Mismatch => "DIGEST MISMATCH",
            airlock::report::ImageStatus::NotCarried => "not carried",
            airlock::report::ImageStatus::Unchecked => "not checked",
        };
        let tags = if img.tags.is_empty() {
            "untagged".to_string()
        } else {
            shown(&img.tags.join(", "))
        };
        writeln!(
            out,
            "Image:     {tags} ({}): {}",
            img.format,
            status(img.status)
        )?;
        if let Some(id) = &img.image_id {
            writeln!(out, "           image ID {id}")?;
        }
        if let Some(p) = &img.platform {
            writeln!(out, "           platform {}", shown(p))?;
        }
        for (n, l) in img.layers.iter().enumerate() {
            writeln!(
                out,
                "           layer {}: {} ({}) -> {}: {}",
                n + 1,
                l.digest.as_deref().or(l.actual.as_deref()).unwrap_or("-"),
                l.compression.as_deref().unwrap_or("?"),
                l.uncompressed.as_deref().unwrap_or("-"),
                status(l.status)
            )?;
        }
    }
    for m in &r.go_modules {
        let status = match m.status {
            airlock::report::ImageStatus::Ok => "hashes match",
            airlock::report::ImageStatus::Mismatch => "HASH MISMATCH",
            airlock::report::ImageStatus::NotCarried => "not carried",
            airlock::report::ImageStatus::Unchecked => "nothing to compare with",
        };
        writeln!(
            out,
            "Module:    {} {}: {status} (zip {}, tree {}, go.sum {})",
            shown(&m.path),
            shown(&m.version),
            m.zip.as_deref().unwrap_or("-"),
            m.tree.as_deref().unwrap_or("-"),
            m.go_sum.as_deref().map(shown).unwrap_or_else(|| "-".into())
        )?;
    }
    for k in &r.keys {
        writeln!(
            out,
            "Key:       {} ({}) from {}: {}",
            k.key_id,
            k.format,
            shown(&k.origin),
            if k.trusted { "trusted" } else { "not trusted" }
        )?;
    }
    let notable: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    if !notable.is_empty() {
        writeln!(out)?;
        for f in notable {
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Problem => "problem",
                Severity::Warning => "warning",
                Severity::Info => "info",
            };
            writeln!(out, "{level} [{}]: {}", f.code.as_str(), shown(&f.message))?;
        }
    }
    let c = &r.counts;
    writeln!(
        out,
        "\nSummary:   {} entries: {} OK, {} mismatched, {} missing, {} extra; {} problems, {} warnings; {} bytes read in {} ms",
        c.entries, c.ok, c.mismatch, c.missing, c.extra, c.problems, c.warnings, r.bytes_read, r.elapsed_ms
    )?;
    writeln!(
        out,
        "{}: {}",
        r.verdict.as_str().to_uppercase(),
        shown(&r.reason)
    )
}

fn random<const N: usize>() -> Result<[u8; N], String> {
    let mut b = [0u8; N];
    getrandom::getrandom(&mut b).map_err(|e| format!("no randomness available: {e}"))?;
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
            format!(
                "{} already exists; refusing to overwrite it",
                path.display()
            )
        }
        _ => format!("cannot create {}: {e}", path.display()),
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
            return Err(format!(
                "{} already exists; refusing to overwrite it",
                p.display()
            ));
        }
    }
    let sk = SecretKey::generate(random::<32>()?, random::<8>()?);
    let pk = sk.public_key();
    let mut f = create_new(&key_path, true)?;
    f.write_all(sk.encode().as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", key_path.display()))?;
    let mut f = create_new(&pub_path, false)?;
    f.write_all(pk.to_minisign_file().as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", pub_path.display()))?;
    println!(
        "Key ID {}\nPublic key: {} (give this to reviewers; pin it with --trusted-key)\nSecret key: {} (unencrypted: keep it offline)\n{}",
        pk.id_hex(),
        pub_path.display(),
        key_path.display(),
        pk.to_base64()
    );
    Ok(())
}

fn load_secret(path: &Path) -> Result<SecretKey, String> {
    let text = fs::read_to_string(path)
        .map_err(|e| format!("cannot read secret key {}: {e}", path.display()))?;
    SecretKey::decode(&text).map_err(|e| format!("bad secret key {}: {e}", path.display()))
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
        let mut file = File::open(f).map_err(|e| format!("cannot read {}: {e}", f.display()))?;
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
        .map_err(|e| format!("cannot sign {}: {e}", f.display()))?;
        let out = with_ext(f, ".minisig");
        fs::write(&out, sig).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
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
                .map_err(|e| e.to_string())?,
            Err(e) => {
                eprintln!("airlock: {}: {e}", f.display());
                code = ExitCode::from(1);
            }
        }
    }
    out.flush().map_err(|e| e.to_string())?;
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
    let meta = fs::metadata(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    if !meta.is_dir() {
        return Err(format!("{} is not a folder", dir.display()));
    }
    let top = name_of(&dir.canonicalize().map_err(|e| e.to_string())?);
    let members = walk(dir)?;
    let mtime = source_date_epoch().unwrap_or(0);
    // SHA256SUMS over the regular files, in byte order of their paths.
    let mut sums = Vec::new();
    for (rel, path, m) in &members {
        let kind = kind_of(&m.file_type());
        match kind {
            EntryKind::File => {
                if rel == b"SHA256SUMS" || rel == b"SHA256SUMS.minisig" {
                    return Err(format!(
                        "{} already holds {}; pack writes it",
                        dir.display(),
                        String::from_utf8_lossy(rel)
                    ));
                }
                let h =
                    hash_path(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                sums.extend(checksums::format_line(rel, &h));
            }
            EntryKind::Directory | EntryKind::Symlink => {}
            _ => {
                return Err(format!(
                    "{} is a device, FIFO or socket; a bundle cannot hold it",
                    path.display()
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
    .map_err(|e| e.to_string())?;

    let tmp = with_ext(output, ".partial");
    let file = File::create(&tmp).map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
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
    let err = |e: io::Error| format!("cannot write {}: {e}", tmp.display());
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
    fs::rename(&tmp, output).map_err(|e| format!("cannot write {}: {e}", output.display()))?;
    let pk = sk.public_key();
    println!(
        "{}: {} files, SHA256SUMS signed by key {}",
        output.display(),
        sums.iter().filter(|&&b| b == b'\n').count(),
        pk.id_hex()
    );
    Ok(())
}
