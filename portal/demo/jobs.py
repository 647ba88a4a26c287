"""Jobs (jabatan) the generator fills: structural leaders and the office staff every unit has.

A job is a template: each unit that has it gets its own position row, and every holder of a
pelaksana or fungsional job in that unit shares the row. Texts may name ``{unit}`` (the unit's
name) and ``{topic}`` (what the post is about, e.g. "pelayanan kesehatan rujukan").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from portal.people.ranks import PositionLevel as L

Work: TypeAlias = tuple[str, str, int]  # activity (noun phrase), output unit, standard minutes
Titles: TypeAlias = tuple[tuple[str, str], ...]  # (front, back) academic title options


@dataclass(frozen=True, slots=True)
class Job:
    key: str
    name: str
    level: L
    grade: int  # kelas jabatan
    techs: tuple[str, ...] = ()
    titles: Titles = (("", ""),)
    female: float = 0.5
    pppk: float = 0.0  # share of holders who are PPPK (never for structural posts)
    weight: float = 1.0  # relative headcount within its unit
    duties: tuple[str, ...] = ()
    work: tuple[Work, ...] = ()
    results: tuple[str, ...] = ()  # SKP work results; staff derive theirs from ``work``


LEADER_TITLES: Titles = (
    ("", "S.Sos., M.Si."), ("", "S.H., M.H."), ("", "S.E., M.M."), ("", "S.STP., M.Si."),
    ("Dr. ", "S.E., M.Si."), ("", "S.T., M.T."), ("", "S.IP., M.AP."), ("", "S.Kom., M.T.I."),
    ("Drs. ", "M.Si."), ("", "S.AP., M.M."),
)  # fmt: skip
HEALTH_LEADER_TITLES: Titles = (
    ("dr. ", "M.K.M."), ("dr. ", "M.Kes."), ("", "S.KM., M.Kes."), ("", "S.Kep., Ns., M.Kep."),
    ("drg. ", "M.K.M."),
)  # fmt: skip
TEACHER_LEADER_TITLES: Titles = (("", "S.Pd., M.Pd."), ("Dr. ", "S.Pd., M.Pd."), ("", "S.Pd."))

_LEADER_WORK: tuple[Work, ...] = (
    ("penyusunan rencana kerja dan anggaran", "dokumen", 2400),
    ("pembinaan dan pengarahan bawahan", "kegiatan", 240),
    ("rapat koordinasi", "kegiatan", 180),
    ("monitoring dan evaluasi pelaksanaan kegiatan", "laporan", 600),
    ("penilaian kinerja bawahan", "dokumen", 90),
)


def _leader(
    key: str, level: L, grade: int, duties: tuple[str, ...], results: tuple[str, ...]
) -> Job:
    return Job(
        key,
        "",
        level,
        grade,
        titles=LEADER_TITLES,
        female=0.35,
        duties=duties,
        work=_LEADER_WORK,
        results=results,
    )


STRUCTURAL: dict[str, Job] = {
    job.key: job
    for job in (
        _leader("sekda", L.JPT_PRATAMA, 15, (
            "Membantu Wali Kota dalam penyusunan kebijakan dan pengoordinasian perangkat daerah",
            "Mengoordinasikan penyusunan dan pelaksanaan APBD sebagai Ketua TAPD",
            "Membina aparatur sipil negara di lingkungan Pemerintah Kota Tangerang Selatan",
            "Mengoordinasikan pelaksanaan reformasi birokrasi dan SAKIP pemerintah daerah",
            "Melaksanakan tugas lain yang diberikan Wali Kota",
        ), (
            "Meningkatnya kualitas tata kelola Pemerintah Kota Tangerang Selatan",
            "Terwujudnya akuntabilitas kinerja dan keuangan daerah",
            "Meningkatnya kualitas pelayanan publik perangkat daerah",
        )),
        _leader("asisten", L.JPT_PRATAMA, 14, (
            "Membantu Sekretaris Daerah mengoordinasikan perumusan kebijakan {topic}",
            "Mengoordinasikan pelaksanaan tugas bagian di lingkungan {unit}",
            "Memantau dan mengevaluasi pelaksanaan kebijakan {topic}",
        ), (
            "Terkoordinasinya perumusan kebijakan {topic}",
            "Meningkatnya capaian kinerja bagian di bawah koordinasi asisten",
        )),
        _leader("kepala", L.JPT_PRATAMA, 14, (
            "Memimpin penyelenggaraan urusan pemerintahan bidang {topic}",
            "Merumuskan kebijakan teknis dan rencana strategis {unit}",
            "Mengoordinasikan program dan kegiatan {unit} dengan perangkat daerah terkait",
            "Membina dan menilai kinerja pejabat administrator di lingkungan {unit}",
            "Melaporkan kinerja urusan {topic} kepada Wali Kota melalui Sekretaris Daerah",
        ), (
            "Meningkatnya kinerja penyelenggaraan urusan {topic}",
            "Terwujudnya akuntabilitas kinerja {unit}",
            "Meningkatnya kepuasan masyarakat terhadap layanan {unit}",
        )),
        _leader("sekretaris", L.ADMINISTRATOR, 12, (
            "Mengoordinasikan penyusunan rencana, program dan anggaran {unit}",
            "Menyelenggarakan urusan umum, kepegawaian, keuangan dan aset {unit}",
            "Mengoordinasikan penyusunan laporan kinerja dan keuangan perangkat daerah",
            "Membina pelaksanaan tugas subbagian di lingkungan sekretariat",
        ), (
            "Terselenggaranya layanan kesekretariatan {unit} yang tertib dan akuntabel",
            "Tersusunnya dokumen perencanaan dan laporan kinerja {unit}",
        )),
        _leader("kabid", L.ADMINISTRATOR, 11, (
            "Merumuskan kebijakan teknis {topic}",
            "Mengoordinasikan pelaksanaan program dan kegiatan {topic}",
            "Membina, mengawasi dan menilai kinerja pejabat pengawas dan fungsional",
            "Melaksanakan monitoring, evaluasi dan pelaporan capaian kinerja {topic}",
        ), (
            "Meningkatnya capaian program {topic}",
            "Terselenggaranya koordinasi dan pembinaan {topic}",
            "Tersusunnya kebijakan teknis {topic}",
        )),
        _leader("camat", L.ADMINISTRATOR, 12, (
            "Mengoordinasikan kegiatan pemberdayaan masyarakat di wilayah {unit}",
            "Mengoordinasikan penyelenggaraan ketenteraman dan ketertiban umum",
            "Membina dan mengawasi penyelenggaraan pemerintahan kelurahan",
            "Melaksanakan pelayanan publik yang menjadi kewenangan kecamatan",
        ), (
            "Meningkatnya kualitas pelayanan publik di {unit}",
            "Terwujudnya ketenteraman dan ketertiban di wilayah {unit}",
            "Meningkatnya partisipasi masyarakat dalam pembangunan",
        )),
        _leader("kasi", L.PENGAWAS, 9, (
            "Menyusun rencana kerja {topic}",
            "Menyiapkan bahan perumusan kebijakan teknis {topic}",
            "Melaksanakan pembinaan, koordinasi dan fasilitasi {topic}",
            "Membagi tugas, membimbing dan menilai kinerja bawahan",
            "Menyusun laporan pelaksanaan kegiatan {topic}",
        ), (
            "Terlaksananya kegiatan {topic} sesuai rencana",
            "Tersusunnya bahan kebijakan teknis {topic}",
            "Terlaksananya pembinaan dan fasilitasi {topic}",
        )),
        _leader("lurah", L.PENGAWAS, 9, (
            "Melaksanakan kegiatan pemerintahan {unit}",
            "Melakukan pemberdayaan masyarakat di wilayah kelurahan",
            "Melaksanakan pelayanan masyarakat dan administrasi kependudukan tingkat kelurahan",
            "Memelihara ketenteraman dan ketertiban umum",
            "Memelihara prasarana dan fasilitas pelayanan umum",
        ), (
            "Meningkatnya kualitas pelayanan masyarakat di {unit}",
            "Terlaksananya pemberdayaan masyarakat kelurahan",
        )),
        Job("kapus", "", L.PENGAWAS, 9, techs=("T.KES.10",), titles=HEALTH_LEADER_TITLES,
            female=0.6, duties=(
            "Memimpin upaya kesehatan masyarakat dan perorangan di {unit}",
            "Menyusun rencana usulan kegiatan dan rencana pelaksanaan kegiatan puskesmas",
            "Melaksanakan lokakarya mini dan evaluasi kinerja puskesmas",
            "Membina tenaga kesehatan di wilayah kerja",
            "Melaporkan capaian standar pelayanan minimal bidang kesehatan",
        ), work=_LEADER_WORK, results=(
            "Meningkatnya cakupan pelayanan kesehatan dasar di wilayah {unit}",
            "Tercapainya standar pelayanan minimal bidang kesehatan",
            "Terwujudnya akreditasi puskesmas paripurna",
        )),
        Job("kepsek", "", L.AHLI_MADYA, 11, techs=("T.DIK.04", "T.DIK.01"),
            titles=TEACHER_LEADER_TITLES, female=0.55, duties=(
            "Memimpin pengelolaan pembelajaran di {unit}",
            "Menyusun rencana kerja dan anggaran sekolah",
            "Melakukan supervisi akademik terhadap guru",
            "Membina tenaga kependidikan",
            "Melaksanakan tugas mengajar sesuai ketentuan",
        ), work=_LEADER_WORK, results=(
            "Meningkatnya mutu pembelajaran di {unit}",
            "Meningkatnya capaian rapor pendidikan sekolah",
            "Terkelolanya sumber daya sekolah secara akuntabel",
        )),
    )
}  # fmt: skip

_ADMIN = ("T.ADM.01",)
_S1: Titles = (("", "S.E."), ("", "S.Sos."), ("", "S.AP."), ("", "S.H."), ("", "S.IP."))

GENERAL: dict[str, Job] = {
    job.key: job
    for job in (
        Job("pengadm", "Pengadministrasi Perkantoran", L.PELAKSANA, 5, _ADMIN,
            (("", ""), ("", ""), ("", "A.Md.")), 0.55, 0.15, 3, (
            "Menerima, mencatat dan mendistribusikan surat masuk dan keluar",
            "Mengelola agenda dan tata naskah dinas unit kerja",
            "Menyiapkan kebutuhan rapat dan kegiatan kantor",
            "Menginput data pada aplikasi perkantoran elektronik",
        ), (("pencatatan surat masuk dan keluar", "surat", 6),
            ("pengetikan naskah dinas", "naskah", 20),
            ("penyiapan rapat", "kegiatan", 60))),
        Job("penata", "Penata Layanan Operasional", L.PELAKSANA, 7, _ADMIN, _S1, 0.5, 0.1, 2, (
            "Menyusun bahan laporan kegiatan unit kerja",
            "Mengolah data pendukung perencanaan dan pelaporan",
            "Memverifikasi kelengkapan dokumen administrasi",
        ), (("penyusunan bahan laporan kegiatan", "laporan", 240),
            ("pengolahan data kegiatan", "dokumen", 60),
            ("verifikasi dokumen administrasi", "dokumen", 30))),
        Job("pengemudi", "Pengemudi", L.PELAKSANA, 3, _ADMIN, (("", ""),), 0.02, 0.1, 0.5, (
            "Mengemudikan kendaraan dinas operasional",
            "Merawat kebersihan dan kelayakan kendaraan dinas",
            "Mencatat penggunaan kendaraan dan bahan bakar",
        ), (("pengantaran perjalanan dinas", "perjalanan", 120),
            ("perawatan kendaraan dinas", "kali", 90))),
        Job("arsiparis", "Arsiparis Terampil", L.TERAMPIL, 6, ("T.ADM.02",),
            (("", "A.Md."), ("", "A.Md.Ars.")), 0.6, 0.1, 1, (
            "Melakukan pemberkasan arsip aktif",
            "Menata dan menyimpan arsip inaktif",
            "Melayani peminjaman arsip",
            "Mengelola arsip pada aplikasi SRIKANDI",
        ), (("pemberkasan arsip aktif", "berkas", 25),
            ("penataan arsip inaktif", "boks", 90),
            ("layanan peminjaman arsip", "layanan", 15))),
        Job("analis_sdm_ap", "Analis SDM Aparatur Ahli Pertama", L.AHLI_PERTAMA, 8,
            ("T.SDM.01",), (("", "S.Psi."), ("", "S.E."), ("", "S.Sos.")), 0.6, 0.05, 1, (
            "Mengolah data kepegawaian pada aplikasi SIASN",
            "Menyiapkan usulan kenaikan pangkat dan gaji berkala",
            "Menyusun bahan analisis kebutuhan pengembangan kompetensi",
            "Melayani konsultasi administrasi kepegawaian",
        ), (("pemutakhiran data kepegawaian", "data", 20),
            ("penyiapan usulan kenaikan pangkat", "usulan", 60),
            ("analisis kebutuhan pengembangan kompetensi", "dokumen", 480))),
        Job("pranata_komputer", "Pranata Komputer Ahli Pertama", L.AHLI_PERTAMA, 8,
            ("T.TIK.01",), (("", "S.Kom."), ("", "S.T."), ("", "S.Kom., M.Kom.")), 0.3, 0.1, 1, (
            "Mengelola dan memelihara jaringan serta perangkat komputer unit kerja",
            "Mengembangkan dan memelihara aplikasi layanan",
            "Menyusun dan memutakhirkan basis data",
            "Memberikan dukungan teknis kepada pengguna aplikasi",
        ), (("pemeliharaan perangkat dan jaringan", "perangkat", 90),
            ("pengembangan modul aplikasi", "modul", 2400),
            ("dukungan teknis pengguna", "tiket", 30))),
        Job("perencana", "Perencana Ahli Pertama", L.AHLI_PERTAMA, 8, ("T.REN.01", "T.REN.02"),
            (("", "S.E."), ("", "S.T."), ("", "S.E., M.Si."), ("", "S.P.")), 0.55, 0.0, 1, (
            "Menyusun rancangan rencana kerja dan rencana strategis perangkat daerah",
            "Mengolah data capaian indikator kinerja",
            "Menyusun laporan kinerja instansi pemerintah",
        ), (("penyusunan rancangan dokumen perencanaan", "dokumen", 3000),
            ("pengolahan data capaian kinerja", "laporan", 480),
            ("evaluasi pelaksanaan program", "laporan", 900))),
        Job("bendahara", "Bendahara Pengeluaran", L.PELAKSANA, 7, ("T.KEU.01",),
            (("", "S.E."), ("", "S.Ak."), ("", "A.Md.Ak.")), 0.65, 0.0, 0.6, (
            "Menerima, menyimpan dan membayarkan uang persediaan",
            "Menyusun laporan pertanggungjawaban bendahara",
            "Memungut dan menyetorkan pajak atas belanja",
        ), (("pembayaran belanja", "transaksi", 25),
            ("penyusunan laporan pertanggungjawaban", "laporan", 480))),
        Job("pengelola_barang", "Pengurus Barang", L.PELAKSANA, 6, ("T.KEU.02",),
            (("", "A.Md."), ("", "S.E."), ("", "")), 0.45, 0.05, 0.6, (
            "Mencatat penerimaan dan pengeluaran barang milik daerah",
            "Menyusun laporan barang semesteran dan tahunan",
            "Melakukan inventarisasi aset unit kerja",
        ), (("pencatatan mutasi barang", "transaksi", 20),
            ("inventarisasi aset", "barang", 15))),
    )
}  # fmt: skip

# Staff of a secretariat: who works under the Kasubbag Umum dan Kepegawaian and the Kasubbag
# Perencanaan dan Keuangan of every OPD.
SECRETARIAT_STAFF = (
    ("pengadm", "arsiparis", "analis_sdm_ap", "pengemudi", "pranata_komputer"),
    ("perencana", "bendahara", "pengelola_barang", "penata"),
)
