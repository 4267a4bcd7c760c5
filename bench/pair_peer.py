"""The Python peer of `binome pair` (bench/pair.sh): the same job done the usual Python way.

pandas.read_excel (openpyxl) on both files, e-mails and postal codes normalised, a numpy score
matrix on métier / département / région, scipy.optimize.linear_sum_assignment (each ambassador's
places as columns), the workbook written with XlsxWriter. Usage: pair_peer.py STUDENTS AMBASSADORS OUT
"""

import sys
import unicodedata

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

students_path, ambassadors_path, out = sys.argv[1:4]

REGIONS = {
    "Auvergne-Rhône-Alpes": "01 03 07 15 26 38 42 43 63 69 73 74",
    "Bourgogne-Franche-Comté": "21 25 39 58 70 71 89 90",
    "Bretagne": "22 29 35 56",
    "Centre-Val de Loire": "18 28 36 37 41 45",
    "Corse": "2A 2B 20",
    "Grand Est": "08 10 51 52 54 55 57 67 68 88",
    "Hauts-de-France": "02 59 60 62 80",
    "Île-de-France": "75 77 78 91 92 93 94 95",
    "Normandie": "14 27 50 61 76",
    "Nouvelle-Aquitaine": "16 17 19 23 24 33 40 47 64 79 86 87",
    "Occitanie": "09 11 12 30 31 32 34 46 48 65 66 81 82",
    "Pays de la Loire": "44 49 53 72 85",
    "Provence-Alpes-Côte d'Azur": "04 05 06 13 83 84",
    "Guadeloupe": "971", "Martinique": "972", "Guyane": "973", "La Réunion": "974", "Mayotte": "976",
}
REGION_OF = {d: r for r, ds in REGIONS.items() for d in ds.split()}


def key(series):
    """Lower case, no accents, single spaces: how names are compared."""
    def one(v):
        if not isinstance(v, str):
            return ""
        v = unicodedata.normalize("NFKD", v.strip().lower())
        return " ".join("".join(c for c in v if not unicodedata.combining(c)).split())
    return series.map(one)


def emails(series):
    return series.astype("string").str.strip().str.lower()


def postal_codes(series):
    text = series.astype("string").str.strip().str.replace(r"\.0$", "", regex=True)
    return text.str.replace(r"\D", "", regex=True).str.slice(0, 5).str.zfill(5)


def departement(codes):
    dep = codes.str.slice(0, 2)
    dep = dep.where(~dep.isin(["97"]), codes.str.slice(0, 3))
    return dep.where(dep != "20", np.where(codes < "20200", "2A", "2B"))


# Students: démarches simplifiées export, sheet « Dossiers »; one row per e-mail (the latest kept),
# only the files in a retained state.
s = pd.read_excel(students_path, sheet_name="Dossiers", engine="openpyxl")
s["email"] = emails(s["Email"])
s = s.sort_values("Déposé le").drop_duplicates("email", keep="last")
s = s[s["État du dossier"].isin(["accepte", "en_instruction", "en_construction"])].reset_index(drop=True)
s["cp"] = postal_codes(s["Code postal de votre lieu de résidence"])
s["dep"] = departement(s["cp"])
s["region"] = s["dep"].map(REGION_OF)
wishes = [key(s[f"Métier que vous souhaitez découvrir ({n} choix)"]) for n in ("1er", "2e", "3e")]

# Ambassadors: the reworked Sphinx export, its header on the fourth row.
a = pd.read_excel(ambassadors_path, header=3, engine="openpyxl")
a = a[a["Adresse électronique professionnelle"].notna()]
a["email"] = emails(a["Adresse électronique professionnelle"])
a = a.drop_duplicates("email", keep="last").reset_index(drop=True)
a["cp"] = postal_codes(a["Code postal de votre lieu de travail"])
a["dep"] = departement(a["cp"])
a["region"] = a["dep"].map(REGION_OF)
a["metier"] = key(a["Quel est votre métier ?"])
places = pd.to_numeric(a["Combien d'étudiants pouvez-vous accueillir ?"], errors="coerce").fillna(1).clip(1, 5).astype(int)

# Scores: métier (1st, 2nd, 3rd wish) + same département, or else same région; one column per place.
metier = a["metier"].to_numpy()
score = np.zeros((len(s), len(a)), dtype=np.int64)
for points, wish in zip((100, 60, 40), wishes):
    score += np.where(wish.to_numpy()[:, None] == metier[None, :], points, 0)
same_dep = s["dep"].to_numpy()[:, None] == a["dep"].to_numpy()[None, :]
same_region = s["region"].to_numpy()[:, None] == a["region"].to_numpy()[None, :]
score += np.where(same_dep, 30, np.where(same_region, 15, 0))
slots = np.repeat(np.arange(len(a)), places.to_numpy())
rows, cols = linear_sum_assignment(score[:, slots], maximize=True)
amb = slots[cols]

# The workbook: the pairs, then the students left without one.
import xlsxwriter  # noqa: E402

book = xlsxwriter.Workbook(out, {"strings_to_formulas": False, "strings_to_numbers": False, "constant_memory": True})
sheet = book.add_worksheet("Binômes")
student_cols = ["Nom", "Prénom", "email", "Numéro de téléphone", "Établissement d'enseignement", "Niveau d'études",
                "Commune de votre lieu de résidence", "cp", "dep", "region"] + [
    f"Métier que vous souhaitez découvrir ({n} choix)" for n in ("1er", "2e", "3e")]
amb_cols = ["NOM", "Prénom", "email", "Téléphone professionnel", "Quel est votre métier ?",
            "Administration ou ministère de rattachement", "Service / direction", "Ville de votre lieu de travail",
            "cp", "dep", "region"]
sheet.write_row(0, 0, [f"Étudiant — {c}" for c in student_cols] + [f"Ambassadeur — {c}" for c in amb_cols] + ["Score"])
sv = s[student_cols].astype("string").fillna("").to_numpy()
av = a[amb_cols].astype("string").fillna("").to_numpy()
for r, (i, j) in enumerate(zip(rows, amb), start=1):
    sheet.write_row(r, 0, list(sv[i]) + list(av[j]))
    sheet.write_number(r, len(student_cols) + len(amb_cols), int(score[i, j]))
left = book.add_worksheet("Sans binôme")
left.write_row(0, 0, student_cols)
paired = np.zeros(len(s), dtype=bool)
paired[rows] = True
for r, i in enumerate(np.flatnonzero(~paired), start=1):
    left.write_row(r, 0, list(sv[i]))
book.close()
print(f"{len(rows)} binômes, {int((~paired).sum())} sans binôme, {int(score[rows, amb].sum())} points")
