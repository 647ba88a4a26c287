"""Pemerintah Kota Tangerang Selatan as data: agencies (OPD), their divisions and sections, the
seven kecamatan with their kelurahan, puskesmas and school names.

Order matters: the generator keeps the first divisions and sections of each agency when the data
set is small, so the ones the personas work in come first.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.people.models import UnitKind


@dataclass(frozen=True, slots=True)
class Section:
    """A seksi / subbidang / subbagian: a PENGAWAS post and the staff posts under it."""

    name: str
    staff: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Division:
    """A bidang (its own unit) headed by an ADMINISTRATOR."""

    name: str
    techs: tuple[str, ...]
    sections: tuple[Section, ...] = ()
    head: str = ""  # head post name when not "Kepala <name>"
    staff: tuple[str, ...] = ()  # staff directly under the head (divisions without sections)


@dataclass(frozen=True, slots=True)
class Agency:
    """An OPD headed by a JPT Pratama who reports to the Sekretaris Daerah."""

    code: str
    name: str
    short: str
    kind: UnitKind
    topic: str  # the government affair it runs, for texts
    sector: str
    divisions: tuple[Division, ...]
    head: str = ""  # head post name when not "Kepala <name>"
    secretariat: tuple[str, str] = ("Sekretariat", "Sekretaris")


def S(name: str, *staff: str) -> Section:
    return Section(name, staff)


def D(name: str, techs: str, *sections: Section, head: str = "", staff: str = "") -> Division:
    return Division(name, tuple(techs.split()), sections, head, tuple(staff.split()))


AGENCIES: tuple[Agency, ...] = (
    Agency("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM",
           UnitKind.BADAN, "kepegawaian dan pengembangan sumber daya manusia", "sdm", (
        D("Bidang Pengembangan Kompetensi Aparatur", "T.SDM.03 T.SDM.02",
          S("Subbidang Pengembangan Kompetensi Teknis dan Fungsional",
            "analis_sdm_am", "analis_sdm_ap", "pengadm"),
          S("Subbidang Pengembangan Kompetensi Manajerial", "analis_sdm_am", "analis_sdm_ap")),
        D("Bidang Pengadaan, Pemberhentian dan Informasi", "T.SDM.01 T.TIK.01",
          S("Subbidang Pengadaan dan Pemberhentian", "analis_sdm_ap", "pengadm"),
          S("Subbidang Data dan Sistem Informasi", "pranata_komputer", "analis_sdm_ap")),
        D("Bidang Mutasi dan Promosi", "T.SDM.01",
          S("Subbidang Mutasi", "analis_sdm_ap", "pengadm"),
          S("Subbidang Promosi dan Kepangkatan", "analis_sdm_ap", "analis_sdm_am")),
        D("Bidang Penilaian Kinerja Aparatur dan Penghargaan", "T.SDM.04",
          S("Subbidang Penilaian Kinerja", "analis_sdm_ap", "analis_sdm_am"),
          S("Subbidang Disiplin dan Penghargaan", "analis_sdm_ap", "pengadm")),
    )),
    Agency("DINKES", "Dinas Kesehatan", "Dinkes", UnitKind.DINAS, "kesehatan", "kes", (
        D("Bidang Pelayanan Kesehatan", "T.KES.03 T.KES.10",
          S("Seksi Pelayanan Kesehatan Rujukan",
            "perawat_ap", "perawat_am", "dokter_am", "admkes", "pengadm"),
          S("Seksi Pelayanan Kesehatan Primer", "dokter_ap", "perawat_ap", "admkes")),
        D("Bidang Pencegahan dan Pengendalian Penyakit", "T.KES.05",
          S("Seksi Surveilans dan Imunisasi", "epidemiolog", "perawat_t", "pengadm"),
          S("Seksi Pencegahan dan Pengendalian Penyakit Menular", "epidemiolog", "sanitarian")),
        D("Bidang Kesehatan Masyarakat", "T.KES.12 T.KES.09",
          S("Seksi Kesehatan Keluarga dan Gizi", "nutrisionis", "bidan_t"),
          S("Seksi Promosi dan Pemberdayaan Masyarakat", "penyuluh_kes", "sanitarian")),
        D("Bidang Sumber Daya Kesehatan", "T.KES.06",
          S("Seksi Kefarmasian dan Alat Kesehatan", "apoteker", "penata"),
          S("Seksi Sumber Daya Manusia Kesehatan", "admkes", "analis_sdm_ap")),
    )),
    Agency("RSU", "Rumah Sakit Umum Kota Tangerang Selatan", "RSU Tangsel", UnitKind.RSUD,
           "pelayanan kesehatan rujukan rumah sakit", "kes", (
        D("Bidang Keperawatan", "T.KES.01 T.KES.04",
          S("Seksi Asuhan Keperawatan", "perawat_ap", "perawat_t", "perawat_am", "bidan_t"),
          S("Seksi Mutu Keperawatan", "perawat_am", "perawat_ap", "perawat_t")),
        D("Bidang Pelayanan Medik", "T.KES.07 T.KES.04",
          S("Seksi Pelayanan Medik", "dokter_ap", "dokter_am", "radiografer"),
          S("Seksi Penunjang Medik", "apoteker", "pranata_lab", "nutrisionis")),
        D("Bidang Pengembangan dan Informasi", "T.KES.04 T.TIK.01",
          S("Seksi Rekam Medis dan Informasi", "perekam_medis", "pranata_komputer"),
          S("Seksi Perencanaan dan Evaluasi", "perencana", "penata")),
    ), head="Direktur Rumah Sakit Umum Kota Tangerang Selatan",
       secretariat=("Bagian Tata Usaha", "Kepala Bagian Tata Usaha")),
    Agency("DIKBUD", "Dinas Pendidikan dan Kebudayaan", "Disdikbud", UnitKind.DINAS,
           "pendidikan dan kebudayaan", "dik", (
        D("Bidang Pembinaan Sekolah Dasar", "T.DIK.01 T.DIK.04",
          S("Seksi Kurikulum dan Penilaian Sekolah Dasar", "penata", "pengadm"),
          S("Seksi Kelembagaan dan Sarana Prasarana Sekolah Dasar", "penata", "pengelola_barang")),
        D("Bidang Pembinaan Sekolah Menengah Pertama", "T.DIK.01 T.DIK.04",
          S("Seksi Kurikulum dan Penilaian SMP", "penata", "pengadm"),
          S("Seksi Peserta Didik dan Pembangunan Karakter SMP", "penata")),
        D("Bidang Kebudayaan", "T.DIK.05",
          S("Seksi Cagar Budaya dan Permuseuman", "pamong_budaya"),
          S("Seksi Kesenian dan Tradisi", "pamong_budaya", "pengadm")),
        D("Bidang Pendidikan Anak Usia Dini dan Pendidikan Nonformal", "T.DIK.01",
          S("Seksi Kurikulum PAUD", "penata"), S("Seksi Pendidikan Nonformal", "penata")),
    )),
    Agency("DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", UnitKind.DINAS,
           "administrasi kependudukan dan pencatatan sipil", "duk", (
        D("Bidang Pelayanan Pendaftaran Penduduk", "T.DUK.01",
          S("Seksi Identitas Penduduk", "operator_duk", "adminduk", "pengadm"),
          S("Seksi Pindah Datang dan Pendataan Penduduk", "operator_duk")),
        D("Bidang Pelayanan Pencatatan Sipil", "T.DUK.02",
          S("Seksi Kelahiran dan Kematian", "operator_duk"),
          S("Seksi Perkawinan, Perceraian dan Pengangkatan Anak", "operator_duk")),
        D("Bidang Pengelolaan Informasi Administrasi Kependudukan", "T.DUK.03 T.TIK.01",
          S("Seksi Sistem Informasi Administrasi Kependudukan", "adminduk", "pranata_komputer"),
          S("Seksi Pengolahan dan Penyajian Data", "adminduk")),
    )),
    Agency("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP",
           UnitKind.DINAS, "penanaman modal dan pelayanan perizinan", "pts", (
        D("Bidang Penyelenggaraan Pelayanan Perizinan", "T.PTS.01",
          S("Seksi Perizinan Usaha", "analis_perizinan", "pengadm"),
          S("Seksi Perizinan Nonusaha", "analis_perizinan")),
        D("Bidang Penanaman Modal", "T.PTS.02",
          S("Seksi Promosi Penanaman Modal", "penata", "analis_perizinan"),
          S("Seksi Pengendalian Pelaksanaan Penanaman Modal", "analis_perizinan")),
        D("Bidang Pengaduan dan Informasi Layanan", "T.PTS.01 T.TIK.01",
          S("Seksi Pengaduan Layanan", "pengadm", "penata"),
          S("Seksi Data dan Sistem Informasi", "pranata_komputer")),
    )),
    Agency("DINSOS", "Dinas Sosial", "Dinsos", UnitKind.DINAS, "sosial", "sos", (
        D("Bidang Rehabilitasi Sosial", "T.SOS.01",
          S("Seksi Rehabilitasi Sosial Anak dan Lanjut Usia", "pekerja_sosial"),
          S("Seksi Rehabilitasi Sosial Penyandang Disabilitas", "pekerja_sosial")),
        D("Bidang Perlindungan dan Jaminan Sosial", "T.SOS.02",
          S("Seksi Perlindungan Sosial Korban Bencana", "pekerja_sosial", "pengadm"),
          S("Seksi Jaminan Sosial Keluarga", "pekerja_sosial", "penata")),
        D("Bidang Pemberdayaan Sosial", "T.SOS.02",
          S("Seksi Pemberdayaan Fakir Miskin", "pekerja_sosial"),
          S("Seksi Kepahlawanan dan Restorasi Sosial", "penata")),
    )),
    Agency("DISHUB", "Dinas Perhubungan", "Dishub", UnitKind.DINAS, "perhubungan", "hub", (
        D("Bidang Lalu Lintas", "T.HUB.01",
          S("Seksi Manajemen dan Rekayasa Lalu Lintas", "petugas_lalin", "penata"),
          S("Seksi Pengendalian dan Operasional", "petugas_lalin")),
        D("Bidang Angkutan dan Pengujian Sarana", "T.HUB.02",
          S("Seksi Angkutan Orang dan Barang", "penata", "pengadm"),
          S("Seksi Pengujian Kendaraan Bermotor", "penguji_kendaraan")),
        D("Bidang Perparkiran", "T.HUB.01",
          S("Seksi Pengelolaan Parkir", "petugas_lalin"),
          S("Seksi Pengawasan Parkir", "petugas_lalin")),
    )),
    Agency("SATPOLPP", "Satuan Polisi Pamong Praja", "Satpol PP", UnitKind.LAINNYA,
           "ketenteraman, ketertiban umum dan pelindungan masyarakat", "tib", (
        D("Bidang Penegakan Peraturan Daerah", "T.TIB.01",
          S("Seksi Penyelidikan dan Penyidikan", "polpp", "analis_kebijakan"),
          S("Seksi Pembinaan dan Pengawasan", "polpp")),
        D("Bidang Ketertiban Umum dan Ketenteraman Masyarakat", "T.TIB.02",
          S("Seksi Operasi dan Pengendalian", "polpp"), S("Seksi Kerja Sama", "polpp", "pengadm")),
        D("Bidang Perlindungan Masyarakat", "T.TIB.02",
          S("Seksi Satuan Perlindungan Masyarakat", "polpp"),
          S("Seksi Bina Potensi Masyarakat", "polpp")),
    ), head="Kepala Satuan Polisi Pamong Praja"),
    Agency("INSPEKTORAT", "Inspektorat Daerah", "Inspektorat", UnitKind.LAINNYA,
           "pengawasan penyelenggaraan pemerintahan daerah", "was", tuple(
        D(f"Inspektorat Pembantu Wilayah {n}", "T.WAS.01 T.WAS.02",
          head=f"Inspektur Pembantu Wilayah {n}", staff="auditor analis_kebijakan")
        for n in ("I", "II", "III", "IV")
    ), head="Inspektur"),
    Agency("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "Bappeda", UnitKind.BADAN,
           "perencanaan pembangunan daerah", "ren", (
        D("Bidang Perencanaan Pemerintahan dan Pembangunan Manusia", "T.REN.01",
          S("Subbidang Pemerintahan", "perencana"),
          S("Subbidang Pembangunan Manusia", "perencana")),
        D("Bidang Penelitian dan Pengembangan", "T.REN.02",
          S("Subbidang Inovasi dan Teknologi", "analis_kebijakan"),
          S("Subbidang Data dan Evaluasi Pembangunan", "perencana", "pranata_komputer")),
        D("Bidang Infrastruktur dan Kewilayahan", "T.REN.01",
          S("Subbidang Infrastruktur", "perencana"),
          S("Subbidang Tata Ruang dan Kewilayahan", "perencana", "penata")),
    )),
    Agency("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", UnitKind.BADAN,
           "pengelolaan keuangan dan aset daerah", "keu", (
        D("Bidang Anggaran", "T.KEU.01",
          S("Subbidang Anggaran Belanja", "penata", "bendahara"),
          S("Subbidang Anggaran Pendapatan dan Pembiayaan", "penata")),
        D("Bidang Aset", "T.KEU.02",
          S("Subbidang Penatausahaan Aset", "pengelola_barang"),
          S("Subbidang Pemanfaatan Aset", "pengelola_barang", "penata")),
        D("Bidang Perbendaharaan dan Akuntansi", "T.KEU.01",
          S("Subbidang Kas Daerah", "bendahara"), S("Subbidang Akuntansi dan Pelaporan", "penata")),
    )),
    Agency("KOMINFO", "Dinas Komunikasi dan Informatika", "Diskominfo", UnitKind.DINAS,
           "komunikasi, informatika, statistik dan persandian", "tik", (
        D("Bidang Aplikasi Informatika", "T.TIK.01",
          S("Seksi Pengembangan Aplikasi", "pranata_komputer"),
          S("Seksi Layanan Sistem Informasi", "pranata_komputer", "pengadm")),
        D("Bidang Infrastruktur TIK dan Persandian", "T.TIK.02",
          S("Seksi Infrastruktur Jaringan", "pranata_komputer"),
          S("Seksi Persandian dan Keamanan Informasi", "pranata_komputer")),
        D("Bidang Informasi dan Komunikasi Publik", "T.TIK.03",
          S("Seksi Pengelolaan Informasi Publik", "penata"),
          S("Seksi Statistik Sektoral", "pranata_komputer", "penata")),
    )),
)  # fmt: skip

# Sekretariat Daerah: three assistants, each over some bagian.
ASSISTANTS: tuple[tuple[str, str, tuple[Division, ...]], ...] = (
    ("Asisten Pemerintahan dan Kesejahteraan Rakyat", "pemerintahan dan kesejahteraan rakyat", (
        D("Bagian Hukum", "T.ADM.03",
          S("Subbagian Peraturan Perundang-undangan", "analis_kebijakan", "pengadm"),
          S("Subbagian Bantuan Hukum", "analis_kebijakan")),
        D("Bagian Tata Pemerintahan", "T.PEM.01",
          S("Subbagian Pemerintahan Umum", "pemerintahan", "analis_kebijakan"),
          S("Subbagian Otonomi Daerah", "analis_kebijakan")),
    )),
    ("Asisten Perekonomian dan Pembangunan", "perekonomian dan pembangunan", (
        D("Bagian Pengadaan Barang dan Jasa", "T.KEU.03",
          S("Subbagian Pengelolaan Pengadaan", "penata", "pengadm"),
          S("Subbagian Layanan Pengadaan Secara Elektronik", "pranata_komputer")),
        D("Bagian Perekonomian dan Sumber Daya Alam", "T.REN.02",
          S("Subbagian Perekonomian", "penata"), S("Subbagian Sumber Daya Alam", "penata")),
    )),
    ("Asisten Administrasi Umum", "administrasi umum", (
        D("Bagian Organisasi", "T.SDM.02",
          S("Subbagian Kelembagaan dan Analisis Jabatan", "analis_sdm_ap", "analis_kebijakan"),
          S("Subbagian Reformasi Birokrasi dan Tata Laksana", "analis_kebijakan")),
        D("Bagian Umum", "T.ADM.01",
          S("Subbagian Tata Usaha Pimpinan", "pengadm", "arsiparis"),
          S("Subbagian Rumah Tangga", "pengemudi", "pengadm")),
    )),
)  # fmt: skip

SECRETARIAT_SECTIONS = ("Subbagian Umum dan Kepegawaian", "Subbagian Perencanaan dan Keuangan")

# The seven kecamatan (BPS codes) and their kelurahan.
KECAMATAN: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("020", "Serpong", ("Ciater", "Rawa Mekar Jaya", "Serpong", "Buaran", "Cilenggang",
                        "Lengkong Gudang", "Lengkong Gudang Timur", "Lengkong Wetan",
                        "Rawa Buntu")),
    ("070", "Serpong Utara", ("Pakualam", "Pondok Jagung", "Pondok Jagung Timur", "Jelupang",
                              "Lengkong Karya", "Pakulonan", "Pakulonan Barat")),
    ("040", "Ciputat", ("Serua", "Ciputat", "Cipayung", "Jombang", "Sawah", "Sawah Baru",
                        "Serua Indah")),
    ("050", "Ciputat Timur", ("Pisangan", "Cempaka Putih", "Cireundeu", "Pondok Ranji",
                              "Rempoa", "Rengas")),
    ("030", "Pamulang", ("Pamulang Barat", "Pamulang Timur", "Bambu Apus", "Benda Baru",
                         "Kedaung", "Pondok Benda", "Pondok Cabe Ilir", "Pondok Cabe Udik")),
    ("060", "Pondok Aren", ("Pondok Aren", "Jurang Mangu Barat", "Jurang Mangu Timur",
                            "Perigi Baru", "Perigi Lama", "Pondok Betung", "Pondok Jaya",
                            "Pondok Kacang Barat", "Pondok Kacang Timur", "Pondok Karya",
                            "Pondok Pucung")),
    ("010", "Setu", ("Setu", "Babakan", "Bakti Jaya", "Kademangan", "Keranggan", "Muncul")),
)  # fmt: skip

KECAMATAN_SECTIONS = (
    Section("Seksi Pemerintahan", ("pemerintahan", "pengadm")),
    Section("Seksi Ketenteraman dan Ketertiban Umum", ("polpp",)),
    Section("Seksi Pemberdayaan Masyarakat", ("pemerintahan",)),
)
KELURAHAN_STAFF = ("pemerintahan", "pengadm")

PUSKESMAS = (
    "Serpong 1", "Pamulang", "Ciputat", "Pondok Aren", "Setu", "Pondok Jagung", "Ciputat Timur",
    "Jurang Mangu", "Benda Baru", "Rawa Buntu", "Jombang", "Pondok Kacang Timur", "Serpong 2",
    "Paku Alam", "Situ Gintung", "Kampung Sawah", "Pondok Betung", "Bambu Apus", "Pondok Benda",
    "Pondok Cabe Ilir", "Parigi", "Pondok Pucung", "Keranggan", "Lengkong Wetan", "Pisangan",
    "Rengas", "Pondok Ranji", "Ciater", "Pondok Jaya",
)  # fmt: skip
PUSKESMAS_STAFF = (
    "dokter_ap", "perawat_ap", "perawat_t", "bidan_t", "apoteker", "pranata_lab", "sanitarian",
    "nutrisionis", "penyuluh_kes", "perekam_medis", "pengadm",
)  # fmt: skip
SCHOOL_STAFF = ("guru_ap", "guru_am", "guru_amd", "tendik")
