//! Embeds the message catalogue (`locales/<lang>/*.ftl`) into the engine at build time, so that
//! the CLI and the page stay one file each and work offline. Every folder under `locales/` is a
//! language: adding a language is adding a folder.

use std::{env, fs, path::Path};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut langs: Vec<_> = fs::read_dir(&root)
        .expect("locales/ folder")
        .map(|e| e.expect("locales/ entry").path())
        .filter(|p| p.is_dir())
        .collect();
    langs.sort();
    let cli = env::var_os("CARGO_FEATURE_CLI").is_some();
    let mut out =
        String::from("/// (language tag, [(file name, Fluent source)]), sorted by tag.\n");
    out.push_str("pub static CATALOGUE: &[(&str, &[(&str, &str)])] = &[\n");
    for dir in &langs {
        println!("cargo:rerun-if-changed={}", dir.display());
        let tag = dir
            .file_name()
            .unwrap()
            .to_str()
            .expect("UTF-8 language tag");
        let mut files: Vec<_> = fs::read_dir(dir)
            .expect("language folder")
            .map(|e| e.expect("language folder entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
            .filter(|p| {
                // page.ftl is read by the page's own Fluent (scripts/build.sh inlines it);
                // cli.ftl only where the CLI is built. The wasm engine carries findings.ftl.
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                name != "page.ftl" && (name != "cli.ftl" || cli)
            })
            .collect();
        files.sort();
        out.push_str(&format!("    ({tag:?}, &[\n"));
        for f in &files {
            println!("cargo:rerun-if-changed={}", f.display());
            let name = f.file_name().unwrap().to_str().expect("UTF-8 file name");
            out.push_str(&format!(
                "        ({name:?}, include_str!({:?})),\n",
                f.display().to_string()
            ));
        }
        out.push_str("    ]),\n");
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("catalogue.rs");
    fs::write(dest, out).expect("write catalogue.rs");
}
