"""The training catalog as data: what Tangsel's employees can learn, from whom, for how many JP."""

from __future__ import annotations

from dataclasses import dataclass

from portal.training.models import TrainingMethod as M


@dataclass(frozen=True, slots=True)
class CourseSpec:
    code: str
    title: str
    method: M
    jp: int
    organiser: str
    targets: tuple[tuple[str, int], ...]  # (competency code, level the course leads to)
    agencies: tuple[str, ...] = ()  # open only to these OPDs and their sub-units
    kinds: tuple[str, ...] = ()  # open only to these position kinds
    hr_check: bool = False  # BKPSDM verifies after the supervisor approves
    steps: tuple[str, ...] = ()  # extra approval steps
    description: str = ""


BKPSDM = "BKPSDM Kota Tangerang Selatan"
BANTEN = "BPSDM Provinsi Banten"
LAN = "LAN RI"
KEMENKES = "Kementerian Kesehatan RI"
KEMENDIKDASMEN = "Kementerian Pendidikan Dasar dan Menengah"
KEMENDAGRI = "Kementerian Dalam Negeri"

# Short organiser codes printed in certificate numbers ("1234/BKPSDM/2026").
ORGANISER_CODES = {
    BKPSDM: "BKPSDM", BANTEN: "BPSDM-BTN", LAN: "LAN", KEMENKES: "KEMENKES",
    KEMENDIKDASMEN: "KEMENDIKDASMEN", KEMENDAGRI: "KEMENDAGRI", "BKN": "BKN",
    "LKPP": "LKPP", "BPKP": "BPKP", "BSSN": "BSSN", "ANRI": "ANRI",
    "Kementerian Sosial RI": "KEMENSOS", "Kementerian Perhubungan RI": "KEMENHUB",
    "Kementerian Komunikasi dan Digital": "KOMDIGI", "KPK RI": "KPK",
    "RSU Kota Tangerang Selatan": "RSU-TANGSEL", "Kementerian Investasi/BKPM": "BKPM",
    "Dinas Kesehatan Kota Tangerang Selatan": "DINKES",
    "Dinas Pendidikan dan Kebudayaan Kota Tangerang Selatan": "DISDIKBUD",
    "Inspektorat Daerah Kota Tangerang Selatan": "ITDA", "Unit kerja": "UK",
}  # fmt: skip

_HEALTH = ("DINKES", "RSU")


def _c(
    code: str, title: str, method: M, jp: int, organiser: str, targets: str, **extra: object
) -> CourseSpec:
    """``targets`` reads "M.05:2 T.KES.01:3"."""
    pairs = tuple((t.split(":")[0], int(t.split(":")[1])) for t in targets.split())
    return CourseSpec(code, title, method, jp, organiser, pairs, **extra)  # type: ignore[arg-type]


COURSES: tuple[CourseSpec, ...] = (
    _c("MNJ.01", "Pelatihan Dasar CPNS (Latsar) Golongan III", M.PELATIHAN, 80, BANTEN,
       "M.01:2 SK.01:2 M.05:2", hr_check=True,
       description="Tahap klasikal Latsar: nilai dasar BerAKHLAK, kedudukan dan peran ASN."),
    _c("MNJ.02", "Pelatihan Kepemimpinan Pengawas (PKP)", M.PELATIHAN, 80, BANTEN,
       "M.04:3 M.06:3 M.08:3", kinds=("ADMINISTRASI",), hr_check=True, steps=("SECOND_LEVEL",),
       description="Kepemimpinan kinerja bagi pejabat pengawas: aksi perubahan di unit kerja."),
    _c("MNJ.03", "Pelatihan Kepemimpinan Administrator (PKA)", M.PELATIHAN, 80, BANTEN,
       "M.07:4 M.08:4 M.02:4", kinds=("ADMINISTRASI",), hr_check=True,
       steps=("SECOND_LEVEL", "HR"),
       description="Kepemimpinan strategis bagi pejabat administrator."),
    _c("MNJ.04", "Pelatihan Kepemimpinan Nasional Tingkat II", M.PELATIHAN, 80, LAN,
       "M.07:5 M.08:5 M.03:5", kinds=("JPT",), hr_check=True, steps=("HR",),
       description="Kepemimpinan visioner bagi pejabat pimpinan tinggi pratama."),
    _c("MNJ.05", "Pelatihan Pelayanan Prima", M.PELATIHAN, 24, BKPSDM, "M.05:3 M.03:2",
       description="Standar pelayanan, budaya melayani dan penanganan pengaduan."),
    _c("MNJ.06", "E-Learning Pelayanan Publik Berorientasi Pelanggan", M.E_LEARNING, 10, LAN,
       "M.05:2", description="Kelas daring mandiri ASN Unggul: maklumat dan standar pelayanan."),
    _c("MNJ.07", "E-Learning Etika dan Integritas ASN", M.E_LEARNING, 8, "KPK RI", "M.01:3",
       description="Nilai integritas, konflik kepentingan dan pengendalian gratifikasi."),
    _c("MNJ.08", "Komunikasi Efektif dan Public Speaking", M.WORKSHOP, 16, BKPSDM, "M.03:3"),
    _c("MNJ.09", "Kolaborasi Lintas Perangkat Daerah", M.WORKSHOP, 16, BKPSDM, "M.02:3"),
    _c("MNJ.10", "Penyusunan SKP dan Manajemen Kinerja", M.WORKSHOP, 12, BKPSDM,
       "M.04:3 T.SDM.04:2", description="Menyusun RHK, indikator dan bukti dukung SKP."),
    _c("MNJ.11", "Coaching bagi Atasan: Mengembangkan Bawahan", M.COACHING, 12, BKPSDM,
       "M.06:3", kinds=("ADMINISTRASI", "JPT")),
    _c("MNJ.12", "Mentoring Pengembangan Diri ASN Muda", M.MENTORING, 8, BKPSDM, "M.06:2"),
    _c("MNJ.13", "Manajemen Perubahan dan Inovasi Pelayanan", M.WORKSHOP, 24, BANTEN, "M.07:3"),
    _c("MNJ.14", "Pengambilan Keputusan Berbasis Data", M.PELATIHAN, 24, BKPSDM,
       "M.08:3 T.TIK.03:2"),
    _c("MNJ.15", "Seminar Wawasan Kebangsaan dan Moderasi Beragama", M.SEMINAR, 4, BKPSDM,
       "SK.01:2"),
    _c("MNJ.16", "Belajar Mandiri: Literasi Digital ASN", M.BELAJAR_MANDIRI, 6,
       "Kementerian Komunikasi dan Digital", "M.07:2 T.TIK.01:1"),
    _c("KES.01", "Pelatihan Asuhan Keperawatan Kritis", M.PELATIHAN, 40, KEMENKES,
       "T.KES.01:3", agencies=_HEALTH,
       description="Asuhan keperawatan pasien kritis dan pemantauan hemodinamik."),
    _c("KES.02", "Pelatihan Manajemen Rumah Sakit", M.PELATIHAN, 60, KEMENKES,
       "T.KES.04:4 M.04:3", agencies=("RSU",), hr_check=True, steps=("SECOND_LEVEL",)),
    _c("KES.03", "Manajemen Sistem Rujukan Terintegrasi (SISRUTE)", M.WORKSHOP, 16,
       "Dinas Kesehatan Kota Tangerang Selatan", "T.KES.03:3", agencies=_HEALTH),
    _c("KES.04", "Pelatihan Asuhan Persalinan Normal", M.PELATIHAN, 40, KEMENKES, "T.KES.02:3",
       agencies=_HEALTH),
    _c("KES.05", "Basic Life Support dan Penanganan Kegawatdaruratan", M.PELATIHAN, 24,
       "RSU Kota Tangerang Selatan", "T.KES.07:2 T.KES.01:2", agencies=_HEALTH),
    _c("KES.06", "E-Learning Dokumentasi Asuhan Keperawatan (SDKI, SLKI, SIKI)", M.E_LEARNING,
       12, KEMENKES, "T.KES.01:2", agencies=_HEALTH),
    _c("KES.07", "Surveilans Epidemiologi dan Penyelidikan KLB", M.PELATIHAN, 32, KEMENKES,
       "T.KES.05:3", agencies=_HEALTH),
    _c("KES.08", "Manajemen Puskesmas", M.PELATIHAN, 40, KEMENKES, "T.KES.10:3",
       agencies=("DINKES",)),
    _c("KES.09", "Pelayanan Kefarmasian di Fasilitas Kesehatan", M.WORKSHOP, 16, KEMENKES,
       "T.KES.06:3", agencies=_HEALTH),
    _c("KES.10", "Magang Pelayanan Rujukan di RSUP Fatmawati", M.MAGANG, 40, KEMENKES,
       "T.KES.03:3", agencies=_HEALTH, steps=("SECOND_LEVEL",)),
    _c("KES.11", "Konseling Gizi dan Percepatan Penurunan Stunting", M.PELATIHAN, 32, KEMENKES,
       "T.KES.09:3 T.KES.12:2", agencies=("DINKES",)),
    _c("DIK.01", "Pengembangan Kurikulum Merdeka", M.WORKSHOP, 32,
       "Dinas Pendidikan dan Kebudayaan Kota Tangerang Selatan", "T.DIK.01:3",
       agencies=("DIKBUD",)),
    _c("DIK.02", "Pembelajaran Berdiferensiasi", M.PELATIHAN, 24, KEMENDIKDASMEN, "T.DIK.02:3",
       agencies=("DIKBUD",), kinds=("FUNGSIONAL",)),
    _c("DIK.03", "E-Learning Asesmen Pembelajaran", M.E_LEARNING, 20, KEMENDIKDASMEN,
       "T.DIK.03:2", agencies=("DIKBUD",)),
    _c("DIK.04", "Manajemen Berbasis Sekolah bagi Kepala Sekolah", M.PELATIHAN, 40,
       KEMENDIKDASMEN, "T.DIK.04:3", agencies=("DIKBUD",), steps=("SECOND_LEVEL",)),
    _c("DIK.05", "Benchmarking Pelestarian Cagar Budaya ke Kota Yogyakarta", M.BENCHMARKING, 16,
       "Dinas Pendidikan dan Kebudayaan Kota Tangerang Selatan", "T.DIK.05:3",
       agencies=("DIKBUD",)),
    _c("DUK.01", "Bimbingan Teknis Administrasi Kependudukan", M.PELATIHAN, 24, KEMENDAGRI,
       "T.DUK.01:3", agencies=("DUKCAPIL", "SETDA")),
    _c("DUK.02", "Layanan Identitas Kependudukan Digital", M.WORKSHOP, 8, KEMENDAGRI,
       "T.DUK.01:2 T.DUK.03:2", agencies=("DUKCAPIL",)),
    _c("DUK.03", "Pencatatan Sipil: Akta Kelahiran dan Kematian", M.PELATIHAN, 16, KEMENDAGRI,
       "T.DUK.02:3", agencies=("DUKCAPIL",)),
    _c("SDM.01", "Manajemen ASN dan Sistem Merit", M.PELATIHAN, 24, "BKN", "T.SDM.01:3"),
    _c("SDM.02", "Analisis Jabatan dan Analisis Beban Kerja", M.PELATIHAN, 40, BKPSDM,
       "T.SDM.02:3", agencies=("BKPSDM", "SETDA"), hr_check=True),
    _c("SDM.03", "E-Learning SIASN untuk Pengelola Kepegawaian", M.E_LEARNING, 10, "BKN",
       "T.SDM.01:2"),
    _c("SDM.04", "Penyusunan Rencana Pengembangan Kompetensi ASN", M.WORKSHOP, 16, LAN,
       "T.SDM.03:3", agencies=("BKPSDM",)),
    _c("TIK.01", "Pengelolaan Sistem Pemerintahan Berbasis Elektronik", M.PELATIHAN, 32,
       "Kementerian Komunikasi dan Digital", "T.TIK.01:3"),
    _c("TIK.02", "Keamanan Informasi dan Persandian", M.WORKSHOP, 16, "BSSN", "T.TIK.02:3",
       agencies=("KOMINFO", "BKPSDM", "DUKCAPIL")),
    _c("TIK.03", "Analisis Data untuk ASN", M.E_LEARNING, 32,
       "Kementerian Komunikasi dan Digital", "T.TIK.03:3 M.08:2"),
    _c("KEU.01", "Pengelolaan Keuangan Daerah dan SIPD", M.PELATIHAN, 32, KEMENDAGRI,
       "T.KEU.01:3"),
    _c("KEU.02", "Pengadaan Barang/Jasa Pemerintah Tingkat Dasar", M.PELATIHAN, 32, "LKPP",
       "T.KEU.03:2", hr_check=True),
    _c("KEU.03", "Penatausahaan Barang Milik Daerah", M.WORKSHOP, 16, KEMENDAGRI, "T.KEU.02:3"),
    _c("REN.01", "Penyusunan Dokumen Perencanaan Pembangunan Daerah", M.PELATIHAN, 40,
       KEMENDAGRI, "T.REN.01:3 T.REN.02:2"),
    _c("WAS.01", "Audit Intern Berbasis Risiko", M.PELATIHAN, 40, "BPKP", "T.WAS.01:3",
       agencies=("INSPEKTORAT",)),
    _c("ADM.01", "Tata Naskah Dinas dan Kearsipan Elektronik (SRIKANDI)", M.PELATIHAN, 16,
       "ANRI", "T.ADM.02:2 T.ADM.01:2"),
    _c("ADM.02", "Legal Drafting Produk Hukum Daerah", M.PELATIHAN, 32, KEMENDAGRI, "T.ADM.03:3",
       agencies=("SETDA",)),
    _c("PTS.01", "Perizinan Berusaha Berbasis Risiko (OSS RBA)", M.WORKSHOP, 16,
       "Kementerian Investasi/BKPM", "T.PTS.01:3 T.PTS.02:2", agencies=("DPMPTSP",)),
    _c("TIB.01", "Penegakan Peraturan Daerah bagi Polisi Pamong Praja", M.PELATIHAN, 40,
       KEMENDAGRI, "T.TIB.01:3 T.TIB.02:2", agencies=("SATPOLPP",)),
    _c("HUB.01", "Rekayasa Lalu Lintas dan Manajemen Parkir", M.PELATIHAN, 24,
       "Kementerian Perhubungan RI", "T.HUB.01:3 T.HUB.02:2", agencies=("DISHUB",)),
    _c("SOS.01", "Pendampingan Rehabilitasi Sosial Berbasis Keluarga", M.PELATIHAN, 24,
       "Kementerian Sosial RI", "T.SOS.01:3 T.SOS.02:2", agencies=("DINSOS",)),
    _c("PEM.01", "Penyelenggaraan Pemerintahan Kelurahan", M.PELATIHAN, 24, BANTEN,
       "T.PEM.01:3 T.PEM.02:2", agencies=("KECAMATAN",)),
)  # fmt: skip

# Courses the personas' stories need (see catalog.py).
SERVICE_COURSE = "MNJ.05"  # a session of it is full, with a waiting list
RECENT_COURSE = "MNJ.08"  # a session of it has just ended: attendance in, completion pending
SITI_GAP_COURSES = ("MNJ.06", "KES.06")  # open, seats free, match Siti's gaps
SITI_REQUESTED_COURSE = "KES.01"
SITI_COMPLETED_COURSE = "MNJ.07"
SITI_REJECTED_COURSE = "KES.10"

# Where classical sessions are held.
PLACES = {
    BKPSDM: (
        "Aula BKPSDM, Gedung Pusat Pemerintahan, Jl. Maruga Raya No. 1, Serua, Ciputat",
        "Ruang Pelatihan BKPSDM, Puspemkot Tangerang Selatan, Ciputat",
        "Hotel Santika Premiere ICE BSD City, Jl. BSD Grand Boulevard, Pagedangan",
    ),
    BANTEN: ("Kampus BPSDM Provinsi Banten, Jl. Raya Serang-Pandeglang, Kota Serang",),
    KEMENKES: (
        "Bapelkes Cikarang, Jl. Raya Ciantra, Cikarang Selatan",
        "Aula RSU Kota Tangerang Selatan, Jl. Pajajaran No. 101, Pamulang",
    ),
    "": (
        "Gedung Pusat Pemerintahan Kota Tangerang Selatan, Jl. Maruga Raya No. 1, Ciputat",
        "Aula Kecamatan Serpong, Jl. Raya Serpong, Serpong",
        "Hotel Mercure Serpong Alam Sutera, Jl. Alam Sutera Boulevard, Serpong Utara",
        "Aula Dinas Kesehatan, Jl. Raya Siliwangi, Pamulang",
    ),
}
ONLINE = {
    LAN: "https://asn-unggul.lan.go.id/kelas",
    KEMENKES: "https://lms.kemkes.go.id/courses",
    KEMENDIKDASMEN: "https://guru.kemendikdasmen.go.id/pelatihan",
    "BKN": "https://asn.bkn.go.id/elearning",
    "": "https://elearning.tangerangselatankota.go.id/kelas",
}
