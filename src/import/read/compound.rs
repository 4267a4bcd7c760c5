//! One stream read out of an OLE compound file (the container of a `.xls`), as Excel reads it:
//! by following that stream's own sector chain, and nothing else.
//!
//! A compound file is a small file system: a table (the FAT) says which sector follows which,
//! and a directory gives each stream its first sector and its length. calamine follows a chain
//! until it has the declared length, so a chain that loops back on itself with a declared
//! length of gigabytes allocates until memory runs out; the `cfb` crate checks the whole table
//! when it opens a file and so refuses files Excel opens (a stale entry in an unused part of
//! the table is enough). Here only the chains needed are followed, each sector at most once,
//! inside the file: a loop or a sector past the end is an error, found at once, and what is
//! read is never more than the file. Layout: [MS-CFB] 2.2 (header), 2.3–2.5 (FAT, DIFAT, mini
//! FAT), 2.6 (directory).

use std::fmt;

/// Why the stream could not be read (for the log; the organiser is told the file is damaged).
#[derive(Debug)]
pub(super) enum Broken {
    Header(&'static str),
    /// A chain of sectors that comes back to a sector already read.
    Loop(u32),
    /// A sector number outside the table or the file.
    OutOfFile(u32),
    /// An entry of the table that is no sector (free, or reserved) inside a chain.
    Unchained(u32),
}

impl fmt::Display for Broken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Broken::Header(what) => write!(f, "en-tête de fichier composé invalide : {what}"),
            Broken::Loop(at) => write!(f, "chaîne de secteurs en boucle (secteur {at})"),
            Broken::OutOfFile(at) => write!(f, "secteur {at} hors du fichier"),
            Broken::Unchained(at) => write!(f, "chaîne interrompue au secteur {at}"),
        }
    }
}

/// What the directory holds, as far as a reader of workbooks cares.
pub(super) enum Found {
    /// The workbook stream: its name (`Workbook`, or `Book` before Excel 97) and its bytes.
    Workbook(&'static str, Vec<u8>),
    /// An encrypted OOXML package (an `.xlsx` with a password, wrapped in OLE).
    EncryptedPackage,
    /// Some other Office document (Word, PowerPoint, Outlook…).
    Other,
}

const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const MAX_REGULAR: u32 = 0xFFFF_FFFA;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const MINI_SECTOR: usize = 64;

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    bytes
        .get(at..at + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    bytes
        .get(at..at + 2)
        .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]))
}

struct Compound<'a> {
    file: &'a [u8],
    sector: usize,
    fat: Vec<u32>,
}

impl<'a> Compound<'a> {
    fn sectors_in_file(&self) -> usize {
        (self.file.len() / self.sector).saturating_sub(1) + usize::from(self.tail() > 0)
    }

    /// Bytes of a last sector the writer did not pad (read as far as they go).
    fn tail(&self) -> usize {
        self.file.len() % self.sector
    }

    /// The bytes of sector `id` (a last one may be short).
    fn sector(&self, id: u32) -> Result<&'a [u8], Broken> {
        let start = (id as usize + 1)
            .checked_mul(self.sector)
            .ok_or(Broken::OutOfFile(id))?;
        if start >= self.file.len() {
            return Err(Broken::OutOfFile(id));
        }
        Ok(&self.file[start..(start + self.sector).min(self.file.len())])
    }

    /// The sectors of the chain starting at `start`, each once.
    fn chain(&self, table: &[u32], start: u32, limit: usize) -> Result<Vec<u32>, Broken> {
        let mut seen = vec![false; table.len()];
        let mut ids = Vec::new();
        let mut id = start;
        while id != END_OF_CHAIN {
            let index = id as usize;
            if id > MAX_REGULAR {
                return Err(Broken::Unchained(id));
            }
            if index >= table.len() || index >= limit {
                return Err(Broken::OutOfFile(id));
            }
            if std::mem::replace(&mut seen[index], true) {
                return Err(Broken::Loop(id));
            }
            ids.push(id);
            id = table[index];
        }
        Ok(ids)
    }

    /// A stream kept in regular sectors, at most `len` bytes of it.
    fn read(&self, start: u32, len: usize) -> Result<Vec<u8>, Broken> {
        let mut out = Vec::new();
        for id in self.chain(&self.fat, start, self.sectors_in_file())? {
            if out.len() >= len {
                break;
            }
            out.extend_from_slice(self.sector(id)?);
        }
        out.truncate(len);
        Ok(out)
    }
}

/// A compound file's table and directory, read once; its streams are read from them on demand.
pub(super) struct Directory<'a> {
    compound: Compound<'a>,
    entries: Vec<Entry>,
}

/// Reads the table (FAT) and the directory of `file`.
pub(super) fn open(file: &[u8]) -> Result<Directory<'_>, Broken> {
    if file.len() < 512 || file[..8] != SIGNATURE {
        return Err(Broken::Header("signature"));
    }
    let sector = match u16_at(file, 30) {
        9 => 512,
        12 => 4096,
        _ => return Err(Broken::Header("taille de secteur")),
    };
    let mut compound = Compound {
        file,
        sector,
        fat: Vec::new(),
    };
    let in_file = compound.sectors_in_file();
    // The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors.
    let mut fat_sectors: Vec<u32> = (0..109).map(|i| u32_at(file, 76 + 4 * i)).collect();
    let mut next = u32_at(file, 68);
    let mut difat_seen = vec![false; in_file];
    while next <= MAX_REGULAR {
        let index = next as usize;
        if index >= in_file {
            return Err(Broken::OutOfFile(next));
        }
        if std::mem::replace(&mut difat_seen[index], true) {
            return Err(Broken::Loop(next));
        }
        let bytes = compound.sector(next)?;
        let entries = sector / 4 - 1;
        fat_sectors.extend((0..entries).map(|i| u32_at(bytes, 4 * i)));
        next = u32_at(bytes, 4 * entries);
    }
    let mut fat_seen = vec![false; in_file];
    let mut fat = Vec::new();
    for id in fat_sectors.into_iter().filter(|&id| id <= MAX_REGULAR) {
        let index = id as usize;
        if index >= in_file {
            return Err(Broken::OutOfFile(id));
        }
        // Each sector once, so that the table is never larger than the file. (A writer that
        // fills the unused slots of the list with 0 rather than « free » lists sector 0 again,
        // after the real ones: skipping it leaves the table as it should be.)
        if std::mem::replace(&mut fat_seen[index], true) {
            continue;
        }
        let bytes = compound.sector(id)?;
        fat.extend((0..bytes.len() / 4).map(|i| u32_at(bytes, 4 * i)));
    }
    compound.fat = fat;

    let directory = compound.read(u32_at(file, 48), usize::MAX)?;
    let entries: Vec<Entry> = directory.chunks_exact(128).map(Entry::parse).collect();
    Ok(Directory { compound, entries })
}

impl Directory<'_> {
    fn entry(&self, wanted: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.kind == STREAM && e.name.eq_ignore_ascii_case(wanted))
    }

    /// The stream named `wanted` (case aside), if the directory holds one.
    pub(super) fn stream(&self, wanted: &str) -> Result<Option<Vec<u8>>, Broken> {
        self.entry(wanted).map(|e| self.read(e)).transpose()
    }

    fn read(&self, entry: &Entry) -> Result<Vec<u8>, Broken> {
        let (compound, file) = (&self.compound, self.compound.file);
        // Never more than the file, whatever the directory declares.
        let len = entry.size.min(file.len() as u64) as usize;
        let cutoff = u32_at(file, 56) as u64;
        if entry.size >= cutoff {
            return compound.read(entry.start, len);
        }
        // Small streams live in 64-byte mini sectors, inside the root entry's stream.
        let root = self
            .entries
            .first()
            .ok_or(Broken::Header("répertoire vide"))?;
        let mini_stream = compound.read(root.start, root.size.min(file.len() as u64) as usize)?;
        let mini_fat: Vec<u32> = compound
            .read(u32_at(file, 60), file.len())?
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        let minis = mini_stream.len().div_ceil(MINI_SECTOR);
        let mut out = Vec::new();
        for id in compound.chain(&mini_fat, entry.start, minis)? {
            if out.len() >= len {
                break;
            }
            let start = id as usize * MINI_SECTOR;
            let end = (start + MINI_SECTOR).min(mini_stream.len());
            out.extend_from_slice(mini_stream.get(start..end).ok_or(Broken::OutOfFile(id))?);
        }
        out.truncate(len);
        Ok(out)
    }
}

/// Finds and reads the workbook stream of `file`.
pub(super) fn workbook(file: &[u8]) -> Result<Found, Broken> {
    let directory = open(file)?;
    let (name, entry) = match (directory.entry("Workbook"), directory.entry("Book")) {
        (Some(entry), _) => ("Workbook", entry),
        (None, Some(entry)) => ("Book", entry),
        (None, None) if directory.entry("EncryptedPackage").is_some() => {
            return Ok(Found::EncryptedPackage)
        }
        (None, None) => return Ok(Found::Other),
    };
    Ok(Found::Workbook(name, directory.read(entry)?))
}

const STREAM: u8 = 2;

struct Entry {
    name: String,
    kind: u8,
    start: u32,
    size: u64,
}

impl Entry {
    fn parse(raw: &[u8]) -> Entry {
        // The name's length is in bytes, its terminating zero included.
        let units = (usize::from(u16_at(raw, 64)) / 2).clamp(1, 32) - 1;
        let utf16: Vec<u16> = (0..units).map(|i| u16_at(raw, 2 * i)).collect();
        Entry {
            name: String::from_utf16_lossy(&utf16),
            kind: raw[66],
            start: u32_at(raw, 116),
            // Version 3 files may leave garbage in the high half (MS-CFB 2.6.1).
            size: u64::from(u32_at(raw, 120)),
        }
    }
}
