//! An `.xlsx` encrypted with Excel's default password, opened as Excel opens it.
//!
//! Office encrypts a workbook by putting the whole zip package, encrypted, in a compound file
//! beside a stream saying how ([MS-OFFCRYPTO] 2.3.4: « agile » encryption since Excel 2010,
//! « standard » in Excel 2007). A workbook protected only against changes (« lecture seule
//! recommandée », some exports from other tools) is encrypted with the fixed password
//! `VelvetSweatshop`, which Excel tries first and so opens without asking: the organiser sees
//! nothing unusual and must not be told it has a password. Any other password stays refused.
//!
//! The two streams are read here by `compound.rs` (each sector once, inside the file: a loop
//! or a sector past the end is refused at once, and nothing read is larger than the file),
//! put alone in a new, clean compound file, and handed to the `office-crypto` crate, which
//! does the key derivation and the decryption. The package comes back in memory; it is never
//! written to disk.

use std::io::{Cursor, Write};
use std::path::Path;

use super::compound;
use super::refusal;
use crate::import::error::ImportError;

/// The password Excel tries before asking for one.
const EXCEL_DEFAULT_PASSWORD: &str = "VelvetSweatshop";

/// The description of the encryption is an XML of about a kilobyte. The XML reader
/// office-crypto uses (quick-xml 0.38) takes time quadratic in the attributes of one tag
/// (RUSTSEC-2026-0194, acknowledged in .cargo/audit.toml for this reason): a larger one is no
/// file Office wrote, and is refused before it is parsed.
const MAX_ENCRYPTION_INFO: usize = 64 * 1024;

/// The decrypted zip package of the encrypted `.xlsx` at `path`, if Excel's default password
/// opens it; otherwise the file is refused as protected by a password.
pub(super) fn decrypt_with_default_password(
    path: &Path,
    file: &str,
) -> Result<Vec<u8>, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        file: file.to_string(),
        source,
    })?;
    let protected = || ImportError::Encrypted {
        file: file.to_string(),
    };
    let directory = compound::open(&bytes).map_err(|e| refusal::compound(file, &e))?;
    let stream = |name| {
        directory
            .stream(name)
            .map_err(|e| refusal::compound(file, &e))
    };
    let (Some(info), Some(package)) = (stream("EncryptionInfo")?, stream("EncryptedPackage")?)
    else {
        return Err(protected());
    };
    if info.len() > MAX_ENCRYPTION_INFO {
        return Err(refusal::compound(
            file,
            &format!("EncryptionInfo de {} octets", info.len()),
        ));
    }
    drop(bytes);
    let clean = rebuild(&info, &package).map_err(|e| refusal::compound(file, &e))?;
    drop(package);
    match office_crypto::decrypt_from_bytes(clean, EXCEL_DEFAULT_PASSWORD) {
        // A wrong key gives bytes, not an error: only a zip package is the workbook.
        Ok(decrypted) if decrypted.starts_with(b"PK\x03\x04") => Ok(decrypted),
        Ok(_) => Err(protected()),
        Err(e) => {
            log::warn!("lecture de « {file} » (office-crypto) : {e}");
            Err(protected())
        }
    }
}

fn rebuild(info: &[u8], package: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut compound =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))?;
    compound.create_stream("/EncryptionInfo")?.write_all(info)?;
    compound
        .create_stream("/EncryptedPackage")?
        .write_all(package)?;
    compound.flush()?;
    Ok(compound.into_inner().into_inner())
}
