//! Finding and reading a directory of PETRARCH dictionaries the user names at run time.
//!
//! This is the crate's only I/O: it picks the files (from `PETR_config.ini` when the directory
//! has one, else by name), reads them, parses them and converts them ([`load_dir`]). It must
//! never write, copy or cache the files anywhere.

use std::path::{Path, PathBuf};

use crate::actors::{parse_actors_reporting_into, parse_agents_reporting, ActorDict};
use crate::convert::{convert, ConvertError, ConvertOptions, PetrarchCoding};
use crate::discards::parse_discards;
use crate::verbs::parse_verbs_reporting;
use crate::DictError;

/// The dictionary files chosen in a directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictionaryFiles {
    /// The verb dictionary.
    pub verbs: PathBuf,
    /// Actor dictionaries, in order.
    pub actors: Vec<PathBuf>,
    /// The agent dictionary, if any.
    pub agents: Option<PathBuf>,
    /// The discard list, if any.
    pub discards: Option<PathBuf>,
    /// Conversion options (from `PETR_config.ini`'s `require_dyad` when present).
    pub options: ConvertOptions,
}

/// Why a dictionary directory could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A file or the directory could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The error.
        #[source]
        source: std::io::Error,
    },
    /// The directory does not say which files to use.
    #[error("{dir}: {message}")]
    Choice {
        /// The directory.
        dir: String,
        /// What is missing or ambiguous.
        message: String,
    },
    /// A dictionary file is malformed.
    #[error(transparent)]
    Dict(#[from] DictError),
    /// The converted dictionaries were rejected.
    #[error(transparent)]
    Convert(#[from] ConvertError),
}

fn read(path: &Path) -> Result<String, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: path.display().to_string(),
        source,
    })?;
    // some dictionaries carry a stray Latin-1 byte: decode lossily rather than fail
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `key = value` settings of an ini file (sections ignored).
fn ini_value<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.lines().find_map(|l| {
        let l = l.trim();
        if l.starts_with('#') {
            return None;
        }
        let (k, v) = l.split_once('=')?;
        (k.trim() == key).then(|| v.trim())
    })
}

/// Choose the dictionary files of `dir`: the names `PETR_config.ini` gives, else the one file
/// whose name contains `verbs` (or `CAMEO.2.0`), every file with `actors`, the one with
/// `agents` and the one with `discards`. Without a config file, `require_dyad` is PETRARCH's
/// default (true).
pub fn choose_files(dir: &Path) -> Result<DictionaryFiles, LoadError> {
    let choice = |message: String| LoadError::Choice {
        dir: dir.display().to_string(),
        message,
    };
    let config = dir.join("PETR_config.ini");
    if config.is_file() {
        let text = read(&config)?;
        let get = |k: &str| ini_value(&text, k).filter(|v| !v.is_empty());
        let verbs = get("verbfile_name")
            .ok_or_else(|| choice("PETR_config.ini names no verbfile_name".into()))?;
        let actors: Vec<PathBuf> = get("actorfile_list")
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| dir.join(s))
            .collect();
        let require_dyad = get("require_dyad").is_none_or(|v| v.eq_ignore_ascii_case("true"));
        return Ok(DictionaryFiles {
            verbs: dir.join(verbs),
            actors,
            agents: get("agentfile_name").map(|s| dir.join(s)),
            discards: get("discardfile_name").map(|s| dir.join(s)),
            options: ConvertOptions { require_dyad },
        });
    }
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|source| LoadError::Io {
            path: dir.display().to_string(),
            source,
        })?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    names.sort();
    let with = |needle: &str| -> Vec<String> {
        names
            .iter()
            .filter(|n| n.to_lowercase().contains(needle))
            .cloned()
            .collect()
    };
    let one = |needle: &str, required: bool| -> Result<Option<PathBuf>, LoadError> {
        let found = with(needle);
        match found.len() {
            0 if required => Err(choice(format!("no file with {needle:?} in its name"))),
            0 => Ok(None),
            1 => Ok(found.first().map(|n| dir.join(n))),
            _ => Err(choice(format!(
                "several files with {needle:?} in their names ({}); add a PETR_config.ini naming one",
                found.join(", ")
            ))),
        }
    };
    let verbs = match one("verbs", false)? {
        Some(v) => v,
        None => one("cameo.2.0", true)?.unwrap_or_default(),
    };
    let actors: Vec<PathBuf> = with("actors").iter().map(|n| dir.join(n)).collect();
    if actors.is_empty() {
        return Err(choice("no file with \"actors\" in its name".into()));
    }
    Ok(DictionaryFiles {
        verbs,
        actors,
        agents: one("agents", false)?,
        discards: one("discards", false)?,
        options: ConvertOptions::default(),
    })
}

fn name_of(p: &Path) -> String {
    p.file_name()
        .and_then(|n| n.to_str())
        .map_or_else(|| p.display().to_string(), str::to_string)
}

/// Read, parse and convert the PETRARCH dictionaries of `dir` (see [`choose_files`]); the
/// result gives a coder with [`PetrarchCoding::coder`]. `dyad code --dictionaries DIR` and
/// `dyad eval --dictionaries DIR` both call this.
pub fn load_dir(dir: &Path) -> Result<PetrarchCoding, LoadError> {
    let files = choose_files(dir)?;
    load_files(&files)
}

/// Read, parse and convert the given dictionary files.
pub fn load_files(files: &DictionaryFiles) -> Result<PetrarchCoding, LoadError> {
    // malformed pattern lines are skipped and listed in `PetrarchCoding::skipped`
    let verbs = parse_verbs_reporting(&name_of(&files.verbs), &read(&files.verbs)?)?;
    let mut actors = ActorDict::default();
    for a in &files.actors {
        parse_actors_reporting_into(&mut actors, &name_of(a), &read(a)?)?;
    }
    let agents = match &files.agents {
        Some(p) => Some(parse_agents_reporting(&name_of(p), &read(p)?)?),
        None => None,
    };
    let discards = match &files.discards {
        Some(p) => Some(parse_discards(&name_of(p), &read(p)?)?),
        None => None,
    };
    Ok(convert(
        &verbs,
        &actors,
        agents.as_ref(),
        discards.as_ref(),
        files.options,
    )?)
}
