//! Geography referential: commune / postal code → INSEE code → département → région, with one reference
//! point per département for distances.
//!
//! The tables are `assets/referentials/geo/*.tsv`, written by `scripts/build-geography.mjs` from Etalab's
//! `@etalab/decoupage-administratif` (communes, postal codes, départements, régions) and GeoNames (the
//! coordinates of each département's chef-lieu); `assets/DATA_SOURCES.md` gives versions and licences. They
//! are compiled into the binary and parsed once, on first use of [`Geography::get`].
//!
//! What people type is matched leniently: postal codes that lost their leading zero in a spreadsheet
//! ([`normalize_postal_code`]), commune names whatever their accents, case, hyphens, apostrophes or `St`
//! for `Saint` ([`name_key`]), former commune names (communes déléguées and associées), and Paris, Lyon and
//! Marseille arrondissements.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::{Serialize, Serializer};

const REGIONS_TSV: &str = include_str!("../../assets/referentials/geo/regions.tsv");
const DEPARTEMENTS_TSV: &str = include_str!("../../assets/referentials/geo/departements.tsv");
const COMMUNES_TSV: &str = include_str!("../../assets/referentials/geo/communes.tsv");

/// Columns of `communes.tsv`; `cle` is [`name_key`] of `nom`, computed by the script so that start-up
/// does not fold 37,000 names (a test checks that it is what `name_key` gives).
const COMMUNES_HEADER: [&str; 9] = [
    "code",
    "nom",
    "cle",
    "departement",
    "region",
    "type",
    "parent",
    "codes_postaux",
    "anciens_codes",
];

/// Mean Earth radius (IUGG), in kilometres.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// How many candidates the French description of an ambiguous resolution names before "et N autres".
const LISTED_CANDIDATES: usize = 5;

/// A région, or an overseas collectivité that has no région (975, 977, 978, 986, 987, 988 are their own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Region {
    /// INSEE code: `84`, `94`, `04` (La Réunion), `975`.
    pub code: &'static str,
    pub name: &'static str,
}

/// A département (or an overseas collectivité, filed like one) with its reference point.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Departement {
    /// `01`, `2A`, `974`.
    pub code: &'static str,
    pub name: &'static str,
    /// Code of its région.
    pub region: &'static str,
    /// INSEE code of the chef-lieu (préfecture), whose position is the reference point.
    pub chef_lieu: &'static str,
    /// Reference point (the chef-lieu's town centre, GeoNames), WGS 84 degrees.
    pub latitude: f64,
    pub longitude: f64,
}

impl Departement {
    /// Great-circle distance between the two reference points, in kilometres.
    pub fn distance_km(&self, other: &Departement) -> f64 {
        haversine_km(
            self.latitude,
            self.longitude,
            other.latitude,
            other.longitude,
        )
    }
}

/// What a row of the communes table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CommuneKind {
    /// A commune today.
    Commune,
    /// One of the arrondissements of Paris, Lyon or Marseille (they have their own postal codes).
    ArrondissementMunicipal,
    /// A former commune merged into a commune nouvelle, kept because people still write its name.
    CommuneDeleguee,
    /// A former commune associated with another one (older mergers), kept for the same reason.
    CommuneAssociee,
}

impl CommuneKind {
    /// The value in the table (Etalab's `type`).
    pub fn as_str(self) -> &'static str {
        match self {
            CommuneKind::Commune => "commune-actuelle",
            CommuneKind::ArrondissementMunicipal => "arrondissement-municipal",
            CommuneKind::CommuneDeleguee => "commune-deleguee",
            CommuneKind::CommuneAssociee => "commune-associee",
        }
    }

    pub fn parse(value: &str) -> Option<CommuneKind> {
        match value {
            "commune-actuelle" => Some(CommuneKind::Commune),
            "arrondissement-municipal" => Some(CommuneKind::ArrondissementMunicipal),
            "commune-deleguee" => Some(CommuneKind::CommuneDeleguee),
            "commune-associee" => Some(CommuneKind::CommuneAssociee),
            _ => None,
        }
    }

    /// French label, for the organiser.
    pub fn label(self) -> &'static str {
        match self {
            CommuneKind::Commune => "commune",
            CommuneKind::ArrondissementMunicipal => "arrondissement municipal",
            CommuneKind::CommuneDeleguee => "commune déléguée",
            CommuneKind::CommuneAssociee => "commune associée",
        }
    }

    /// True for a place that exists today (a commune or an arrondissement), false for a former commune.
    pub fn is_current(self) -> bool {
        matches!(
            self,
            CommuneKind::Commune | CommuneKind::ArrondissementMunicipal
        )
    }
}

/// A row of the communes table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Commune {
    /// INSEE code (`01053`, `2A004`, `75115`). A commune déléguée often shares its code with its commune.
    pub code: &'static str,
    pub name: &'static str,
    pub departement: &'static str,
    pub region: &'static str,
    pub kind: CommuneKind,
    /// For an arrondissement, its commune (`75056`); for a commune déléguée or associée, the commune it
    /// belongs to today; `None` for a commune.
    pub parent: Option<&'static str>,
    /// Five-digit postal codes joined with `,`, as in the table: see [`Commune::postal_codes`].
    #[serde(serialize_with = "serialize_list")]
    postal_codes: &'static str,
    /// Former INSEE codes joined with `,`: see [`Commune::former_codes`].
    #[serde(serialize_with = "serialize_list")]
    former_codes: &'static str,
}

impl Commune {
    /// INSEE code of the municipality this place belongs to: Paris (`75056`) for Paris 15e, the commune
    /// nouvelle for a commune déléguée, its own code otherwise. Two places with the same municipality
    /// code are "the same commune" for pairing.
    pub fn municipality_code(&self) -> &'static str {
        self.parent.unwrap_or(self.code)
    }

    /// Its five-digit postal codes, sorted (none for former communes).
    pub fn postal_codes(&self) -> impl Iterator<Item = &'static str> {
        split_list(self.postal_codes)
    }

    pub fn has_postal_code(&self, postal_code: &str) -> bool {
        self.postal_codes().any(|p| p == postal_code)
    }

    /// Its former INSEE codes (`20004` for Ajaccio before 1976), sorted.
    pub fn former_codes(&self) -> impl Iterator<Item = &'static str> {
        split_list(self.former_codes)
    }
}

impl fmt::Display for Commune {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name, self.code)
    }
}

/// How [`Geography::resolve`] found (or did not find) the commune.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Match {
    /// The postal code and the name agree on one commune.
    ExactPostalAndName,
    /// The postal code alone gives one commune (no name, or a name that matches none of its communes).
    PostalCodeOnly,
    /// The name alone gives one commune (no usable postal code, or one that disagrees).
    NameOnly,
    /// Several communes fit; they are in [`Resolution::candidates`].
    Ambiguous,
    /// Nothing fits.
    NotFound,
}

impl Match {
    /// French label, for the organiser.
    pub fn label(self) -> &'static str {
        match self {
            Match::ExactPostalAndName => "code postal et commune concordent",
            Match::PostalCodeOnly => "commune déduite du code postal",
            Match::NameOnly => "commune déduite de son nom",
            Match::Ambiguous => "plusieurs communes possibles",
            Match::NotFound => "commune introuvable",
        }
    }

    /// True when [`Resolution::commune`] is set.
    pub fn is_found(self) -> bool {
        matches!(
            self,
            Match::ExactPostalAndName | Match::PostalCodeOnly | Match::NameOnly
        )
    }
}

/// The answer of [`Geography::resolve`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Resolution<'g> {
    pub how: Match,
    /// The commune found: always a current one (a commune or an arrondissement), even when the name given
    /// was a former commune's. `Some` exactly when `how.is_found()`.
    pub commune: Option<&'g Commune>,
    /// For [`Match::Ambiguous`], the communes that fit, in INSEE code order; empty otherwise.
    pub candidates: Vec<&'g Commune>,
    /// The commune déléguée or associée whose name was given, when that is how `commune` was found.
    pub former_commune: Option<&'g Commune>,
    /// The département, when known: the commune's, the one all candidates share, or the postal code's.
    pub departement: Option<&'g str>,
    /// The postal code as understood (five digits), when one was given that looks like a postal code.
    pub postal_code: Option<String>,
    /// True when the postal code had lost its leading zero (`1000` read as `01000`).
    pub postal_code_repaired: bool,
    /// True when the postal code and the name point to different places; `how` says which was followed.
    pub conflict: bool,
}

impl<'g> Resolution<'g> {
    fn new(how: Match, postal_code: Option<String>, postal_code_repaired: bool) -> Self {
        Resolution {
            how,
            commune: None,
            candidates: Vec::new(),
            former_commune: None,
            departement: None,
            postal_code,
            postal_code_repaired,
            conflict: false,
        }
    }
}

impl fmt::Display for Resolution<'_> {
    /// One French sentence for the organiser, e.g. "Saint-Étienne (42218) : code postal et commune
    /// concordent".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.commune, self.how) {
            (Some(commune), how) => {
                write!(f, "{commune}")?;
                if let Some(former) = self.former_commune {
                    write!(f, ", {} {}", former.kind.label(), former.name)?;
                }
                write!(f, " : {}", how.label())?;
            }
            (None, Match::Ambiguous) => {
                write!(f, "{} : ", Match::Ambiguous.label())?;
                let listed: Vec<String> = self
                    .candidates
                    .iter()
                    .take(LISTED_CANDIDATES)
                    .map(|c| c.to_string())
                    .collect();
                write!(f, "{}", listed.join(", "))?;
                if self.candidates.len() > LISTED_CANDIDATES {
                    write!(
                        f,
                        " et {} autres",
                        self.candidates.len() - LISTED_CANDIDATES
                    )?;
                }
            }
            (None, how) => write!(f, "{}", how.label())?,
        }
        if self.conflict {
            match self.how {
                Match::NameOnly => {
                    write!(f, " ; le code postal ne correspond pas à cette commune")?
                }
                _ => write!(f, " ; le nom de commune ne correspond pas au code postal")?,
            }
        }
        if let (true, Some(postal_code)) = (self.postal_code_repaired, &self.postal_code) {
            write!(f, " ; code postal lu {postal_code} (zéro initial rétabli)")?;
        }
        Ok(())
    }
}

/// A current commune reached through a name: directly, or through a former commune's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct NameHit {
    current: usize,
    former: Option<usize>,
}

/// The geography referential, parsed once from the embedded tables.
#[derive(Debug)]
pub struct Geography {
    regions: Vec<Region>,
    departements: Vec<Departement>,
    /// Sorted by code, then current before former communes (as in the table), so codes are found by
    /// binary search.
    communes: Vec<Commune>,
    region_index: HashMap<&'static str, usize>,
    departement_index: HashMap<&'static str, usize>,
    departement_by_name: HashMap<String, usize>,
    /// For each row of `communes`, the row of the current commune it is or belongs to.
    current_of: Vec<u32>,
    /// Former INSEE codes → row of the commune that took them over, in table order (looked up only
    /// for codes that are no current one, so a scan is enough).
    former_codes: Vec<(&'static str, u32)>,
    /// (postal code read as a number, row) for every postal code of every row, grouped by the code's
    /// first three digits: group `g` is `postal_entries[postal_start[g]..postal_start[g + 1]]`.
    postal_start: Vec<u32>,
    postal_entries: Vec<(u32, u32)>,
    /// Rows by [`name_key`].
    names: NameIndex,
}

/// End of a chain of rows.
const NO_ROW: u32 = u32::MAX;

/// Groups of postal codes (by their first three digits).
const POSTAL_GROUPS: usize = 1_000;

impl Geography {
    /// The referential, parsed on first use and shared afterwards.
    pub fn get() -> &'static Geography {
        static GEOGRAPHY: OnceLock<Geography> = OnceLock::new();
        GEOGRAPHY.get_or_init(|| {
            // The tables are compiled in, not user data; the tests parse them and check every
            // reference, so a failure here is a defect of the build itself.
            Geography::parse(REGIONS_TSV, DEPARTEMENTS_TSV, COMMUNES_TSV)
                .unwrap_or_else(|error| panic!("référentiel géographique illisible : {error}"))
        })
    }

    /// Parses the three tables and builds the indexes, in as few passes as possible: this runs on
    /// first use, in debug builds too. Cross-references (every département of a commune exists…) are
    /// checked by the tests rather than at each start.
    fn parse(
        regions_tsv: &'static str,
        departements_tsv: &'static str,
        communes_tsv: &'static str,
    ) -> Result<Geography, String> {
        let mut regions = Vec::new();
        for_each_record(
            "regions.tsv",
            regions_tsv,
            ["code", "nom"],
            |[code, name]| {
                regions.push(Region { code, name });
                Ok(())
            },
        )?;
        let region_index: HashMap<&'static str, usize> = regions
            .iter()
            .enumerate()
            .map(|(i, r)| (r.code, i))
            .collect();

        let mut departements = Vec::new();
        for_each_record(
            "departements.tsv",
            departements_tsv,
            [
                "code",
                "nom",
                "region",
                "chef_lieu",
                "latitude",
                "longitude",
            ],
            |[code, name, region, chef_lieu, latitude, longitude]| {
                let coordinate = |text: &str| {
                    text.parse::<f64>().map_err(|_| {
                        format!("departements.tsv, {code} : coordonnée illisible « {text} »")
                    })
                };
                departements.push(Departement {
                    code,
                    name,
                    region,
                    chef_lieu,
                    latitude: coordinate(latitude)?,
                    longitude: coordinate(longitude)?,
                });
                Ok(())
            },
        )?;
        let departement_index: HashMap<&'static str, usize> = departements
            .iter()
            .enumerate()
            .map(|(i, d)| (d.code, i))
            .collect();
        let departement_by_name = departements
            .iter()
            .enumerate()
            .map(|(i, d)| (name_key(d.name), i))
            .collect();

        // One pass over the communes: the rows, their name keys, the rows of former communes (linked to
        // their commune below), former codes, and how many rows carry each postal code. A plain byte
        // loop finds the tabs: `lines()` and `split()` cost several times more in debug builds.
        let capacity = communes_tsv.len() / 60;
        let mut communes: Vec<Commune> = Vec::with_capacity(capacity);
        let mut keys: Vec<&'static str> = Vec::with_capacity(capacity);
        let mut former_rows: Vec<usize> = Vec::new();
        let mut former_codes: Vec<(&'static str, u32)> = Vec::new();
        let mut postal_start = vec![0u32; POSTAL_GROUPS + 1];
        let bytes = communes_tsv.as_bytes();
        let header_end = communes_tsv.find('\n').unwrap_or(communes_tsv.len());
        let header = communes_tsv[..header_end].trim_end_matches('\r');
        if !header.split('\t').eq(COMMUNES_HEADER) {
            return Err("communes.tsv : en-tête inattendu".to_string());
        }
        let mut line_start = header_end + 1;
        // Byte offsets, within the line, of its eight tabs.
        let mut tabs = [0usize; 8];
        let mut column = 0;
        let mut i = line_start;
        // One step past the end stands for a final line break, so a last line without one counts.
        while i <= bytes.len() {
            let byte = if i < bytes.len() { bytes[i] } else { b'\n' };
            if byte == b'\t' {
                if column < 8 {
                    tabs[column] = i - line_start;
                }
                column += 1;
                i += 1;
                continue;
            }
            if byte != b'\n' {
                i += 1;
                continue;
            }
            let mut end = i;
            if end > line_start && bytes[end - 1] == b'\r' {
                end -= 1;
            }
            if end > line_start {
                // Tabs and line breaks are ASCII, so every bound below falls on a character boundary
                // and is in order (checked by `column`); `get` keeps it total all the same.
                let line = communes_tsv.get(line_start..end).unwrap_or("");
                if column != 8 {
                    return Err(format!("communes.tsv : ligne mal formée « {line} »"));
                }
                let cell = |from: usize, to: usize| line.get(from + 1..to).unwrap_or("");
                let code = line.get(..tabs[0]).unwrap_or("");
                let kind = cell(tabs[4], tabs[5]);
                let kind = CommuneKind::parse(kind)
                    .ok_or_else(|| format!("communes.tsv, {code} : type inconnu « {kind} »"))?;
                let parent = cell(tabs[5], tabs[6]);
                let postal_codes = cell(tabs[6], tabs[7]);
                let former = cell(tabs[7], line.len());
                // Checked below: fewer rows than NO_ROW, so `as u32` keeps every index.
                let row = communes.len();
                if !kind.is_current() {
                    former_rows.push(row);
                }
                if !former.is_empty() {
                    former_codes.extend(split_list(former).map(|f| (f, row as u32)));
                }
                if !for_each_postal_number(postal_codes.as_bytes(), |n| {
                    postal_start[n / 100 + 1] += 1
                }) {
                    return Err(format!(
                        "communes.tsv, {code} : codes postaux « {postal_codes} »"
                    ));
                }
                communes.push(Commune {
                    code,
                    name: cell(tabs[0], tabs[1]),
                    departement: cell(tabs[2], tabs[3]),
                    region: cell(tabs[3], tabs[4]),
                    kind,
                    parent: (!parent.is_empty()).then_some(parent),
                    postal_codes,
                    former_codes: former,
                });
                keys.push(cell(tabs[1], tabs[2]));
            }
            line_start = i + 1;
            column = 0;
            i += 1;
        }
        if communes.len() >= NO_ROW as usize {
            return Err("communes.tsv : trop de lignes".to_string());
        }

        // Postal codes: a counting sort on their first three digits.
        for group in 0..POSTAL_GROUPS {
            postal_start[group + 1] += postal_start[group];
        }
        let mut postal_entries = vec![(0u32, 0u32); postal_start[POSTAL_GROUPS] as usize];
        let mut next_free = postal_start.clone();
        for (row, commune) in communes.iter().enumerate() {
            // Every cell was checked in the first pass; a postal code is below 100,000.
            for_each_postal_number(commune.postal_codes.as_bytes(), |n| {
                let group = n / 100;
                postal_entries[next_free[group] as usize] = (n as u32, row as u32);
                next_free[group] += 1;
            });
        }

        let names = NameIndex::build(keys);
        let mut geography = Geography {
            current_of: (0..communes.len() as u32).collect(),
            regions,
            departements,
            communes,
            region_index,
            departement_index,
            departement_by_name,
            former_codes,
            postal_start,
            postal_entries,
            names,
        };
        // A former commune leads to the commune it belongs to today.
        for row in former_rows {
            let commune = &geography.communes[row];
            let parent = commune.parent.ok_or_else(|| {
                format!(
                    "communes.tsv, {} : commune de rattachement manquante",
                    commune.code
                )
            })?;
            let current = geography.current_row(parent).ok_or_else(|| {
                format!(
                    "communes.tsv, {} : commune de rattachement {parent} absente",
                    commune.code
                )
            })?;
            geography.current_of[row] = current as u32;
        }
        Ok(geography)
    }

    /// Row of the current commune or arrondissement with this exact code.
    fn current_row(&self, code: &str) -> Option<usize> {
        let start = self.communes.partition_point(|c| c.code < code);
        self.communes[start..]
            .iter()
            .take_while(|c| c.code == code)
            .position(|c| c.kind.is_current())
            .map(|offset| start + offset)
    }

    /// Rows carrying a five-digit postal code, in table order.
    fn postal_code_rows(&self, postal_code: &str) -> Vec<usize> {
        let Some(n) = postal_number(postal_code) else {
            return Vec::new();
        };
        let group = n / 100;
        let start = self.postal_start[group] as usize;
        let end = self.postal_start[group + 1] as usize;
        self.postal_entries[start..end]
            .iter()
            .filter(|(code, _)| *code as usize == n)
            .map(|&(_, row)| row as usize)
            .collect()
    }

    /// Every région (and overseas collectivité), by code.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// Every département (and overseas collectivité), by code.
    pub fn departements(&self) -> &[Departement] {
        &self.departements
    }

    /// Every row of the communes table, by INSEE code (former communes included; see [`CommuneKind`]).
    pub fn communes(&self) -> &[Commune] {
        &self.communes
    }

    pub fn region(&self, code: &str) -> Option<&Region> {
        let index = match self.region_index.get(code) {
            Some(index) => Some(index),
            None => self.region_index.get(pad_code(code.trim()).as_str()),
        };
        index.map(|&i| &self.regions[i])
    }

    /// The région a département belongs to.
    pub fn region_of(&self, departement: &str) -> Option<&Region> {
        self.departement(departement)
            .and_then(|d| self.region(d.region))
    }

    /// The département with this code; tolerant of spaces, case and a lost leading zero (`1`, `2a`).
    pub fn departement(&self, code: &str) -> Option<&Departement> {
        let index = match self.departement_index.get(code) {
            Some(index) => Some(index),
            None => self
                .departement_index
                .get(pad_code(&code.trim().to_uppercase()).as_str()),
        };
        index.map(|&i| &self.departements[i])
    }

    /// The département named by free text: a code (`69`, `2A`), `01 – Ain` as démarches simplifiées
    /// writes it, or a name (`Corse-du-Sud`, `seine st denis`).
    pub fn find_departement(&self, text: &str) -> Option<&Departement> {
        if let Some(found) = self.departement(text) {
            return Some(found);
        }
        let leading = text
            .trim()
            .split(|c: char| c.is_whitespace() || matches!(c, '–' | '—' | '-'))
            .next()
            .unwrap_or("");
        if let Some(found) = self.departement(leading) {
            return Some(found);
        }
        self.departement_by_name
            .get(&name_key(text))
            .map(|&i| &self.departements[i])
    }

    /// The current commune an INSEE code designates: the commune or arrondissement itself, the commune a
    /// commune déléguée or associée belongs to, or the commune that took over a former code. A code that
    /// lost its leading zero (`1053`) is read as `01053`.
    pub fn commune(&self, insee: &str) -> Option<&Commune> {
        let code = insee.trim().to_uppercase();
        let code = if code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit()) {
            format!("0{code}")
        } else {
            code
        };
        let row = match self.entries(&code).first() {
            // Current rows come first for a code, so this is the commune when there is one, else a
            // former commune, which leads to the commune it belongs to.
            Some(entry) => self.current_row(entry.code).or_else(|| {
                let start = self.communes.partition_point(|c| c.code < entry.code);
                Some(self.current_of[start] as usize)
            }),
            // A former code taken over by two communes (a split) names the first by INSEE code.
            None => self
                .former_codes
                .iter()
                .find(|(former, _)| *former == code)
                .map(|&(_, row)| row as usize),
        };
        row.map(|i| &self.communes[i])
    }

    /// Every row with exactly this INSEE code: the commune and, often, the commune déléguée that shares
    /// its code.
    pub fn entries(&self, insee: &str) -> &[Commune] {
        let start = self.communes.partition_point(|c| c.code < insee);
        let end = self.communes.partition_point(|c| c.code <= insee);
        &self.communes[start..end]
    }

    /// The communes (current ones) that carry a postal code; a commune that has arrondissements is
    /// replaced by the arrondissement(s) with that code. Empty for an unknown or malformed code.
    pub fn communes_of_postal_code(&self, postal_code: &str) -> Vec<&Commune> {
        match normalize_postal_code(postal_code) {
            Some((code, _)) => self
                .postal_hits(&code)
                .into_iter()
                .map(|i| &self.communes[i])
                .collect(),
            None => Vec::new(),
        }
    }

    /// The département of a postal code: from the communes that carry it when it is known (Corsica's
    /// `20xxx` becomes `2A` or `2B`, `97133` Saint-Barthélemy), else from its first digits (two, or
    /// three for `97x`/`98x`; `200xx`–`201xx` is Corse-du-Sud, above is Haute-Corse), which also covers
    /// CEDEX codes. A few postal codes serve communes of two départements; then the one its first
    /// digits name is given. `None` for a malformed code or one that is no département's (`99999`).
    pub fn departement_of_postal_code(&self, postal_code: &str) -> Option<&Departement> {
        let (code, _) = normalize_postal_code(postal_code)?;
        let from_prefix = self.departement_from_prefix(&code);
        let rows = self.postal_code_rows(&code);
        if !rows.is_empty() {
            let mut codes: Vec<&str> = rows.iter().map(|&i| self.communes[i].departement).collect();
            codes.sort_unstable();
            codes.dedup();
            let chosen = match (codes.as_slice(), from_prefix) {
                ([only], _) => Some(*only),
                (_, Some(prefix)) if codes.contains(&prefix.code) => Some(prefix.code),
                (many, _) => many.first().copied(),
            };
            if let Some(chosen) = chosen {
                return self.departement(chosen);
            }
        }
        from_prefix
    }

    fn departement_from_prefix(&self, code: &str) -> Option<&Departement> {
        // `code` is five ASCII digits (normalize_postal_code), so slicing by bytes is safe.
        let prefix = match code.get(..2)? {
            "20" if code < "20200" => "2A",
            "20" => "2B",
            "97" | "98" => code.get(..3)?,
            two => two,
        };
        self.departement_index
            .get(prefix)
            .map(|&i| &self.departements[i])
    }

    /// Distance in kilometres between the reference points (chefs-lieux) of two départements; `None`
    /// when either code is unknown. Same département gives 0.
    pub fn distance_km(&self, departement_a: &str, departement_b: &str) -> Option<f64> {
        let a = self.departement(departement_a)?;
        let b = self.departement(departement_b)?;
        Some(a.distance_km(b))
    }

    /// Whether two départements are in the same région; `None` when either code is unknown.
    pub fn same_region(&self, departement_a: &str, departement_b: &str) -> Option<bool> {
        let a = self.departement(departement_a)?;
        let b = self.departement(departement_b)?;
        Some(a.region == b.region)
    }

    /// Finds the commune someone meant from a postal code and/or a commune name, as typed.
    ///
    /// The postal code is read with [`normalize_postal_code`]; the name is compared with [`name_key`]
    /// (accents, case, hyphens, apostrophes, `St`/`Saint`, `Paris 15`/`Paris 15e Arrondissement`) and
    /// may be a former commune's. When both are given and agree, the answer is
    /// [`Match::ExactPostalAndName`]. When they disagree, a postal code with a single commune wins,
    /// else a commune of that name in the postal code's département; `conflict` is then set.
    pub fn resolve(&self, postal_code: Option<&str>, commune_name: Option<&str>) -> Resolution<'_> {
        // Text that does not look like a postal code at all is treated as absent.
        let (postal, repaired) = match postal_code.and_then(normalize_postal_code) {
            Some((code, repaired)) => (Some(code), repaired),
            None => (None, false),
        };
        let name_hits = commune_name.map(|n| self.name_hits(n)).unwrap_or_default();
        let has_name = commune_name.is_some_and(|n| !name_key(n).is_empty());
        let postal_hits = postal
            .as_deref()
            .map(|p| self.postal_hits(p))
            .unwrap_or_default();
        let postal_departement = postal
            .as_deref()
            .and_then(|p| self.departement_of_postal_code(p))
            .map(|d| d.code);

        let mut resolution = Resolution::new(Match::NotFound, postal.clone(), repaired);
        if !postal_hits.is_empty() {
            if !has_name {
                self.settle_postal(&mut resolution, &postal_hits, false);
            } else {
                // The name's communes among the postal code's; "Paris" + 75015 is Paris 15e.
                let mut agreed: Vec<NameHit> = Vec::new();
                for hit in &name_hits {
                    let named = &self.communes[hit.current];
                    for &p in &postal_hits {
                        let candidate = &self.communes[p];
                        let same = p == hit.current || candidate.parent == Some(named.code);
                        if same && !agreed.iter().any(|a| a.current == p) {
                            agreed.push(NameHit {
                                current: p,
                                former: hit.former,
                            });
                        }
                    }
                }
                match agreed.as_slice() {
                    [one] => self.settle_found(&mut resolution, Match::ExactPostalAndName, *one),
                    [] => {
                        // The name fits none of the postal code's communes: a typo, a lieu-dit, or the
                        // wrong postal code.
                        let departements: Vec<&str> = postal_hits
                            .iter()
                            .map(|&i| self.communes[i].departement)
                            .collect();
                        let near: Vec<NameHit> = name_hits
                            .iter()
                            .copied()
                            .filter(|h| {
                                departements.contains(&self.communes[h.current].departement)
                            })
                            .collect();
                        match (postal_hits.as_slice(), near.as_slice()) {
                            ([_], _) => self.settle_postal(&mut resolution, &postal_hits, true),
                            (_, [one]) => {
                                self.settle_found(&mut resolution, Match::NameOnly, *one);
                                resolution.conflict = true;
                            }
                            _ => self.settle_postal(&mut resolution, &postal_hits, true),
                        }
                    }
                    many => {
                        let rows: Vec<usize> = many.iter().map(|h| h.current).collect();
                        self.settle_ambiguous(&mut resolution, &rows);
                    }
                }
            }
        } else if has_name {
            // No usable postal code: absent, malformed, or unknown (a CEDEX code, a typo). Its first digits
            // may still narrow the name down.
            let near: Vec<NameHit> = match postal_departement {
                Some(departement) => name_hits
                    .iter()
                    .copied()
                    .filter(|h| self.communes[h.current].departement == departement)
                    .collect(),
                None => Vec::new(),
            };
            match (name_hits.as_slice(), near.as_slice()) {
                ([], _) => {}
                (_, [one]) | ([one], []) => {
                    self.settle_found(&mut resolution, Match::NameOnly, *one);
                    // A postal code was given, and the commune is not in its département.
                    resolution.conflict = postal.is_some() && near.is_empty();
                }
                (_, []) => {
                    let rows: Vec<usize> = name_hits.iter().map(|h| h.current).collect();
                    self.settle_ambiguous(&mut resolution, &rows);
                    resolution.conflict = postal.is_some();
                }
                (_, several) => {
                    let rows: Vec<usize> = several.iter().map(|h| h.current).collect();
                    self.settle_ambiguous(&mut resolution, &rows);
                }
            }
        }
        if resolution.departement.is_none() {
            resolution.departement = postal_departement;
        }
        resolution
    }

    fn settle_found<'g>(&'g self, resolution: &mut Resolution<'g>, how: Match, hit: NameHit) {
        let commune = &self.communes[hit.current];
        resolution.how = how;
        resolution.commune = Some(commune);
        resolution.former_commune = hit.former.map(|i| &self.communes[i]);
        resolution.departement = Some(commune.departement);
        resolution.candidates.clear();
    }

    /// The postal code's communes decide: one is found, several are ambiguous.
    fn settle_postal<'g>(
        &'g self,
        resolution: &mut Resolution<'g>,
        rows: &[usize],
        conflict: bool,
    ) {
        match rows {
            [one] => self.settle_found(
                resolution,
                Match::PostalCodeOnly,
                NameHit {
                    current: *one,
                    former: None,
                },
            ),
            _ => self.settle_ambiguous(resolution, rows),
        }
        resolution.conflict = conflict;
    }

    fn settle_ambiguous<'g>(&'g self, resolution: &mut Resolution<'g>, rows: &[usize]) {
        let mut rows = rows.to_vec();
        rows.sort_unstable();
        rows.dedup();
        resolution.how = Match::Ambiguous;
        resolution.commune = None;
        resolution.former_commune = None;
        resolution.candidates = rows.iter().map(|&i| &self.communes[i]).collect();
        // The département is still known when every candidate is in the same one.
        resolution.departement = match resolution.candidates.split_first() {
            Some((first, rest)) if rest.iter().all(|c| c.departement == first.departement) => {
                Some(first.departement)
            }
            _ => None,
        };
    }

    /// Current communes carrying a (normalised) postal code, in code order, a commune replaced by its
    /// arrondissements when they carry the code too.
    fn postal_hits(&self, postal_code: &str) -> Vec<usize> {
        let mut current: Vec<usize> = self
            .postal_code_rows(postal_code)
            .into_iter()
            .map(|i| self.current_of[i] as usize)
            .collect();
        current.sort_unstable();
        current.dedup();
        let parents: Vec<&str> = current
            .iter()
            .filter_map(|&i| self.communes[i].parent)
            .collect();
        current.retain(|&i| !parents.contains(&self.communes[i].code));
        current
    }

    /// Current communes a name designates, directly or as a former commune's name; a direct match wins
    /// over a former name for the same commune. A trailing `(…)` that matches nothing (`Saint-Denis (93)`)
    /// is dropped and the rest tried.
    fn name_hits(&self, name: &str) -> Vec<NameHit> {
        let mut rows = self.names.rows(&name_key(name));
        if rows.is_empty() {
            if let Some(shorter) = without_trailing_parentheses(name) {
                rows = self.names.rows(&name_key(shorter));
            }
        }
        let mut hits: Vec<NameHit> = Vec::new();
        for row in rows {
            let current = self.current_of[row] as usize;
            let former = (current != row).then_some(row);
            match hits.iter_mut().find(|h| h.current == current) {
                Some(existing) => {
                    if former.is_none() {
                        existing.former = None;
                    }
                }
                None => hits.push(NameHit { current, former }),
            }
        }
        hits.sort_by_key(|h| h.current);
        hits
    }
}

/// Reads a postal code as people and spreadsheets write it: `01000`, ` 01000 `, `01 000`, `1000` (a
/// number that lost its leading zero), `1000.0` (the same, stored as a decimal). Returns the five digits
/// and whether a leading zero had to be put back; `None` for anything else.
pub fn normalize_postal_code(value: &str) -> Option<(String, bool)> {
    // Spaces anywhere, including non-breaking ones (`char::is_whitespace` covers U+00A0 and U+202F).
    let mut digits: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    // A number stored with a decimal part of zeros: "1000.0", "1000,00".
    if let Some(position) = digits.find(['.', ',']) {
        let (_, decimals) = digits.split_at(position);
        if !decimals[1..].bytes().all(|b| b == b'0') {
            return None;
        }
        digits.truncate(position);
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match digits.len() {
        5 => Some((digits, false)),
        4 => Some((format!("0{digits}"), true)),
        _ => None,
    }
}

/// The key two commune names are compared on: accents, case, hyphens, apostrophes and punctuation
/// removed (`Saint-Étienne` → `saint etienne`), `St`/`Ste` read as `Saint`/`Sainte`, an article written
/// after the name (`Havre (Le)`) put back in front, a `CEDEX` suffix dropped, and the arrondissements of
/// Paris, Lyon and Marseille written any common way (`Paris 15e Arrondissement`, `PARIS 15`, `Paris
/// 15ème`) reduced to `paris 15`.
///
/// `scripts/build-geography.mjs` mirrors this for the table's `cle` column; a test checks that both agree
/// on every commune.
pub fn name_key(name: &str) -> String {
    let name = name.trim();
    let reordered = if name.ends_with(')') {
        article_in_front(name)
    } else {
        None
    };
    let name = reordered.as_deref().unwrap_or(name);

    // One pass: letters and digits folded into `out`, each run of anything else one space; each word
    // is looked at when it ends (`St` → `saint`, `CEDEX` ends the name).
    let mut out = String::with_capacity(name.len());
    let mut word_start = 0;
    let mut stopped = false;
    for c in name.chars() {
        let separator = if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
                false
            } else {
                true
            }
        } else {
            !super::fold_char(c, &mut out)
        };
        if separator && out.len() > word_start {
            if end_word(&mut out, word_start) {
                stopped = true;
                break;
            }
            out.push(' ');
            word_start = out.len();
        }
    }
    if !stopped && out.len() > word_start {
        end_word(&mut out, word_start);
    }
    while out.ends_with(' ') {
        out.pop();
    }
    if out.starts_with("paris ") || out.starts_with("lyon ") || out.starts_with("marseille ") {
        let tokens: Vec<&str> = out.split(' ').collect();
        if let Some(canonical) = arrondissement_key(&tokens) {
            return canonical;
        }
    }
    out
}

/// Rewrites the last word of `out`, which starts at `start`. Returns true when the name ends there:
/// `CEDEX` and what follows are dropped (unless `CEDEX` is the first word).
fn end_word(out: &mut String, start: usize) -> bool {
    let replacement = match &out[start..] {
        "st" => "saint",
        "ste" => "sainte",
        "sts" => "saints",
        "stes" => "saintes",
        "cedex" if start > 0 => {
            out.truncate(start);
            return true;
        }
        _ => return false,
    };
    out.truncate(start);
    out.push_str(replacement);
    false
}

/// `Paris 15e Arrondissement`, `paris 15`, `Lyon 3ème`, `Marseille 1er arr` → `paris 15`, `lyon 3`, …
fn arrondissement_key(tokens: &[&str]) -> Option<String> {
    let [city, number, rest @ ..] = tokens else {
        return None;
    };
    if !matches!(*city, "paris" | "lyon" | "marseille") {
        return None;
    }
    let digits_end = number
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(number.len());
    let (digits, suffix) = number.split_at(digits_end);
    let n: u32 = digits.parse().ok()?;
    if !matches!(
        suffix,
        "" | "e" | "er" | "re" | "ere" | "eme" | "ieme" | "em" | "me"
    ) {
        return None;
    }
    if !matches!(
        rest,
        [] | ["arrondissement"] | ["arr"] | ["arrt"] | ["arrdt"] | ["arrondt"]
    ) {
        return None;
    }
    Some(format!("{city} {n}"))
}

/// `Havre (Le)` → `Le Havre`, `Abergement-Clémenciat (L')` → `L'Abergement-Clémenciat`.
fn article_in_front(name: &str) -> Option<String> {
    let open = name.strip_suffix(')')?.rfind('(')?;
    let before = name[..open].trim_end();
    // '(' and ')' are one byte each, so these bounds fall on character boundaries.
    let article = name[open + 1..name.len() - 1].trim();
    match article.to_lowercase().as_str() {
        "le" | "la" | "les" => Some(format!("{article} {before}")),
        "l'" | "l’" => Some(format!("{article}{before}")),
        _ => None,
    }
}

/// `Saint-Denis (93)` → `Saint-Denis`; `None` when there is no trailing parenthesis or nothing before it.
fn without_trailing_parentheses(name: &str) -> Option<&str> {
    let trimmed = name.trim_end();
    let open = trimmed.strip_suffix(')')?.rfind('(')?;
    let before = trimmed[..open].trim_end();
    (!before.is_empty()).then_some(before)
}

/// `1` → `01` (département or région codes that lost their leading zero).
fn pad_code(code: &str) -> String {
    if code.len() == 1 && code.bytes().all(|b| b.is_ascii_digit()) {
        format!("0{code}")
    } else {
        code.to_string()
    }
}

fn split_list(cell: &'static str) -> impl Iterator<Item = &'static str> {
    cell.split(',').filter(|item| !item.is_empty())
}

fn serialize_list<S: Serializer>(cell: &&'static str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(split_list(cell))
}

/// A five-digit postal code read as a number (an index into the postal code table).
fn postal_number(code: &str) -> Option<usize> {
    if code.len() != 5 {
        return None;
    }
    code.bytes().try_fold(0usize, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + usize::from(b - b'0'))
    })
}

/// Calls `f` with each postal code of a `,`-joined cell, read as a number. Returns false, having
/// stopped, at anything but five digits.
fn for_each_postal_number(bytes: &[u8], mut f: impl FnMut(usize)) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let Some(code) = bytes.get(i..i + 5) else {
            return false;
        };
        let mut n = 0;
        for &digit in code {
            if !digit.is_ascii_digit() {
                return false;
            }
            n = n * 10 + usize::from(digit - b'0');
        }
        f(n);
        i += 5;
        match bytes.get(i) {
            None => {}
            Some(b',') => i += 1,
            Some(_) => return false,
        }
    }
    true
}

/// Calls `row` with the cells of each line of an embedded table, after checking its header line.
fn for_each_record<const N: usize>(
    file: &str,
    tsv: &'static str,
    header: [&str; N],
    mut row: impl FnMut([&'static str; N]) -> Result<(), String>,
) -> Result<(), String> {
    let mut lines = tsv.lines();
    if !lines.next().unwrap_or("").split('\t').eq(header) {
        return Err(format!("{file} : en-tête inattendu"));
    }
    for (number, line) in lines.enumerate() {
        if line.is_empty() {
            continue;
        }
        let mut cells = [""; N];
        let mut parts = line.split('\t');
        for cell in cells.iter_mut() {
            *cell = parts
                .next()
                .ok_or_else(|| format!("{file}, ligne {} : colonnes manquantes", number + 2))?;
        }
        if parts.next().is_some() {
            return Err(format!("{file}, ligne {} : colonnes en trop", number + 2));
        }
        row(cells)?;
    }
    Ok(())
}

/// Commune rows by [`name_key`]: an open-addressing table over the keys of the table's `cle` column.
/// Built at start-up, where a `HashMap<String, _>` of 37,000 keys is several times slower in debug
/// builds.
#[derive(Debug, Default)]
struct NameIndex {
    /// Row → its key.
    keys: Vec<&'static str>,
    /// Slot → 1 + the last row with a given key, 0 when free. A power of two, at most half full.
    slots: Vec<u32>,
    /// Row → the previous row with the same key, or `NO_ROW`.
    previous: Vec<u32>,
}

impl NameIndex {
    /// The caller has checked that the rows' indexes fit in a `u32`.
    fn build(keys: Vec<&'static str>) -> NameIndex {
        let mut slots = vec![0u32; (keys.len() * 2).next_power_of_two().max(2)];
        let mut previous = vec![NO_ROW; keys.len()];
        let mask = slots.len() - 1;
        for (row, key) in keys.iter().enumerate() {
            let mut slot = fnv1a(key.as_bytes()) as usize & mask;
            loop {
                let occupant = slots[slot];
                if occupant == 0 {
                    slots[slot] = row as u32 + 1;
                    break;
                }
                let other = (occupant - 1) as usize;
                if keys[other] == *key {
                    previous[row] = other as u32;
                    slots[slot] = row as u32 + 1;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        NameIndex {
            keys,
            slots,
            previous,
        }
    }

    /// The rows whose name has this key, last row first.
    fn rows(&self, key: &str) -> Vec<usize> {
        let mut rows = Vec::new();
        if key.is_empty() || self.slots.is_empty() {
            return rows;
        }
        let mask = self.slots.len() - 1;
        let mut slot = fnv1a(key.as_bytes()) as usize & mask;
        // The table is at most half full, so a free slot ends the probe.
        while self.slots[slot] != 0 {
            let last = (self.slots[slot] - 1) as usize;
            if self.keys[last] == key {
                let mut row = last as u32;
                while row != NO_ROW {
                    rows.push(row as usize);
                    row = self.previous[row as usize];
                }
                break;
            }
            slot = (slot + 1) & mask;
        }
        rows
    }
}

/// FNV-1a, 64 bits.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

fn haversine_km(lat_a: f64, lon_a: f64, lat_b: f64, lon_b: f64) -> f64 {
    let (phi_a, phi_b) = (lat_a.to_radians(), lat_b.to_radians());
    let d_phi = (lat_b - lat_a).to_radians();
    let d_lambda = (lon_b - lon_a).to_radians();
    let h =
        (d_phi / 2.0).sin().powi(2) + phi_a.cos() * phi_b.cos() * (d_lambda / 2.0).sin().powi(2);
    // `min(1.0)` guards asin against rounding just above 1 for antipodal points.
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_tables_parse() {
        let parsed = Geography::parse(REGIONS_TSV, DEPARTEMENTS_TSV, COMMUNES_TSV);
        assert!(parsed.is_ok(), "{:?}", parsed.err());
    }

    #[test]
    fn communes_are_sorted_by_code_current_first() {
        // Binary searches on `communes` rely on this order, which the script writes.
        let geo = Geography::get();
        for pair in geo.communes.windows(2) {
            assert!(pair[0].code <= pair[1].code, "{} > {}", pair[0], pair[1]);
            if pair[0].code == pair[1].code {
                assert!(
                    pair[0].kind.is_current() || !pair[1].kind.is_current(),
                    "{}: a current row after a former one",
                    pair[0]
                );
            }
        }
    }

    #[test]
    fn the_tables_name_keys_are_name_key() {
        // The script computes the `cle` column by mirroring `name_key`; they must agree on every row.
        let geo = Geography::get();
        for (row, commune) in geo.communes.iter().enumerate() {
            assert_eq!(
                geo.names.keys[row],
                name_key(commune.name),
                "{commune}: the script's nameKey and name_key differ"
            );
        }
    }

    #[test]
    fn postal_codes_as_people_and_spreadsheets_write_them() {
        let ok = |s: &str, repaired| Some((s.to_string(), repaired));
        assert_eq!(normalize_postal_code("01000"), ok("01000", false));
        assert_eq!(normalize_postal_code(" 01000 "), ok("01000", false));
        assert_eq!(normalize_postal_code("01 000"), ok("01000", false));
        assert_eq!(normalize_postal_code("01\u{a0}000"), ok("01000", false));
        assert_eq!(normalize_postal_code("1000"), ok("01000", true));
        assert_eq!(normalize_postal_code("1000.0"), ok("01000", true));
        assert_eq!(normalize_postal_code("75015,00"), ok("75015", false));
        for bad in [
            "", "   ", "123", "123456", "1000.5", "2A004", "ABCDE", "75 0 1", "1.0.0",
        ] {
            if bad == "75 0 1" {
                // Spaces are dropped: four digits, read as a code that lost its zero.
                assert_eq!(normalize_postal_code(bad), ok("07501", true));
                continue;
            }
            assert_eq!(normalize_postal_code(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn name_keys() {
        for same in [
            "ST ETIENNE",
            "saint-étienne",
            "Saint Etienne",
            "Saint-E\u{301}tienne",
            "  St-Étienne ",
            "SAINT ÉTIENNE CEDEX 2",
        ] {
            assert_eq!(name_key(same), "saint etienne", "{same:?}");
        }
        assert_eq!(name_key("L’Haÿ-les-Roses"), "l hay les roses");
        assert_eq!(name_key("L'Haÿ-les-Roses"), "l hay les roses");
        assert_eq!(name_key("Ste-Foy-lès-Lyon"), "sainte foy les lyon");
        assert_eq!(name_key("Œuilly"), "oeuilly");
        assert_eq!(name_key("Havre (Le)"), "le havre");
        assert_eq!(
            name_key("Abergement-Clémenciat (L')"),
            "l abergement clemenciat"
        );
        assert_eq!(name_key("Château-Chinon (Ville)"), "chateau chinon ville");
        for paris in [
            "Paris 15e Arrondissement",
            "PARIS 15",
            "Paris 15ème",
            "paris 15e arr",
        ] {
            assert_eq!(name_key(paris), "paris 15", "{paris:?}");
        }
        assert_eq!(name_key("Marseille 1er Arrondissement"), "marseille 1");
        assert_eq!(name_key("Lyon 03"), "lyon 3");
        assert_eq!(name_key("Lyon Cedex 03"), "lyon");
        assert_eq!(name_key("Paris"), "paris");
        assert_eq!(name_key(" - "), "");
    }

    #[test]
    fn departements_by_code_or_text() {
        let geo = Geography::get();
        let code = |found: Option<&Departement>| found.map(|d| d.code);
        assert_eq!(code(geo.departement("1")), Some("01"));
        assert_eq!(code(geo.departement("2a")), Some("2A"));
        assert_eq!(code(geo.departement(" 69 ")), Some("69"));
        assert_eq!(code(geo.departement("00")), None);
        assert_eq!(code(geo.find_departement("01 – Ain")), Some("01"));
        assert_eq!(code(geo.find_departement("2A - Corse-du-Sud")), Some("2A"));
        assert_eq!(code(geo.find_departement("Haute-Corse")), Some("2B"));
        assert_eq!(code(geo.find_departement("seine st denis")), Some("93"));
        assert_eq!(code(geo.find_departement("La Réunion")), Some("974"));
        assert_eq!(code(geo.find_departement("Atlantide")), None);
        assert_eq!(geo.region_of("2B").map(|r| r.name), Some("Corse"));
        assert_eq!(geo.region("1").map(|r| r.name), Some("Guadeloupe"));
    }

    #[test]
    fn departement_of_a_postal_code() {
        let geo = Geography::get();
        let of = |postal: &str| geo.departement_of_postal_code(postal).map(|d| d.code);
        assert_eq!(of("20000"), Some("2A"));
        assert_eq!(of("20250"), Some("2B"));
        // Unknown in the table (a CEDEX code, say): from its first digits.
        assert_eq!(of("20199"), Some("2A"));
        assert_eq!(of("20699"), Some("2B"));
        assert_eq!(of("75700"), Some("75"));
        assert_eq!(of("97100"), Some("971"));
        // Saint-Barthélemy's postal code starts like Guadeloupe's.
        assert_eq!(of("97133"), Some("977"));
        // 01200 serves communes of the Ain and one of Haute-Savoie: its first digits decide.
        assert_eq!(of("01200"), Some("01"));
        assert_eq!(of("1000"), Some("01"));
        assert_eq!(of("98000"), None); // Monaco
        assert_eq!(of("99999"), None);
        assert_eq!(of("rue"), None);
    }

    #[test]
    fn codes_of_former_and_delegated_communes_lead_to_the_current_one() {
        let geo = Geography::get();
        let code = |insee: &str| geo.commune(insee).map(|c| c.code);
        assert_eq!(code("20004"), Some("2A004")); // Ajaccio before 1976
        assert_eq!(code("74011"), Some("74010")); // Annecy-le-Vieux, now Annecy
        assert_eq!(code("1053"), Some("01053")); // a number that lost its zero
        assert_eq!(code("2a004"), Some("2A004"));
        assert_eq!(code("75115"), Some("75115"));
        assert_eq!(code("99999"), None);
        assert_eq!(geo.entries("01033").len(), 2);
        assert_eq!(
            geo.commune("01033").map(|c| c.kind),
            Some(CommuneKind::Commune)
        );
    }

    #[test]
    fn a_former_commune_name_finds_the_commune_it_belongs_to() {
        let geo = Geography::get();
        let found = geo.resolve(Some("01200"), Some("Bellegarde-sur-Valserine"));
        assert_eq!(found.how, Match::ExactPostalAndName);
        assert_eq!(found.commune.map(|c| c.name), Some("Valserhône"));
        assert_eq!(
            found.former_commune.map(|c| c.name),
            Some("Bellegarde-sur-Valserine")
        );
        assert_eq!(
            found.to_string(),
            "Valserhône (01033), commune déléguée Bellegarde-sur-Valserine : \
             code postal et commune concordent"
        );
        let alone = geo.resolve(None, Some("annecy le vieux"));
        assert_eq!(alone.how, Match::NameOnly);
        assert_eq!(alone.commune.map(|c| c.code), Some("74010"));
        // A commune whose name is also its commune déléguée's is found as itself.
        let annecy = geo.resolve(None, Some("Annecy"));
        assert_eq!(annecy.commune.map(|c| c.code), Some("74010"));
        assert_eq!(annecy.former_commune, None);
    }

    #[test]
    fn arrondissements() {
        let geo = Geography::get();
        let only = |postal: &str| geo.resolve(Some(postal), None).commune.map(|c| c.code);
        assert_eq!(only("75116"), Some("75116"));
        assert_eq!(only("75016"), Some("75116"));
        assert_eq!(only("13001"), Some("13201"));
        assert_eq!(only("69009"), Some("69389"));
        let named = geo.resolve(None, Some("Paris 15ème"));
        assert_eq!(named.how, Match::NameOnly);
        assert_eq!(named.commune.map(|c| c.code), Some("75115"));
        assert_eq!(named.commune.map(|c| c.municipality_code()), Some("75056"));
        let paris = geo.resolve(None, Some("PARIS"));
        assert_eq!(paris.commune.map(|c| c.code), Some("75056"));
        let communes = geo.communes_of_postal_code("75015");
        assert_eq!(
            communes.iter().map(|c| c.code).collect::<Vec<_>>(),
            ["75115"]
        );
    }

    #[test]
    fn postal_code_and_name_that_disagree() {
        let geo = Geography::get();
        // One commune for the postal code: it wins, and the disagreement is flagged.
        let found = geo.resolve(Some("42000"), Some("Lyon"));
        assert_eq!(found.how, Match::PostalCodeOnly);
        assert_eq!(found.commune.map(|c| c.code), Some("42218"));
        assert!(found.conflict);
        assert!(found.to_string().contains("ne correspond pas"), "{found}");
        // Several communes for the postal code, the name is one of the same département.
        let near = geo.resolve(Some("20200"), Some("Corte"));
        assert_eq!(near.how, Match::NameOnly);
        assert_eq!(near.commune.map(|c| c.code), Some("2B096"));
        assert!(near.conflict);
        // An unknown postal code (CEDEX) whose first digits pick the right Saint-Denis.
        let cedex = geo.resolve(Some("93999"), Some("Saint-Denis Cedex"));
        assert_eq!(cedex.how, Match::NameOnly);
        assert_eq!(cedex.commune.map(|c| c.code), Some("93066"));
        assert!(!cedex.conflict);
        // A name alone in the table but far from the postal code's département.
        let far = geo.resolve(Some("13999"), Some("Bourg-en-Bresse"));
        assert_eq!(far.how, Match::NameOnly);
        assert!(far.conflict);
    }

    #[test]
    fn what_the_resolution_says() {
        let geo = Geography::get();
        let found = geo.resolve(Some("1000"), Some("Bourg-en-Bresse"));
        assert_eq!(
            found.to_string(),
            "Bourg-en-Bresse (01053) : code postal et commune concordent ; \
             code postal lu 01000 (zéro initial rétabli)"
        );
        let postal = geo.resolve(Some("01000"), None);
        assert_eq!(postal.how, Match::Ambiguous);
        assert_eq!(postal.departement, Some("01"));
        assert_eq!(
            postal.to_string(),
            "plusieurs communes possibles : Bourg-en-Bresse (01053), Saint-Denis-lès-Bourg (01344)"
        );
        let many = geo.resolve(None, Some("Sainte-Colombe"));
        assert_eq!(many.how, Match::Ambiguous);
        assert!(many.to_string().contains(" et "), "{many}");
        assert_eq!(many.departement, None);
    }

    #[test]
    fn distances() {
        let geo = Geography::get();
        let corsica = geo.distance_km("2A", "2B").unwrap_or(f64::NAN);
        assert!((80.0..130.0).contains(&corsica), "{corsica}");
        assert_eq!(geo.distance_km("2A", "2B"), geo.distance_km("2B", "2A"));
        let reunion = geo.distance_km("75", "974").unwrap_or(f64::NAN);
        assert!((9_000.0..9_600.0).contains(&reunion), "{reunion}");
        assert_eq!(geo.same_region("971", "972"), Some(false));
        assert_eq!(geo.same_region("75", "nowhere"), None);
    }
}
