"""Indonesian personal names as Tangsel's workforce carries them, and unique work e-mail addresses.

Tangerang Selatan sits where Betawi, Sundanese and Javanese families meet, with many migrants from
Sumatra and Sulawesi: the pools below mix those traditions, Muslim and Christian given names, and
the single-word names common among older Javanese civil servants.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from portal.people.nip import Gender

EMAIL_DOMAIN = "tangerangselatankota.go.id"


@dataclass(frozen=True, slots=True)
class Tradition:
    """Given names and family names of one naming tradition."""

    weight: float
    male: tuple[str, ...]
    female: tuple[str, ...]
    male_last: tuple[str, ...]
    female_last: tuple[str, ...]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split(","))


TRADITIONS: tuple[Tradition, ...] = (
    Tradition(  # Javanese
        0.28,
        _words(
            "Budi,Joko,Agus,Bambang,Eko,Wahyu,Teguh,Slamet,Hadi,Sigit,Bagus,Yudi,Heru,Adi,Arief,Dwi"
        ),
        _words(
            "Sri,Endang,Dwi,Tri,Rini,Wulan,Ratna,Retno,Ayu,Dyah,Kartika,Indah,Puji,Ika,Dewi,Yuni"
        ),
        _words(
            "Santoso,Prasetyo,Wibowo,Susanto,Purnomo,Suryadi,Hartono,Nugroho,Setiawan,Kusuma,"
            "Widodo,Raharjo,Sutrisno,Pranoto,Saputro,Hermawan"
        ),
        _words(
            "Rahayu,Lestari,Wulandari,Wahyuni,Handayani,Susanti,Purwanti,Utami,Setyaningsih,"
            "Kusumawati,Wijayanti,Astuti,Rahmawati,Pertiwi,Anggraini"
        ),
    ),
    Tradition(  # Sundanese
        0.2,
        _words(
            "Asep,Ujang,Dadang,Cecep,Deden,Yayan,Acep,Dede,Encep,Iwan,Ade,Wawan,Rudi,Jajang,Agus"
        ),
        _words("Euis,Neng,Iis,Lilis,Cucu,Imas,Yati,Entin,Nining,Ai,Rina,Wiwin,Yuyun,Lina,Nenden"),
        _words(
            "Sunarya,Hidayat,Supriatna,Permana,Suryana,Kurniawan,Gunawan,Sopandi,Sumarna,"
            "Mulyana,Rusmana,Nurjaman,Komarudin,Ruhiyat,Sukmana"
        ),
        _words(
            "Nurhayati,Rohmawati,Sumiati,Rosmiati,Kurniasih,Komalasari,Herawati,Nurlela,"
            "Sulastri,Marlina,Mulyani,Rosdiana"
        ),
    ),
    Tradition(  # Muslim given names across Indonesia
        0.2,
        _words(
            "Muhammad,Ahmad,Abdul,Rizky,Fajar,Hasan,Ilham,Arif,Fauzan,Ridwan,Irfan,Yusuf,Hendra,"
            "Andi,Faisal,Reza"
        ),
        _words(
            "Siti,Nur,Fatimah,Aisyah,Nurul,Annisa,Fitri,Laila,Zahra,Nabila,Rizka,Intan,Putri,"
            "Dian,Mega,Novi"
        ),
        _words(
            "Hidayatullah,Fauzi,Ramadhan,Hakim,Maulana,Syahputra,Firmansyah,Hasibuan,Lubis,"
            "Harahap,Nasution,Rasyid,Akbar,Hamzah"
        ),
        _words(
            "Rahmawati,Fitriani,Nurjanah,Amalia,Khairunnisa,Azizah,Safitri,Maharani,Ramadhani,"
            "Oktaviani,Febriani,Hasanah"
        ),
    ),
    Tradition(  # Betawi
        0.1,
        _words("Rohmat,Saipul,Mardani,Jaelani,Sanusi,Rojali,Mukhtar,Husin,Rahmat,Abdul,Syamsul"),
        _words("Nurhasanah,Maemunah,Rohimah,Fitriyah,Mardiyah,Zubaidah,Hindun,Rohayati,Masitoh"),
        _words("Bahri,Rojak,Syarifudin,Fadillah,Zakaria,Hasanudin,Marzuki,Naim,Sulaiman,Ismail"),
        _words("Bahri,Fadillah,Zakiyah,Muthmainah,Sholihah,Nuraini,Zahroh,Jamilah"),
    ),
    Tradition(  # Christian: Batak, Manado, Flores and Javanese Catholic families
        0.12,
        _words(
            "Yohanes,Paulus,Stefanus,Yosef,Andreas,Daniel,Samuel,Fransiskus,Agustinus,Christian,"
            "Michael,Albertus,Robert,Hotman"
        ),
        _words(
            "Maria,Theresia,Agnes,Elisabeth,Veronika,Yohana,Natalia,Kristina,Margaretha,Debora,"
            "Grace,Angelina,Lusiana,Rosita"
        ),
        _words(
            "Simanjuntak,Siregar,Situmorang,Nainggolan,Pardede,Manurung,Tambunan,Sitompul,"
            "Hutapea,Sembiring,Ginting,Tarigan,Wenas,Lumentut,Pangemanan,Sinaga,Pasaribu,Silalahi"
        ),
        _words(
            "Simanjuntak,Siregar,Situmorang,Nainggolan,Manurung,Tambunan,Sembiring,Ginting,"
            "Tarigan,Wenas,Sinaga,Pasaribu,Lumban Gaol,Purba"
        ),
    ),
    Tradition(  # Minangkabau
        0.05,
        _words("Rizal,Fadli,Andika,Yusril,Zulkifli,Syafri,Afrizal,Hendri,Irwan,Yudha"),
        _words("Yenni,Rahmi,Fitri,Elvira,Desi,Rosa,Yulia,Silvia,Reni,Vivi"),
        _words("Putra,Chaniago,Piliang,Koto,Tanjung,Sikumbang,Jambak,Caniago"),
        _words("Putri,Yulianti,Novita,Chaniago,Tanjung,Rahmadani"),
    ),
    Tradition(  # Chinese-Indonesian families of Serpong and Pondok Aren
        0.05,
        _words("Hendra,Kevin,Rudy,Wilson,Hartono,Yohan,Ferry,Sugianto"),
        _words("Linda,Melinda,Yuliana,Stefani,Lenny,Susan,Megawati,Lily"),
        _words("Wijaya,Gunawan,Halim,Tanujaya,Salim,Hartanto,Setiadi,Kurniadi"),
        _words("Wijaya,Gunawan,Halim,Tanujaya,Salim,Hartanto,Setiadi,Kurniadi"),
    ),
)

# Single-word names, mostly older Javanese civil servants.
MONONYMS = {
    Gender.MALE: _words("Sugiyono,Suparman,Sukardi,Mulyadi,Supriyadi,Suyatno,Sutarno,Jumadi"),
    Gender.FEMALE: _words("Sumarni,Suyatmi,Sukarti,Mulyati,Suparmi,Waginah,Tumini,Sartini"),
}

_WEIGHTS = [t.weight for t in TRADITIONS]
_NOT_LETTER = re.compile(r"[^a-z]")


class NameMaker:
    """Draws names and hands out unique e-mail addresses."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._emails: dict[str, int] = {}

    def name(self, gender: Gender, *, older: bool = False) -> str:
        """A full name (without academic titles) for a person of this gender."""
        rng = self.rng
        if older and rng.random() < 0.2:
            return rng.choice(MONONYMS[gender])
        tradition = rng.choices(TRADITIONS, weights=_WEIGHTS)[0]
        male = gender is Gender.MALE
        given = tradition.male if male else tradition.female
        family = tradition.male_last if male else tradition.female_last
        first = rng.choice(given)
        parts = [first]
        if rng.random() < 0.3:
            middle = rng.choice(given)
            if middle != first:
                parts.append(middle)
        if rng.random() < 0.9 or len(parts) == 1:
            parts.append(rng.choice(family))
        return " ".join(parts)

    def reserve(self, email: str) -> None:
        """Keep a fixed address (a persona's) away from generated people."""
        self._emails.setdefault(email.split("@", 1)[0], 1)

    def email(self, name: str) -> str:
        """``firstname.lastname@...``, numbered from 2 when the name is taken."""
        words = [_NOT_LETTER.sub("", w.lower()) for w in name.split()]
        words = [w for w in words if w]
        base = ".".join([words[0], words[-1]]) if len(words) > 1 else words[0]
        seen = self._emails.get(base, 0) + 1
        self._emails[base] = seen
        local = base if seen == 1 else f"{base}{seen}"
        return f"{local}@{EMAIL_DOMAIN}"

    def phone(self) -> str:
        """A mobile number of an Indonesian operator."""
        prefix = self.rng.choice(("0812", "0813", "0821", "0852", "0857", "0878", "0896"))
        return f"{prefix}{self.rng.randrange(10_000_000, 99_999_999)}"
