//! Container image archives: content that carries its own digests.
//!
//! Read in the one pass over the bundle, as every producer writes them (metadata last): the
//! [`ImageWatch`] keeps the small JSON files an image is described by (`manifest.json`,
//! `index.json`, `oci-layout`, blobs and configs that look like JSON) and asks for the
//! decompressed digest of every entry named like a layer ([`super::layers`]); at the end,
//! [`check`] finds the images and checks the chain:
//!
//! - OCI layout (`oci-layout` + `index.json`, also inside a Docker 25+ `docker save`): every
//!   `blobs/sha256/<hex>` hashes to `<hex>`; each descriptor's size is its blob's; nested indexes
//!   are followed; each manifest's config gives the image ID and `rootfs.diff_ids`, and layer `i`
//!   decompressed hashes to `diff_ids[i]`, with as many layers as diff_ids;
//! - `docker save` (`manifest.json`: `[{Config, RepoTags, Layers}]`, paths inside the archive,
//!   followed through links as extraction would): the config's SHA-256 is the image ID and
//!   must be the digest its name carries, and the same layer rule.
//!
//! A blob an index or manifest names that is not in the archive (a platform not exported, a
//! foreign layer) is "not carried", a warning; blobs nobody references are listed. JSON is read
//! strictly: keys that differ only by letter case (Go's decoder matches them case-insensitively,
//! so Docker could read another one than we do) and duplicate keys are refused.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::layers::{Codec, Decoded};
use super::{ContentChecker, EntryView};
use crate::i18n::Message;
use crate::report::{Code, EntryKind, Finding, Image, ImageLayer, ImageStatus, Severity};
use crate::{msg, paths};

/// Largest JSON file (manifest, index, config) kept in memory for the check.
pub const MAX_JSON: u64 = 4 << 20;
/// Deepest nesting of indexes followed.
const MAX_DEPTH: usize = 8;
/// Most descriptors followed in one layout.
const MAX_DESCRIPTORS: usize = 10_000;

/// What the watch learned about one entry.
#[derive(Default)]
struct Seen {
    json: Option<Vec<u8>>,
    codec: Option<Codec>,
    decoded: Option<Decoded>,
}

/// The content checker: keeps image metadata and layer digests as the bundle streams by.
#[derive(Default)]
pub struct ImageWatch {
    /// By path: entry indices change when the plan drops the archive's root folder entry. A
    /// path stored twice keeps its last copy, as extraction does.
    seen: HashMap<Vec<u8>, Seen>,
    current: Option<(Vec<u8>, Seen)>,
    held: u64,
}

fn file_name(p: &[u8]) -> &[u8] {
    paths::file_name(p)
}

fn is_hex64(s: &[u8]) -> bool {
    s.len() == 64
        && s.iter()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
}

fn has_hex64(s: &[u8]) -> bool {
    s.windows(64).any(is_hex64)
}

/// Named like image metadata.
fn json_name(p: &[u8]) -> bool {
    let name = file_name(p);
    matches!(
        name,
        b"manifest.json" | b"index.json" | b"oci-layout" | b"repositories"
    ) || has_hex64(name)
}

/// Named like a layer: a digest-named blob, or a legacy `<id>/layer.tar`.
pub fn layer_name(p: &[u8]) -> bool {
    let name = file_name(p);
    name == b"layer.tar" || has_hex64(name)
}

fn looks_json(head: &[u8]) -> bool {
    matches!(
        head.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{' | b'[')
    )
}

impl ContentChecker for ImageWatch {
    fn begin(&mut self, entry: &EntryView, head: &[u8]) -> bool {
        let Some(path) = entry.path else {
            return false;
        };
        let keep = entry.size <= MAX_JSON && json_name(path) && looks_json(head);
        let layer = layer_name(path);
        if !keep && !layer {
            return false;
        }
        let mut seen = Seen::default();
        if keep {
            let mut v = Vec::with_capacity(entry.size as usize);
            v.extend_from_slice(head);
            seen.json = Some(v);
        }
        if layer {
            seen.codec = Some(Codec::sniff(head));
        }
        self.current = Some((path.to_vec(), seen));
        keep
    }
    fn data(&mut self, bytes: &[u8]) {
        if let Some((_, Seen { json: Some(v), .. })) = self.current.as_mut() {
            v.extend_from_slice(bytes);
        }
    }
    fn wants_decoded(&mut self) -> bool {
        matches!(
            self.current,
            Some((
                _,
                Seen {
                    codec: Some(Codec::Gzip | Codec::Zstd),
                    ..
                }
            ))
        )
    }
    fn decoded(&mut self, decoded: &Decoded) {
        if let Some((_, seen)) = self.current.as_mut() {
            seen.decoded = Some(decoded.clone());
        }
    }
    fn end(&mut self, _entry: &EntryView, _sha256: &[u8; 32]) {
        if let Some((p, seen)) = self.current.take() {
            self.held += 64 + p.len() as u64 + seen.json.as_ref().map_or(0, |j| j.len() as u64);
            self.seen.insert(p, seen);
        }
    }
    fn held_bytes(&self) -> u64 {
        self.held
    }
}

impl ImageWatch {
    pub fn new() -> Self {
        Self::default()
    }
    /// True when nothing that could belong to an image was seen.
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }
    fn json(&self, path: Option<&[u8]>) -> Option<&[u8]> {
        self.seen.get(path?).and_then(|s| s.json.as_deref())
    }
}

/// An entry of the bundle as the image check needs it.
#[derive(Clone, Copy, Debug)]
pub struct Facts<'a> {
    pub path: Option<&'a [u8]>,
    pub kind: EntryKind,
    pub size: u64,
    pub sha256: Option<[u8; 32]>,
    /// For a symbolic link: the entry it leads to, followed as the kernel follows it.
    pub leads_to: Option<usize>,
}

/// What the image check found.
#[derive(Default)]
pub struct Outcome {
    pub images: Vec<Image>,
    pub findings: Vec<Finding>,
    /// Entries whose name or a descriptor gives their digest: (entry, digest, agrees).
    pub vouched: Vec<(usize, [u8; 32], bool)>,
    /// For each of `images`, in the same order: the digests that name it and the entries they
    /// cover (what an expected digest vouches for when it pins the image).
    pub parts: Vec<Parts>,
}

/// One image as a chain of digests, for pinning: each digest names the bytes of one entry, and
/// those bytes name the next ones (an index its manifests, a manifest its config and layers, a
/// config its layers by `diff_ids`).
#[derive(Clone, Debug, Default)]
pub struct Parts {
    /// The image's folder in the bundle (empty: the root).
    pub root: Vec<u8>,
    /// The digests that name the image: its image ID (the config's digest), its manifest's
    /// digest, and the digests of the nested indexes that lead to it (not `index.json`, which
    /// has none).
    pub digests: Vec<[u8; 32]>,
    /// The entries the chain covers: nested indexes, the manifest, the config, the layers.
    pub entries: Vec<usize>,
    /// False when the image's manifest (OCI) or config (`manifest.json`) is not in the archive:
    /// then it carries no content at all.
    pub carried: bool,
    /// Which archive opened inside the bundle holds it (`None`: the bundle itself); `entries`
    /// are that archive's.
    pub scope: Option<usize>,
}

// ----- strict JSON -------------------------------------------------------------------------------

/// A JSON value whose objects were checked for keys that differ only by letter case.
#[derive(Debug)]
enum Json {
    Null,
    Bool,
    Num(Option<u64>),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Json;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Json, E> {
                Ok(Json::Bool)
            }
            fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
                Ok(Json::Num(Some(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
                Ok(Json::Num(u64::try_from(v).ok()))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Json, E> {
                Ok(Json::Num(None))
            }
            fn visit_str<E>(self, v: &str) -> Result<Json, E> {
                Ok(Json::Str(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Json, E> {
                Ok(Json::Str(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Json, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = a.next_element()? {
                    v.push(x);
                }
                Ok(Json::Arr(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Json, A::Error> {
                let mut v: Vec<(String, Json)> = Vec::new();
                // Repeated keys are kept here and refused by `Json::parse` (`repeated_key`).
                while let Some((k, x)) = a.next_entry::<String, Json>()? {
                    v.push((k, x));
                }
                Ok(Json::Obj(v))
            }
        }
        d.deserialize_any(V)
    }
}

/// serde_json's error (its text is the crate's).
fn json_error(e: serde_json::Error) -> Message {
    msg!("detail-json", "detail" => e.to_string())
}

/// The name of a part of an image, for a sentence (`index`, `manifest`, `config`, `layer`,
/// `manifest.json`).
fn part(what: &str) -> Message {
    match what {
        "index" => msg!("word-image-index"),
        "manifest" => msg!("word-image-manifest"),
        "config" => msg!("word-image-config"),
        "layer" => msg!("word-image-layer"),
        _ => msg!("word-image-manifest-json"),
    }
}

impl Json {
    fn parse(bytes: &[u8]) -> Result<Json, Message> {
        let mut de = serde_json::Deserializer::from_slice(bytes);
        let v = Json::deserialize(&mut de).map_err(json_error)?;
        de.end().map_err(json_error)?;
        if let Some(k) = v.repeated_key() {
            return Err(msg!("detail-json-duplicate-key", "key" => k));
        }
        Ok(v)
    }
    /// A key that appears twice in one object (or differs only by letter case): readers take
    /// different ones. Nested objects first, then the object's own keys in order.
    fn repeated_key(&self) -> Option<&str> {
        match self {
            Json::Arr(items) => items.iter().find_map(Json::repeated_key),
            Json::Obj(members) => {
                members
                    .iter()
                    .find_map(|(_, x)| x.repeated_key())
                    .or_else(|| {
                        members.iter().enumerate().find_map(|(i, (k, _))| {
                            members[..i]
                                .iter()
                                .any(|(o, _)| o.eq_ignore_ascii_case(k))
                                .then_some(k.as_str())
                        })
                    })
            }
            _ => None,
        }
    }
    /// A member, by its exact name; a member whose name differs only by case is an error.
    fn get(&self, key: &str) -> Result<Option<&Json>, Message> {
        let Json::Obj(m) = self else { return Ok(None) };
        for (k, v) in m {
            if k == key {
                return Ok(Some(v));
            }
            if k.eq_ignore_ascii_case(key) {
                return Err(msg!("detail-json-key-case", "key" => k, "expected" => key));
            }
        }
        Ok(None)
    }
    fn str(&self, key: &str) -> Result<Option<&str>, Message> {
        match self.get(key)? {
            None | Some(Json::Null) => Ok(None),
            Some(Json::Str(s)) => Ok(Some(s)),
            Some(_) => Err(msg!("detail-json-not-string", "key" => key)),
        }
    }
    fn arr(&self, key: &str) -> Result<Option<&[Json]>, Message> {
        match self.get(key)? {
            None | Some(Json::Null) => Ok(None),
            Some(Json::Arr(a)) => Ok(Some(a)),
            Some(_) => Err(msg!("detail-json-not-list", "key" => key)),
        }
    }
    fn u64(&self, key: &str) -> Result<Option<u64>, Message> {
        match self.get(key)? {
            None => Ok(None),
            Some(Json::Num(Some(n))) => Ok(Some(*n)),
            Some(_) => Err(msg!("detail-json-not-size", "key" => key)),
        }
    }
}

// ----- descriptors -------------------------------------------------------------------------------

/// `sha256:<hex>` as bytes; `Err` for another algorithm or a malformed digest.
fn parse_digest(d: &str) -> Result<[u8; 32], Message> {
    let Some(hex) = d.strip_prefix("sha256:") else {
        return Err(msg!("detail-digest-not-sha256", "digest" => d));
    };
    if !is_hex64(hex.as_bytes()) {
        return Err(msg!("detail-digest-malformed", "digest" => d));
    }
    let mut h = [0u8; 32];
    hex::decode_to_slice(hex, &mut h)
        .map_err(|_| msg!("detail-digest-malformed", "digest" => d))?;
    Ok(h)
}

fn sha(h: &[u8; 32]) -> String {
    format!("sha256:{}", hex::encode(h))
}

struct Descriptor {
    media_type: Option<String>,
    digest: [u8; 32],
    size: Option<u64>,
    ref_name: Option<String>,
    platform: Option<String>,
}

fn descriptor(j: &Json) -> Result<Descriptor, Message> {
    let digest = j
        .str("digest")?
        .ok_or_else(|| msg!("detail-image-no-digest"))?;
    let platform = match j.get("platform")? {
        Some(p) => {
            let os = p.str("os")?.unwrap_or("");
            let arch = p.str("architecture")?.unwrap_or("");
            let variant = p.str("variant")?;
            Some(match variant {
                Some(v) => format!("{os}/{arch}/{v}"),
                None => format!("{os}/{arch}"),
            })
        }
        None => None,
    };
    let ref_name = match j.get("annotations")? {
        Some(a) => a
            .str("org.opencontainers.image.ref.name")?
            .or(a.str("io.containerd.image.name")?)
            .map(str::to_string),
        None => None,
    };
    Ok(Descriptor {
        media_type: j.str("mediaType")?.map(str::to_string),
        digest: parse_digest(digest)?,
        size: j.u64("size")?,
        ref_name,
        platform,
    })
}

/// A config's `rootfs.diff_ids`, in layer order.
type DiffIds = Vec<Option<[u8; 32]>>;

// ----- the check ---------------------------------------------------------------------------------

impl Parts {
    /// An image's parts so far: the nested indexes that lead to it.
    fn chain(root: &[u8], chain: &[([u8; 32], usize)]) -> Parts {
        Parts {
            root: root.to_vec(),
            digests: chain.iter().map(|c| c.0).collect(),
            entries: chain.iter().map(|c| c.1).collect(),
            carried: false,
            scope: None,
        }
    }
}

struct Ctx<'a> {
    entries: &'a [Facts<'a>],
    watch: &'a ImageWatch,
    by_path: HashMap<&'a [u8], usize>,
    out: Outcome,
    /// Blob entries referenced by some image.
    referenced: BTreeSet<usize>,
    descriptors: usize,
}

fn join(root: &[u8], rel: &[u8]) -> Vec<u8> {
    if root.is_empty() {
        rel.to_vec()
    } else {
        let mut p = root.to_vec();
        p.push(b'/');
        p.extend_from_slice(rel);
        p
    }
}

fn shown(p: &[u8]) -> String {
    paths::display(p)
}

impl<'a> Ctx<'a> {
    fn finding(&mut self, code: Code, severity: Severity, path: &[u8], message: Message) {
        self.out
            .findings
            .push(Finding::of(code, severity, Some(shown(path)), message));
    }

    /// The regular file at `path`, through links.
    fn resolve(&self, path: &[u8]) -> Option<usize> {
        let mut i = *self.by_path.get(path)?;
        for _ in 0..2 {
            match self.entries[i].kind {
                EntryKind::File | EntryKind::Hardlink => return Some(i),
                EntryKind::Symlink => i = self.entries[i].leads_to?,
                _ => return None,
            }
        }
        matches!(self.entries[i].kind, EntryKind::File | EntryKind::Hardlink).then_some(i)
    }

    fn blob_path(root: &[u8], digest: &[u8; 32]) -> Vec<u8> {
        join(
            root,
            format!("blobs/sha256/{}", hex::encode(digest)).as_bytes(),
        )
    }

    /// The blob a descriptor names, with its size checked. `None` when not carried (reported).
    fn blob(&mut self, root: &[u8], d: &Descriptor, what: &str) -> Option<usize> {
        let path = Self::blob_path(root, &d.digest);
        let Some(i) = self.resolve(&path) else {
            self.finding(
                Code::NotCarried,
                Severity::Warning,
                &path,
                msg!("finding-image-blob-not-carried", "what" => part(what), "digest" => sha(&d.digest)),
            );
            return None;
        };
        self.referenced.insert(i);
        if let Some(size) = d.size {
            if size != self.entries[i].size {
                self.finding(
                    Code::DescriptorMismatch,
                    Severity::Problem,
                    &path,
                    msg!(
                        "finding-image-size-mismatch",
                        "what" => part(what),
                        "path" => shown(&path),
                        "expected" => size,
                        "actual" => self.entries[i].size,
                    ),
                );
            }
        }
        Some(i)
    }

    fn json_of(&mut self, i: usize, what: &str) -> Option<Json> {
        let path = self.entries[i].path.unwrap_or_default();
        let Some(bytes) = self.watch.json(self.entries[i].path) else {
            self.finding(
                Code::MalformedImage,
                Severity::Problem,
                path,
                msg!("finding-image-json-too-large", "what" => part(what), "path" => shown(path), "limit" => MAX_JSON),
            );
            return None;
        };
        match Json::parse(bytes) {
            Ok(j) => Some(j),
            Err(e) => {
                self.finding(
                    Code::MalformedImage,
                    Severity::Problem,
                    path,
                    msg!("finding-image-unreadable", "what" => part(what), "path" => shown(path), "detail" => e),
                );
                None
            }
        }
    }

    fn malformed(&mut self, path: &[u8], what: &str, e: Message) {
        self.finding(
            Code::MalformedImage,
            Severity::Problem,
            path,
            msg!("finding-image-unreadable", "what" => part(what), "path" => shown(path), "detail" => e),
        );
    }

    /// Follow an index (by its entry), collecting its images. `chain`: the nested indexes that
    /// led here (digest and entry), outermost first.
    fn index(
        &mut self,
        root: &[u8],
        i: usize,
        depth: usize,
        tags: &[String],
        chain: &[([u8; 32], usize)],
    ) {
        let path = self.entries[i].path.unwrap_or_default().to_vec();
        let Some(j) = self.json_of(i, "index") else {
            return;
        };
        let manifests = match j.arr("manifests") {
            Ok(Some(m)) => m,
            Ok(None) => return self.malformed(&path, "index", msg!("detail-image-no-manifests")),
            Err(e) => return self.malformed(&path, "index", e),
        };
        for m in manifests {
            self.descriptors += 1;
            if self.descriptors > MAX_DESCRIPTORS || depth > MAX_DEPTH {
                return self.malformed(
                    &path,
                    "index",
                    msg!(
                        "detail-image-too-many-descriptors",
                        "limit" => MAX_DESCRIPTORS,
                        "depth" => MAX_DEPTH,
                    ),
                );
            }
            let d = match descriptor(m) {
                Ok(d) => d,
                Err(e) => {
                    self.malformed(&path, "index", e);
                    continue;
                }
            };
            let mut tags = tags.to_vec();
            tags.extend(d.ref_name.clone());
            let Some(bi) = self.blob(root, &d, "manifest") else {
                self.out.images.push(Image {
                    format: "oci-layout".into(),
                    root: shown(root),
                    archive: None,
                    tags,
                    image_id: None,
                    manifest_digest: Some(sha(&d.digest)),
                    platform: d.platform.clone(),
                    pinned: Vec::new(),
                    layers: Vec::new(),
                    status: ImageStatus::NotCarried,
                });
                let mut parts = Parts::chain(root, chain);
                parts.digests.push(d.digest);
                self.out.parts.push(parts);
                continue;
            };
            let is_index = d
                .media_type
                .as_deref()
                .is_some_and(|t| t.contains("index") || t.contains("manifest.list"))
                || self
                    .watch
                    .json(self.entries[bi].path)
                    .and_then(|b| Json::parse(b).ok())
                    .is_some_and(|j| matches!(j.get("manifests"), Ok(Some(_))));
            if is_index {
                let mut inner = chain.to_vec();
                inner.push((d.digest, bi));
                self.index(root, bi, depth + 1, &tags, &inner);
            } else {
                self.manifest(root, bi, &d, tags, chain);
            }
        }
    }

    /// An image manifest (by its blob's entry).
    fn manifest(
        &mut self,
        root: &[u8],
        i: usize,
        d: &Descriptor,
        tags: Vec<String>,
        chain: &[([u8; 32], usize)],
    ) {
        let path = self.entries[i].path.unwrap_or_default().to_vec();
        let Some(j) = self.json_of(i, "manifest") else {
            return;
        };
        let parsed = (|| -> Result<(Descriptor, Vec<Descriptor>), Message> {
            let config = descriptor(
                j.get("config")?
                    .ok_or_else(|| msg!("detail-image-no-config"))?,
            )?;
            let layers = j
                .arr("layers")?
                .ok_or_else(|| msg!("detail-image-no-layers"))?
                .iter()
                .map(descriptor)
                .collect::<Result<Vec<_>, _>>()?;
            Ok((config, layers))
        })();
        let (config, layers) = match parsed {
            Ok(x) => x,
            Err(e) => return self.malformed(&path, "manifest", e),
        };
        let mut image = Image {
            format: "oci-layout".into(),
            root: shown(root),
            archive: None,
            tags,
            image_id: Some(sha(&config.digest)),
            manifest_digest: Some(sha(&d.digest)),
            platform: d.platform.clone(),
            pinned: Vec::new(),
            layers: Vec::new(),
            status: ImageStatus::Ok,
        };
        let ci = self.blob(root, &config, "config");
        let layer_entries: Vec<(Option<usize>, Option<&Descriptor>)> = layers
            .iter()
            .map(|l| (self.blob(root, l, "layer"), Some(l)))
            .collect();
        self.judge_image(&mut image, ci, &layer_entries);
        self.out.images.push(image);
        let mut parts = Parts::chain(root, chain);
        parts.digests.extend([d.digest, config.digest]);
        parts.entries.push(i);
        parts.entries.extend(
            ci.into_iter()
                .chain(layer_entries.iter().filter_map(|l| l.0)),
        );
        parts.carried = true;
        self.out.parts.push(parts);
    }

    /// The rule every format shares: layer `i` decompressed hashes to the config's
    /// `diff_ids[i]`, and there are as many layers as diff_ids.
    fn judge_image(
        &mut self,
        image: &mut Image,
        config: Option<usize>,
        layers: &[(Option<usize>, Option<&Descriptor>)],
    ) {
        let before = self.out.findings.len();
        let mut diff_ids: Option<DiffIds> = None;
        let mut config_path = Vec::new();
        if let Some(ci) = config {
            config_path = self.entries[ci].path.unwrap_or_default().to_vec();
            if let Some(j) = self.json_of(ci, "config") {
                let parsed = (|| -> Result<(DiffIds, Option<String>), Message> {
                    let rootfs = j
                        .get("rootfs")?
                        .ok_or_else(|| msg!("detail-image-no-rootfs"))?;
                    let ids = rootfs
                        .arr("diff_ids")?
                        .ok_or_else(|| msg!("detail-image-no-diff-ids"))?
                        .iter()
                        .map(|x| match x {
                            Json::Str(s) => parse_digest(s).map(Some),
                            _ => Err(msg!("detail-image-diff-id-not-string")),
                        })
                        .collect::<Result<Vec<_>, Message>>()?;
                    let os = j.str("os")?;
                    let arch = j.str("architecture")?;
                    let platform = match (os, arch) {
                        (Some(o), Some(a)) => Some(match j.str("variant")? {
                            Some(v) => format!("{o}/{a}/{v}"),
                            None => format!("{o}/{a}"),
                        }),
                        _ => None,
                    };
                    Ok((ids, platform))
                })();
                match parsed {
                    Ok((ids, platform)) => {
                        diff_ids = Some(ids);
                        if image.platform.is_none() {
                            image.platform = platform;
                        }
                    }
                    Err(e) => self.malformed(&config_path, "config", e),
                }
            }
        }
        if let Some(ids) = &diff_ids {
            if ids.len() != layers.len() {
                self.finding(
                    Code::LayerCountMismatch,
                    Severity::Problem,
                    &config_path,
                    msg!(
                        "finding-layer-count-mismatch",
                        "image" => image.tags.first().cloned().or(image.image_id.clone()).unwrap_or_default(),
                        "count" => layers.len(),
                        "path" => shown(&config_path),
                        "expected" => ids.len(),
                    ),
                );
            }
        }
        for (n, (li, d)) in layers.iter().enumerate() {
            let diff_id = diff_ids
                .as_ref()
                .and_then(|ids| ids.get(n).copied().flatten());
            let mut layer = ImageLayer {
                path: li.and_then(|i| self.entries[i].path.map(shown)),
                digest: d.map(|d| sha(&d.digest)),
                size: d.and_then(|d| d.size).or(li.map(|i| self.entries[i].size)),
                actual: li.and_then(|i| self.entries[i].sha256.as_ref().map(sha)),
                compression: None,
                diff_id: diff_id.as_ref().map(sha),
                uncompressed: None,
                uncompressed_size: None,
                status: ImageStatus::Ok,
            };
            let Some(i) = *li else {
                layer.status = ImageStatus::NotCarried;
                image.layers.push(layer);
                continue;
            };
            let path = self.entries[i].path.unwrap_or_default().to_vec();
            let seen = self.entries[i].path.and_then(|p| self.watch.seen.get(p));
            let codec = seen.and_then(|s| s.codec);
            layer.compression = codec.map(|c| c.as_str().to_string());
            let un: Result<([u8; 32], u64), Message> =
                match (codec, seen.and_then(|s| s.decoded.as_ref())) {
                    (Some(Codec::Plain), _) => self.entries[i]
                        .sha256
                        .map(|h| (h, self.entries[i].size))
                        .ok_or_else(|| msg!("detail-layer-not-read")),
                    (Some(_), Some(dec)) => dec.result.clone(),
                    _ => Err(msg!("detail-layer-not-decompressed")),
                };
            match (un, diff_id) {
                (Ok((h, size)), Some(want)) => {
                    layer.uncompressed = Some(sha(&h));
                    layer.uncompressed_size = Some(size);
                    if h != want {
                        layer.status = ImageStatus::Mismatch;
                        self.finding(
                            Code::DiffIdMismatch,
                            Severity::Problem,
                            &path,
                            msg!(
                                "finding-diff-id-mismatch",
                                "layer" => n + 1,
                                "path" => shown(&path),
                                "actual" => sha(&h),
                                "expected" => sha(&want),
                            ),
                        );
                    }
                }
                (Ok((h, size)), None) => {
                    layer.uncompressed = Some(sha(&h));
                    layer.uncompressed_size = Some(size);
                    layer.status = ImageStatus::Unchecked;
                }
                (Err(e), _) => {
                    layer.status = ImageStatus::Mismatch;
                    self.finding(
                        Code::DiffIdMismatch,
                        Severity::Problem,
                        &path,
                        msg!("finding-layer-unchecked", "layer" => n + 1, "path" => shown(&path), "detail" => e),
                    );
                }
            }
            if let (Some(d), Some(h)) = (d, self.entries[i].sha256) {
                if d.digest != h {
                    layer.status = ImageStatus::Mismatch;
                }
            }
            image.layers.push(layer);
        }
        let problems = self.out.findings[before..]
            .iter()
            .any(|f| f.severity == Severity::Problem);
        image.status = if problems
            || image
                .layers
                .iter()
                .any(|l| l.status == ImageStatus::Mismatch)
        {
            ImageStatus::Mismatch
        } else if config.is_none()
            || image
                .layers
                .iter()
                .any(|l| l.status == ImageStatus::NotCarried)
        {
            ImageStatus::NotCarried
        } else if diff_ids.is_none() {
            ImageStatus::Unchecked
        } else {
            ImageStatus::Ok
        };
    }

    /// `manifest.json` of `docker save`: `[{Config, RepoTags, Layers}]`, paths in the archive.
    fn docker(&mut self, root: &[u8], i: usize) {
        let path = self.entries[i].path.unwrap_or_default().to_vec();
        let Some(j) = self.json_of(i, "manifest.json") else {
            return;
        };
        let Json::Arr(items) = &j else {
            return self.malformed(&path, "manifest.json", msg!("detail-image-not-list"));
        };
        for item in items {
            let parsed = (|| -> Result<(String, Vec<String>, Vec<String>), Message> {
                let config = item
                    .str("Config")?
                    .ok_or_else(|| msg!("detail-image-no-config-path"))?;
                let strings = |k: &str| -> Result<Vec<String>, Message> {
                    item.arr(k)?
                        .unwrap_or_default()
                        .iter()
                        .map(|x| match x {
                            Json::Str(s) => Ok(s.clone()),
                            _ => Err(msg!("detail-json-not-strings", "key" => k)),
                        })
                        .collect()
                };
                Ok((config.to_string(), strings("RepoTags")?, strings("Layers")?))
            })();
            let (config, tags, layers) = match parsed {
                Ok(x) => x,
                Err(e) => {
                    self.malformed(&path, "manifest.json", e);
                    continue;
                }
            };
            let mut resolve = |p: &str, what: &str| -> Option<usize> {
                let full = paths::normalize(p.as_bytes())
                    .ok()
                    .map(|rel| join(root, &rel));
                let found = full.as_deref().and_then(|f| self.resolve(f));
                match found {
                    Some(x) => {
                        self.referenced.insert(x);
                        Some(x)
                    }
                    None => {
                        self.finding(
                            Code::BrokenImagePath,
                            Severity::Problem,
                            &path,
                            msg!(
                                "finding-image-path-broken",
                                "path" => shown(&path),
                                "what" => part(what),
                                "target" => p,
                            ),
                        );
                        None
                    }
                }
            };
            let ci = resolve(&config, "config");
            let lis: Vec<Option<usize>> = layers.iter().map(|l| resolve(l, "layer")).collect();
            let image_id = ci.and_then(|c| self.entries[c].sha256);
            // The config's name carries its digest (`<hex>.json`, `blobs/sha256/<hex>`).
            if let (Some(c), Some(h)) = (ci, image_id) {
                let cp = self.entries[c].path.unwrap_or_default();
                let name = file_name(cp);
                let stem = name.strip_suffix(b".json").unwrap_or(name);
                if is_hex64(stem) {
                    let mut want = [0u8; 32];
                    if hex::decode_to_slice(stem, &mut want).is_ok() {
                        self.out.vouched.push((c, want, want == h));
                    }
                    if want != h {
                        let cp = cp.to_vec();
                        self.finding(
                            Code::BlobDigestMismatch,
                            Severity::Problem,
                            &cp,
                            msg!(
                                "finding-image-config-mismatch",
                                "path" => shown(&cp),
                                "expected" => hex::encode(want),
                                "actual" => sha(&h),
                            ),
                        );
                    }
                }
            }
            let shown_root = shown(root);
            let mut image = Image {
                format: "docker-archive".into(),
                root: shown_root.clone(),
                archive: None,
                tags,
                image_id: image_id.map(|h| sha(&h)),
                manifest_digest: None,
                platform: None,
                pinned: Vec::new(),
                layers: Vec::new(),
                status: ImageStatus::Ok,
            };
            let ls: Vec<(Option<usize>, Option<&Descriptor>)> =
                lis.into_iter().map(|l| (l, None)).collect();
            let before = self.out.findings.len();
            self.judge_image(&mut image, ci, &ls);
            if ci.is_none() || ls.iter().any(|(l, _)| l.is_none()) {
                image.status = ImageStatus::Mismatch;
            }
            let covered: Vec<usize> = ci
                .into_iter()
                .chain(ls.iter().filter_map(|l| l.0))
                .collect();
            // Docker 25+: the same image is in the OCI layout beside it; add the tags there. Its
            // layers as `manifest.json` names them were judged all the same (`docker load` reads
            // `manifest.json`, not the index): what they found is kept, without repeating what
            // the OCI side already said.
            if let Some(k) = self.out.images.iter().position(|m| {
                m.root == shown_root && image.image_id.is_some() && m.image_id == image.image_id
            }) {
                let found = self.out.findings.split_off(before);
                for f in found {
                    if !self.out.findings.contains(&f) {
                        self.out.findings.push(f);
                    }
                }
                let img = &mut self.out.images[k];
                img.format = "docker-archive+oci-layout".into();
                for t in image.tags {
                    if !img.tags.contains(&t) {
                        img.tags.push(t);
                    }
                }
                if image.status == ImageStatus::Mismatch {
                    img.status = ImageStatus::Mismatch;
                }
                self.out.parts[k].entries.extend(covered);
                continue;
            }
            self.out.parts.push(Parts {
                root: root.to_vec(),
                digests: image_id.into_iter().collect(),
                entries: covered,
                carried: ci.is_some(),
                scope: None,
            });
            self.out.images.push(image);
        }
    }
}

/// Find the images among `entries` and check them.
pub fn check(entries: &[Facts], watch: &ImageWatch) -> Outcome {
    let mut by_path = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if let Some(p) = e.path {
            by_path.insert(p, i);
        }
    }
    let mut ctx = Ctx {
        entries,
        watch,
        by_path,
        out: Outcome::default(),
        referenced: BTreeSet::new(),
        descriptors: 0,
    };
    // Image roots: a folder with `oci-layout` + `index.json`, or a `manifest.json` that is a list.
    let mut oci: BTreeMap<Vec<u8>, usize> = BTreeMap::new();
    let mut docker: BTreeMap<Vec<u8>, usize> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        let (Some(p), EntryKind::File | EntryKind::Hardlink) = (e.path, e.kind) else {
            continue;
        };
        let root = paths::parent(p);
        match file_name(p) {
            b"index.json" if ctx.by_path.contains_key(&join(root, b"oci-layout")[..]) => {
                oci.insert(root.to_vec(), i);
            }
            b"manifest.json"
                if watch.json(Some(p)).is_some_and(|j| {
                    j.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[')
                }) =>
            {
                docker.insert(root.to_vec(), i);
            }
            _ => {}
        }
    }
    if oci.is_empty() && docker.is_empty() {
        return ctx.out;
    }
    // Every blob of a layout hashes to its name.
    let roots: BTreeSet<Vec<u8>> = oci.keys().chain(docker.keys()).cloned().collect();
    let mut blobs = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let (Some(p), EntryKind::File | EntryKind::Hardlink, Some(h)) = (e.path, e.kind, e.sha256)
        else {
            continue;
        };
        let dir = paths::parent(p);
        let Some(root) = dir
            .strip_suffix(b"blobs/sha256")
            .map(|r| r.strip_suffix(b"/").unwrap_or(r))
        else {
            continue;
        };
        if !roots.contains(root) || !is_hex64(file_name(p)) {
            continue;
        }
        let mut want = [0u8; 32];
        if hex::decode_to_slice(file_name(p), &mut want).is_err() {
            continue;
        }
        blobs.push(i);
        ctx.out.vouched.push((i, want, want == h));
        if want != h {
            ctx.finding(
                Code::BlobDigestMismatch,
                Severity::Problem,
                p,
                msg!("finding-image-blob-mismatch", "path" => shown(p), "actual" => sha(&h)),
            );
        }
    }
    for (root, i) in &oci {
        ctx.index(root, *i, 0, &[], &[]);
    }
    for (root, i) in &docker {
        ctx.docker(root, *i);
    }
    for i in blobs {
        if !ctx.referenced.contains(&i) {
            let p = entries[i].path.unwrap_or_default();
            ctx.finding(
                Code::UnreferencedBlob,
                Severity::Info,
                p,
                msg!("finding-unreferenced-blob", "path" => shown(p)),
            );
        }
    }
    ctx.out
}
