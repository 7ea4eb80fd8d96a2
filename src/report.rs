//! The verification report: the one value the engine produces.
//!
//! The CLI prints it (as text, or as JSON with `--json`) and the page renders it; neither adds
//! verification logic of its own. The JSON form is versioned by [`SCHEMA`]: fields may be added in
//! a compatible way, but a field never changes meaning without a new schema number.
//!
//! Paths are reported as UTF-8 strings. Archive and list paths are bytes; a name that is not valid
//! UTF-8 is shown with U+FFFD in place of the bad bytes (matching is always done on the raw bytes).

use serde::{Deserialize, Serialize};

use crate::i18n::{self, Params};

/// Version of the JSON report layout.
pub const SCHEMA: u32 = 1;

/// The overall answer.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// A trusted signature covers the list (or the bundle file), every listed file is present with
    /// the right hash, nothing unlisted, no problems.
    Verified,
    /// Something is wrong: see the findings with severity `problem`.
    Failed,
    /// Every hash matches, but no signature covers the list: integrity only, not authenticity.
    Unsigned,
    /// The check could not run (unreadable input, nothing to check against).
    Error,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Verified => "verified",
            Verdict::Failed => "failed",
            Verdict::Unsigned => "unsigned",
            Verdict::Error => "error",
        }
    }
}

/// How much a finding matters.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops the check from running (verdict `error`).
    Error,
    /// Makes the verdict `failed`.
    Problem,
    /// Worth a look, does not change the verdict.
    Warning,
    /// For the record.
    Info,
}

/// Stable, machine-readable finding codes. Their kebab-case names are part of the JSON schema.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// A listed file's content does not match its listed SHA-256.
    HashMismatch,
    /// A listed file is not in the bundle.
    Missing,
    /// The bundle holds a file that no trusted list names.
    Extra,
    /// The same path occurs twice in the archive.
    DuplicateEntry,
    /// An absolute path, a `..` component, a NUL or another path that could escape extraction.
    UnsafePath,
    /// A symbolic or hard link whose target lies outside the bundle, or does not exist in it.
    LinkEscape,
    /// An entry is reached through a symbolic link inside the bundle.
    LinkTraversal,
    /// A device node, FIFO or other special file.
    SpecialFile,
    /// A signature does not verify against the file it covers.
    BadSignature,
    /// A signature that is never accepted here, whatever the key: a weak algorithm or hash, a
    /// short RSA key, an SSH signature made for another namespace than `file`, a key limited to
    /// other uses or times.
    RefusedSignature,
    /// A signature by a key that is not trusted (or no key at all is known for it).
    UntrustedKey,
    /// The archive is damaged: bad gzip CRC or length, bad tar header checksum, truncated data.
    CorruptArchive,
    /// Non-zero data after the end of the tar archive.
    TrailingData,
    /// The list names one path twice with different hashes.
    ConflictingList,
    /// The list names one path twice with the same hash (harmless).
    DuplicateListLine,
    /// Two trusted lists disagree about a path.
    ListDisagreement,
    /// A line of a checksum list could not be parsed.
    MalformedList,
    /// A signature or key file could not be parsed.
    MalformedSignature,
    /// A public key file could not be parsed.
    MalformedKey,
    /// Two names that differ only by Unicode normalisation or case: they collide on macOS or
    /// Windows.
    NameCollision,
    /// A configured limit (entry count, path length, list size) was reached.
    LimitExceeded,
    /// An input could not be read.
    Unreadable,
    /// Nothing to verify against: no checksum list and no signature over the bundle.
    NothingToVerify,
    /// A signature whose covered file was not found among the inputs.
    UnmatchedSignature,
    /// A symbolic link inside the bundle that the list does not name.
    UnlistedLink,
    /// An input whose role could not be recognised.
    UnknownInput,
    /// The signature's trusted comment, reported for the record.
    TrustedComment,
    /// The run was cancelled.
    Cancelled,
    /// A tar header that mainstream extractors (GNU tar, bsdtar, Python's tarfile, Go's
    /// archive/tar) could read in different ways; reading stops there.
    AmbiguousHeader,
    /// A listed name is a symbolic link that, followed as the kernel follows it, does not open a
    /// listed regular file of the bundle with the listed content.
    ListedLink,
    /// A blob of a container image does not hash to the digest it is named by.
    BlobDigestMismatch,
    /// An image descriptor's size (or digest) disagrees with the blob it points to.
    DescriptorMismatch,
    /// A layer's decompressed SHA-256 is not the image config's `diff_ids` entry (or the layer
    /// cannot be decompressed).
    DiffIdMismatch,
    /// An image manifest names a different number of layers than its config's `diff_ids`.
    LayerCountMismatch,
    /// A path in an image's `manifest.json` leads to nothing in the archive.
    BrokenImagePath,
    /// An image's index, manifest, config or `manifest.json` cannot be read.
    MalformedImage,
    /// A blob (layer, platform, config) that an image references is not in the archive: a
    /// partial export, not corruption.
    NotCarried,
    /// A blob that no image of the archive references.
    UnreferencedBlob,
    /// A Go module zip does not hash (dirhash `h1:`) to its `.ziphash`.
    ZiphashMismatch,
    /// A Go module zip, `.ziphash` or `.mod` disagrees with `go.sum` (or two go.sum lines do).
    GoSumMismatch,
    /// An extracted Go module tree (`path@version/`) does not hash to its module's `h1:`: files
    /// were added, removed or changed.
    ModuleTreeChanged,
    /// A Go module zip (or go.sum line) cannot be read.
    MalformedModule,
    /// A digest the reviewer expects (`--expect-digest`) names no image the bundle carries.
    PinMismatch,
    /// Something the expected digests do not vouch for: an image no expected digest names, a
    /// file of the bundle no pinned digest covers, or the names (tags) a pinned image carries.
    NotPinned,
}

impl Code {
    /// The kebab-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::HashMismatch => "hash-mismatch",
            Code::Missing => "missing",
            Code::Extra => "extra",
            Code::DuplicateEntry => "duplicate-entry",
            Code::UnsafePath => "unsafe-path",
            Code::LinkEscape => "link-escape",
            Code::LinkTraversal => "link-traversal",
            Code::SpecialFile => "special-file",
            Code::BadSignature => "bad-signature",
            Code::RefusedSignature => "refused-signature",
            Code::UntrustedKey => "untrusted-key",
            Code::CorruptArchive => "corrupt-archive",
            Code::TrailingData => "trailing-data",
            Code::ConflictingList => "conflicting-list",
            Code::DuplicateListLine => "duplicate-list-line",
            Code::ListDisagreement => "list-disagreement",
            Code::MalformedList => "malformed-list",
            Code::MalformedSignature => "malformed-signature",
            Code::MalformedKey => "malformed-key",
            Code::NameCollision => "name-collision",
            Code::LimitExceeded => "limit-exceeded",
            Code::Unreadable => "unreadable",
            Code::NothingToVerify => "nothing-to-verify",
            Code::UnmatchedSignature => "unmatched-signature",
            Code::UnlistedLink => "unlisted-link",
            Code::UnknownInput => "unknown-input",
            Code::TrustedComment => "trusted-comment",
            Code::Cancelled => "cancelled",
            Code::AmbiguousHeader => "ambiguous-header",
            Code::ListedLink => "listed-link",
            Code::BlobDigestMismatch => "blob-digest-mismatch",
            Code::DescriptorMismatch => "descriptor-mismatch",
            Code::DiffIdMismatch => "diff-id-mismatch",
            Code::LayerCountMismatch => "layer-count-mismatch",
            Code::BrokenImagePath => "broken-image-path",
            Code::MalformedImage => "malformed-image",
            Code::NotCarried => "not-carried",
            Code::UnreferencedBlob => "unreferenced-blob",
            Code::ZiphashMismatch => "ziphash-mismatch",
            Code::GoSumMismatch => "go-sum-mismatch",
            Code::ModuleTreeChanged => "module-tree-changed",
            Code::MalformedModule => "malformed-module",
            Code::PinMismatch => "pin-mismatch",
            Code::NotPinned => "not-pinned",
        }
    }
}

/// One thing the reviewer should know.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// The path (inside the bundle) or input name the finding is about, if any.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub path: Option<String>,
    /// A sentence a non-specialist understands, in English: [`crate::i18n::english`] of
    /// `message_id` with `params`.
    pub message: String,
    /// The catalogue message the sentence is rendered from (`locales/<lang>/findings.ftl`); a
    /// reader in another language renders `message_id` with `params` in theirs.
    pub message_id: String,
    /// The message's parameters (path, list, line, expected and actual digest, key id, …).
    #[serde(skip_serializing_if = "Params::is_empty", default)]
    pub params: Params,
}

impl Finding {
    /// A finding whose English `message` is rendered from the catalogue.
    pub fn new(
        code: Code,
        severity: Severity,
        path: Option<String>,
        id: &str,
        params: Params,
    ) -> Self {
        Finding {
            code,
            severity,
            path,
            message: i18n::english(id, &params),
            message_id: id.to_string(),
            params,
        }
    }

    /// A finding whose sentence is `message` (a catalogue id and its parameters).
    pub fn of(
        code: Code,
        severity: Severity,
        path: Option<String>,
        message: i18n::Message,
    ) -> Self {
        Finding::new(code, severity, path, &message.id, message.params)
    }

    /// The sentence in `lang` (English where the catalogue lacks it).
    pub fn message_in(&self, lang: &str) -> String {
        i18n::render(lang, &self.message_id, &self.params)
    }
}

/// What kind of archive entry (or directory member) this is.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    File,
    Directory,
    Symlink,
    Hardlink,
    CharDevice,
    BlockDevice,
    Fifo,
    Other,
}

/// The outcome for one entry.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum EntryStatus {
    /// Listed, present, hash matches.
    Ok,
    /// Listed, present, hash differs.
    Mismatch,
    /// Listed, not present.
    Missing,
    /// Present, not listed.
    Extra,
    /// The checksum list or one of its signatures.
    Meta,
    /// A directory, or a link inside the bundle: no content to check.
    Structure,
    /// Something about the entry itself is wrong (unsafe path, special file, duplicate, link
    /// escape).
    Problem,
    /// Hashed, but nothing to compare it with (no list).
    Unchecked,
}

/// One archive entry, directory member or listed path.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub path: String,
    pub kind: EntryKind,
    pub size: u64,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub mode: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub link_target: Option<String>,
    /// SHA-256 the trusted list gives, lowercase hex.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub expected: Option<String>,
    /// SHA-256 of the content as read, lowercase hex.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub actual: Option<String>,
    pub status: EntryStatus,
}

/// The signature formats Airlock reads.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum SigFormat {
    /// A `.minisig` file.
    Minisign,
    /// A detached signify `.sig` file.
    Signify,
    /// A signify file with the signed message embedded (`signify -S -e`).
    SignifyEmbedded,
    /// An armored SSH signature (`ssh-keygen -Y sign -n file`).
    Ssh,
    /// An OpenPGP detached signature, binary or armored (`gpg --detach-sign`).
    Openpgp,
    /// An OpenPGP cleartext-signed list (`gpg --clearsign`).
    OpenpgpCleartext,
}

/// Where a public key came from. Only `pinned` and `command-line` keys are trusted by default.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum KeySource {
    /// Built into the page.
    Pinned,
    /// Given with `--trusted-key`.
    CommandLine,
    /// Dropped on the page in this session and deliberately trusted by the reviewer.
    Session,
    /// Given as an input (or found inside the bundle); reported, never trusted.
    Input,
}

/// What happened when a signature was checked.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum SigStatus {
    /// Verifies with a trusted key.
    Valid,
    /// Verifies, but only with a key that is not trusted.
    ValidUntrusted,
    /// No known key has this key ID.
    UnknownKey,
    /// A key with this ID is known, but the signature does not verify.
    Invalid,
    /// The file this signature covers was not found.
    Unmatched,
}

/// One signature that was examined.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    /// The signature file's name (an input name, or a path inside the bundle).
    pub file: String,
    pub format: SigFormat,
    /// `Ed25519`, or `Ed25519 (BLAKE2b-512 prehashed)` for minisign's default.
    pub algorithm: String,
    /// Key ID, as minisign and signify print it (16 uppercase hex digits).
    pub key_id: String,
    /// The name of the file the signature covers.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub covers: Option<String>,
    pub status: SigStatus,
    /// True when the signature verifies with a trusted key.
    pub trusted: bool,
    /// Where the verifying key came from.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub key_source: Option<KeySource>,
    /// minisign's trusted comment (covered by the global signature).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub trusted_comment: Option<String>,
    /// The first line's comment: not covered by any signature.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub untrusted_comment: Option<String>,
    /// The hash the signature was made over, where the scheme names one (SSH: `sha512`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub hash_algorithm: Option<String>,
    /// SSH: the principals of the `allowed_signers` line whose key verified it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub principal: Option<String>,
    /// OpenPGP: the primary fingerprint of the certificate whose key verified it (as gpg prints
    /// it); `key_id` is then the issuer the signature names.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub primary_fingerprint: Option<String>,
    /// OpenPGP: the ID of the (sub)key that made it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub signing_key: Option<String>,
    /// OpenPGP: the certificate's user ID.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub user_id: Option<String>,
    /// OpenPGP: when the signature says it was made (`YYYY-MM-DD HH:MM:SS UTC`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub created: Option<String>,
}

/// A public key the run knew about.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Key {
    pub key_id: String,
    /// `minisign` or `signify`.
    pub format: String,
    pub source: KeySource,
    pub trusted: bool,
    /// The key file's name, or a label.
    pub origin: String,
    /// The key in minisign's base64 form (`RW…`) or signify's (`RWR…`); an SSH key as its
    /// OpenSSH line (`ssh-ed25519 AAAA…`), its `key_id` being the `SHA256:…` fingerprint.
    pub public_key: String,
    /// SSH `allowed_signers`: the line's principals.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub principals: Option<String>,
    /// OpenPGP: the certificate's user ID (`key_id` is its primary fingerprint).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub user_id: Option<String>,
}

/// A checksum list that was read.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct List {
    /// Input name, or path inside the bundle.
    pub file: String,
    /// `gnu` (`sha256sum`) or `bsd` (`sha256sum --tag`, OpenBSD `SHA256`), or `mixed`.
    pub format: String,
    pub lines: u64,
    /// True when a trusted signature covers it; only such lists decide what is "extra".
    pub signed: bool,
    /// The SHA-256 of the list file.
    pub sha256: String,
}

/// The bundle (archive file or directory) itself.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Bundle {
    pub name: String,
    /// `tar.gz`, `tar`, `directory` or `files`.
    pub format: String,
    /// Size of the bundle file in bytes (sum of file sizes for a directory).
    pub size: u64,
    /// SHA-256 of the bundle file as stored (absent for a directory).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sha256: Option<String>,
    /// The single top-level folder of the archive, if it has one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub root: Option<String>,
}

/// An input as handed over, and what Airlock took it to be.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub name: String,
    /// `bundle`, `directory`, `checksum-list`, `minisign-signature`, `signify-signature`,
    /// `signify-embedded`, `minisign-key`, `signify-key`, `go-sum` (a go.sum beside the bundle),
    /// `file`.
    pub role: String,
    pub size: u64,
}

/// How an image, or one of its layers, came out.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum ImageStatus {
    /// Every digest that names it agrees with its bytes.
    Ok,
    /// A digest disagrees (see the findings).
    Mismatch,
    /// Referenced, but not in the archive.
    NotCarried,
    /// Present, but its digest could not be checked.
    Unchecked,
}

/// One layer of an image, in the order of its manifest.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct ImageLayer {
    /// The layer's path inside the bundle (absent when not carried).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub path: Option<String>,
    /// The digest the manifest gives for the layer as stored (`sha256:…`), if it gives one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub digest: Option<String>,
    /// Size as stored.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub size: Option<u64>,
    /// SHA-256 of the bytes as stored (`sha256:…`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub actual: Option<String>,
    /// `gzip`, `zstd` or `none`, from the layer's first bytes.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub compression: Option<String>,
    /// The config's `diff_ids` entry for this layer (`sha256:…`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub diff_id: Option<String>,
    /// SHA-256 of the layer decompressed (`sha256:…`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub uncompressed: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub uncompressed_size: Option<u64>,
    pub status: ImageStatus,
}

/// A container image found in the bundle (a `docker save` archive, an OCI layout), checked
/// digest by digest.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Image {
    /// `docker-archive`, `oci-layout`, or `docker-archive+oci-layout` (Docker 25 and later).
    pub format: String,
    /// The folder of the bundle holding its `manifest.json` or `index.json` (empty: the root).
    /// Inside an archive stored as an entry of the bundle, the entry's path comes first, as if
    /// the archive were unpacked where it lies (`images/app.tar/`).
    pub root: String,
    /// The entry of the bundle (a tar or tar.gz) the image was read from, when it is not in the
    /// bundle's own tree.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub archive: Option<String>,
    /// `RepoTags` and `org.opencontainers.image.ref.name` (as the archive says; unsigned).
    pub tags: Vec<String>,
    /// The config's digest (`sha256:…`): what `docker images` shows as the image ID.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub image_id: Option<String>,
    /// The image manifest's digest (OCI layouts).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub manifest_digest: Option<String>,
    /// `os/architecture[/variant]` from the config or the index.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub platform: Option<String>,
    /// The expected digests (`--expect-digest`) that pin the image, in the order given: its
    /// image ID, its manifest's digest, or the digest of an index that leads to it (one image
    /// may be pinned by several). Absent: not pinned.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub pinned: Vec<String>,
    pub layers: Vec<ImageLayer>,
    pub status: ImageStatus,
}

/// A Go module found in a module cache in the bundle, with its `h1:` hashes (dirhash).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct GoModule {
    /// Module path, unescaped (`github.com/BurntSushi/toml`).
    pub path: String,
    pub version: String,
    /// The module cache folder in the bundle (the one holding `cache/download`; empty: the root).
    /// Inside an archive stored as an entry of the bundle, the entry's path comes first.
    pub root: String,
    /// The entry of the bundle (a tar or tar.gz) the module was read from, when it is not in
    /// the bundle's own tree.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub archive: Option<String>,
    /// `h1:` of the `.zip`, as computed here.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub zip: Option<String>,
    /// What the `.ziphash` file says.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub ziphash: Option<String>,
    /// `h1:` of the extracted tree `path@version/`, as computed here.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub tree: Option<String>,
    /// `h1:` of the `.mod` file, as computed here.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub go_mod: Option<String>,
    /// What `go.sum` says for the module (`path version h1:`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub go_sum: Option<String>,
    /// What `go.sum` says for its go.mod (`path version/go.mod h1:`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub go_sum_mod: Option<String>,
    /// `ok` when every hash that could be compared agrees, `unchecked` when nothing could be.
    pub status: ImageStatus,
}

impl Report {
    /// The reason in `lang`. A reason that quotes a finding names it by its index in `findings`
    /// (parameter `finding`); the finding is rendered in `lang` too and passed as `first`.
    pub fn reason_in(&self, lang: &str) -> String {
        let mut params = self.reason_params.clone();
        if let Some(i18n::Param::Num(i)) = params.get("finding") {
            if let Some(f) = usize::try_from(*i).ok().and_then(|i| self.findings.get(i)) {
                params.insert("first".into(), i18n::Param::Str(f.message_in(lang)));
            }
        }
        i18n::render(lang, &self.reason_id, &params)
    }

    /// The verdict's word in `lang` (`verified` → 已验证).
    pub fn verdict_in(&self, lang: &str) -> String {
        i18n::render(
            lang,
            &format!("verdict-{}", self.verdict.as_str()),
            &Params::new(),
        )
    }
}

/// Counts for the summary line.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub entries: u64,
    pub ok: u64,
    pub mismatch: u64,
    pub missing: u64,
    pub extra: u64,
    pub problems: u64,
    pub warnings: u64,
}

/// The whole report.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub schema: u32,
    /// `airlock X.Y.Z`.
    pub tool: String,
    pub verdict: Verdict,
    /// One sentence saying why, in English (`reason_id` rendered with `reason_params`).
    pub reason: String,
    /// The catalogue message of the reason.
    pub reason_id: String,
    #[serde(skip_serializing_if = "Params::is_empty", default)]
    pub reason_params: Params,
    pub findings: Vec<Finding>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub bundle: Option<Bundle>,
    pub inputs: Vec<Input>,
    pub keys: Vec<Key>,
    pub signatures: Vec<Signature>,
    pub lists: Vec<List>,
    /// Container images found in the bundle (absent when none).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub images: Vec<Image>,
    /// Go modules found in module caches in the bundle (absent when none).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub go_modules: Vec<GoModule>,
    /// The digests the reviewer expects (`--expect-digest`), `sha256:…`, in the order given
    /// (absent when none). Each image they pin says so in its `pinned` field.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub expected_digests: Vec<String>,
    pub entries: Vec<Entry>,
    pub counts: Counts,
    /// Bytes read from all inputs.
    pub bytes_read: u64,
    /// Wall-clock time of the run in milliseconds (0 where no clock is available).
    pub elapsed_ms: u64,
}
