"""The competency dictionary: managerial, socio-cultural and technical competencies with levels."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias

from portal.competencies.models import Competency, CompetencyGroup, CompetencyLevel
from portal.competencies.standards_data import STANDARDS
from portal.demo.world import World
from portal.demo.writer import Row, Writer, json_value

# (description, indicators) for levels 1..5
Levels: TypeAlias = Sequence[tuple[str, Sequence[str]]]

# The regulation's managerial and socio-cultural dictionary: the same data `portal seed
# --standards` loads (portal/competencies/standards_data.py), not a copy of it.
MANAGERIAL_CODES = tuple(s[0] for s in STANDARDS if s[2] == CompetencyGroup.MANAJERIAL.value)
PEREKAT_BANGSA = next(s[0] for s in STANDARDS if s[2] == CompetencyGroup.SOSIAL_KULTURAL.value)


@dataclass(frozen=True, slots=True)
class Technical:
    code: str
    name: str
    subject: str  # the noun phrase the level texts talk about
    owner: str  # code of the OPD that defines it ("" for all units)


def _tech(code: str, name: str, owner: str, subject: str = "") -> Technical:
    return Technical(code, name, subject or name.lower(), owner)


TECHNICAL: tuple[Technical, ...] = (
    _tech("T.KES.01", "Asuhan Keperawatan", "DINKES"),
    _tech("T.KES.02", "Asuhan Kebidanan", "DINKES"),
    _tech("T.KES.03", "Pelayanan Kesehatan Rujukan", "DINKES"),
    _tech("T.KES.04", "Manajemen Rumah Sakit", "RSU"),
    _tech("T.KES.05", "Surveilans dan Epidemiologi", "DINKES", "surveilans epidemiologi"),
    _tech("T.KES.06", "Pelayanan Kefarmasian", "DINKES"),
    _tech("T.KES.07", "Pelayanan Medis", "DINKES"),
    _tech("T.KES.08", "Kesehatan Lingkungan", "DINKES"),
    _tech("T.KES.09", "Gizi Masyarakat", "DINKES", "pelayanan gizi masyarakat"),
    _tech("T.KES.10", "Manajemen Puskesmas", "DINKES"),
    _tech("T.KES.11", "Pemeriksaan Laboratorium Medis", "DINKES"),
    _tech("T.KES.12", "Promosi Kesehatan", "DINKES"),
    _tech("T.DIK.01", "Pengembangan Kurikulum", "DIKBUD"),
    _tech("T.DIK.02", "Pembelajaran Berdiferensiasi", "DIKBUD"),
    _tech("T.DIK.03", "Asesmen Pembelajaran", "DIKBUD"),
    _tech("T.DIK.04", "Manajemen Sekolah", "DIKBUD"),
    _tech("T.DIK.05", "Pelestarian Kebudayaan Daerah", "DIKBUD"),
    _tech("T.DUK.01", "Administrasi Kependudukan", "DUKCAPIL"),
    _tech("T.DUK.02", "Pencatatan Sipil", "DUKCAPIL"),
    _tech("T.DUK.03", "Pengelolaan Data Kependudukan", "DUKCAPIL"),
    _tech("T.SDM.01", "Manajemen ASN", "BKPSDM", "manajemen aparatur sipil negara"),
    _tech("T.SDM.02", "Analisis Jabatan dan Beban Kerja", "BKPSDM"),
    _tech("T.SDM.03", "Pengembangan Kompetensi ASN", "BKPSDM", "pengembangan kompetensi"),
    _tech("T.SDM.04", "Manajemen Kinerja ASN", "BKPSDM", "manajemen kinerja"),
    _tech("T.TIK.01", "Pengelolaan Sistem Informasi", "KOMINFO"),
    _tech("T.TIK.02", "Keamanan Informasi", "KOMINFO"),
    _tech("T.TIK.03", "Pengelolaan Data dan Statistik", "KOMINFO"),
    _tech("T.KEU.01", "Pengelolaan Keuangan Daerah", "BPKAD"),
    _tech("T.KEU.02", "Pengelolaan Barang Milik Daerah", "BPKAD"),
    _tech("T.KEU.03", "Pengadaan Barang/Jasa Pemerintah", "", "pengadaan barang/jasa"),
    _tech("T.REN.01", "Perencanaan Pembangunan Daerah", "BAPPEDA"),
    _tech("T.REN.02", "Monitoring dan Evaluasi Program", "", "monitoring dan evaluasi"),
    _tech("T.ADM.01", "Administrasi Perkantoran", ""),
    _tech("T.ADM.02", "Kearsipan", "", "pengelolaan arsip"),
    _tech("T.ADM.03", "Penyusunan Produk Hukum Daerah", "SETDA"),
    _tech("T.PTS.01", "Pelayanan Perizinan Berusaha", "DPMPTSP"),
    _tech("T.PTS.02", "Promosi Penanaman Modal", "DPMPTSP"),
    _tech("T.SOS.01", "Rehabilitasi Sosial", "DINSOS"),
    _tech("T.SOS.02", "Perlindungan dan Jaminan Sosial", "DINSOS"),
    _tech("T.HUB.01", "Manajemen dan Rekayasa Lalu Lintas", "DISHUB"),
    _tech("T.HUB.02", "Pengujian Kendaraan Bermotor", "DISHUB"),
    _tech("T.TIB.01", "Penegakan Peraturan Daerah", "SATPOLPP"),
    _tech("T.TIB.02", "Ketenteraman dan Ketertiban Umum", "SATPOLPP"),
    _tech("T.WAS.01", "Audit Intern Pemerintah", "INSPEKTORAT"),
    _tech("T.WAS.02", "Reviu dan Evaluasi Akuntabilitas Kinerja", "INSPEKTORAT"),
    _tech("T.PEM.01", "Penyelenggaraan Pemerintahan Kewilayahan", "", "pemerintahan kewilayahan"),
    _tech("T.PEM.02", "Pemberdayaan Masyarakat", ""),
)


def technical_levels(subject: str) -> Levels:
    """Five levels for a technical competency, phrased around its subject."""
    return (
        (
            f"Memahami konsep dasar dan ketentuan {subject}.",
            (
                f"Menjelaskan prinsip dasar {subject}",
                f"Melaksanakan tugas {subject} yang sederhana dengan bimbingan",
            ),
        ),
        (
            f"Mampu melaksanakan {subject} pada tugas rutin secara mandiri sesuai prosedur.",
            (f"Menerapkan SOP {subject}", "Menyelesaikan tugas rutin tanpa bimbingan"),
        ),
        (
            f"Mampu menganalisis permasalahan {subject} dan menyelesaikannya secara tepat.",
            (
                f"Mengidentifikasi masalah dalam {subject}",
                "Menyusun rekomendasi penyelesaian",
                "Membimbing rekan kerja",
            ),
        ),
        (
            f"Mampu mengevaluasi dan mengembangkan metode {subject} di lingkup unit kerja.",
            (f"Mengevaluasi mutu {subject}", f"Menyusun pedoman teknis {subject}"),
        ),
        (
            f"Menjadi rujukan dan merumuskan kebijakan {subject} di tingkat daerah.",
            (f"Merumuskan kebijakan {subject}", f"Menjadi narasumber {subject}"),
        ),
    )


async def write_dictionary(world: World, writer: Writer) -> None:
    """Insert every competency with its five levels; remember code -> id in the world."""
    competencies: list[Row] = []
    levels: list[Row] = []

    def add(
        code: str, name: str, group: CompetencyGroup, text: str, unit: int | None, spec: Levels
    ) -> None:
        cid = world.ids.next("competency")
        world.competency_ids[code] = cid
        world.competency_names[cid] = name
        competencies.append((cid, code, name, group.value, text, unit, True))
        for number, (description, indicators) in enumerate(spec, start=1):
            levels.append(
                (
                    world.ids.next("competency_level"),
                    cid,
                    number,
                    description,
                    json_value(list(indicators)),
                )
            )

    for code, name, group, text, spec in STANDARDS:
        add(code, name, CompetencyGroup(group), text, None, spec)
    for tech in TECHNICAL:
        owner = world.opd_by_code.get(tech.owner)
        add(
            tech.code,
            tech.name,
            CompetencyGroup.TEKNIS,
            f"Kompetensi teknis {tech.subject} sesuai standar kompetensi jabatan.",
            owner.id if owner else None,
            technical_levels(tech.subject),
        )

    columns = ("id", "code", "name", "group", "description", "unit_id", "active")
    await writer.write(Competency, columns, competencies)
    await writer.write(
        CompetencyLevel, ("id", "competency_id", "level", "description", "indicators"), levels
    )
