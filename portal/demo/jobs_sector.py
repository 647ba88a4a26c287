"""Functional and executive jobs of each sector (health, education, registry, order, ...)."""

from __future__ import annotations

from portal.demo.jobs import GENERAL, STRUCTURAL, Job, Titles
from portal.people.ranks import PositionLevel as L

_NURSE_AP: Titles = (("", "S.Kep., Ns."), ("", "S.Kep., Ns."), ("", "S.Kep., Ns., M.Kep."))
_NURSE_T: Titles = (("", "A.Md.Kep."),)
_DOCTOR: Titles = (("dr. ", ""), ("dr. ", ""), ("dr. ", "M.K.M."), ("dr. ", "M.Kes."))
_PUBLIC_HEALTH: Titles = (("", "S.KM."), ("", "S.KM., M.K.M."))
_TEACHER: Titles = (("", "S.Pd."), ("", "S.Pd."), ("", "S.Pd.I."), ("", "S.Pd., M.Pd."))
_LAW: Titles = (("", "S.H."), ("", "S.H., M.H."))
_SOCIAL: Titles = (("", "S.Sos."), ("", "S.Tr.Sos."), ("", "S.Psi."))

_NURSE_DUTIES = (
    "Melaksanakan pengkajian keperawatan pada individu dan keluarga",
    "Menyusun rencana dan melaksanakan tindakan keperawatan sesuai standar",
    "Melakukan evaluasi dan dokumentasi asuhan keperawatan",
    "Memberikan edukasi kesehatan kepada pasien dan keluarga",
    "Berkoordinasi dalam penanganan rujukan pasien",
)
_NURSE_WORK = (
    ("pengkajian keperawatan pasien", "pasien", 30),
    ("tindakan keperawatan", "tindakan", 20),
    ("dokumentasi asuhan keperawatan", "dokumen", 15),
    ("edukasi kesehatan pasien dan keluarga", "kegiatan", 45),
)
_TEACHER_DUTIES = (
    "Menyusun modul ajar dan perangkat pembelajaran",
    "Melaksanakan pembelajaran yang berpusat pada murid",
    "Melaksanakan asesmen formatif dan sumatif",
    "Membimbing dan membina peserta didik",
    "Menyusun laporan hasil belajar peserta didik",
)
_TEACHER_WORK = (
    ("tatap muka pembelajaran", "jam pelajaran", 45),
    ("penyusunan modul ajar", "modul", 240),
    ("penilaian hasil belajar", "peserta didik", 20),
    ("bimbingan peserta didik", "kegiatan", 60),
)


def _nurse(key: str, name: str, level: L, grade: int, titles: Titles, weight: float) -> Job:
    return Job(
        key,
        name,
        level,
        grade,
        ("T.KES.01", "T.KES.03"),
        titles,
        0.75,
        0.2,
        weight,
        _NURSE_DUTIES,
        _NURSE_WORK,
    )


def _teacher(key: str, name: str, level: L, grade: int, pppk: float, weight: float) -> Job:
    return Job(
        key,
        name,
        level,
        grade,
        ("T.DIK.02", "T.DIK.03", "T.DIK.01"),
        _TEACHER,
        0.68,
        pppk,
        weight,
        _TEACHER_DUTIES,
        _TEACHER_WORK,
    )


SECTOR: dict[str, Job] = {
    job.key: job
    for job in (
        _nurse("perawat_ap", "Perawat Ahli Pertama", L.AHLI_PERTAMA, 8, _NURSE_AP, 3),
        _nurse("perawat_am", "Perawat Ahli Muda", L.AHLI_MUDA, 9, _NURSE_AP, 1.5),
        _nurse("perawat_t", "Perawat Terampil", L.TERAMPIL, 7, _NURSE_T, 3),
        Job("bidan_t", "Bidan Terampil", L.TERAMPIL, 7, ("T.KES.02",),
            (("", "A.Md.Keb."),), 1.0, 0.3, 2.5, (
            "Melaksanakan pelayanan kesehatan ibu hamil, bersalin dan nifas",
            "Melaksanakan pelayanan keluarga berencana",
            "Melaksanakan imunisasi dan pemantauan tumbuh kembang bayi",
            "Mencatat dan melaporkan pelayanan kebidanan",
        ), (("pemeriksaan kehamilan", "kunjungan", 30),
            ("pertolongan persalinan", "persalinan", 240),
            ("pelayanan keluarga berencana", "akseptor", 20))),
        Job("dokter_ap", "Dokter Ahli Pertama", L.AHLI_PERTAMA, 9, ("T.KES.07",), _DOCTOR,
            0.6, 0.05, 1.2, (
            "Melakukan pemeriksaan dan penegakan diagnosis pasien",
            "Memberikan terapi dan tindakan medis sesuai kewenangan",
            "Melaksanakan rujukan pasien ke fasilitas kesehatan lanjutan",
            "Membina tenaga kesehatan dalam pelayanan klinis",
        ), (("pemeriksaan pasien rawat jalan", "pasien", 15), ("tindakan medis", "tindakan", 30),
            ("penulisan rujukan", "rujukan", 20))),
        Job("dokter_am", "Dokter Ahli Muda", L.AHLI_MUDA, 10, ("T.KES.07", "T.KES.03"), _DOCTOR,
            0.55, 0.0, 0.8, (
            "Melakukan pemeriksaan dan penatalaksanaan kasus medis kompleks",
            "Melaksanakan audit medis dan kajian kasus",
            "Membimbing dokter ahli pertama",
            "Memberikan pertimbangan klinis dalam sistem rujukan",
        ), (("penatalaksanaan kasus medis", "pasien", 25), ("audit medis", "kasus", 240))),
        Job("apoteker", "Apoteker Ahli Pertama", L.AHLI_PERTAMA, 8, ("T.KES.06",),
            (("apt. ", "S.Farm."),), 0.75, 0.15, 0.8, (
            "Mengelola perbekalan farmasi dan bahan medis habis pakai",
            "Melakukan pelayanan resep dan pemberian informasi obat",
            "Melakukan pemantauan efek samping obat",
        ), (("pelayanan resep", "resep", 5), ("pengelolaan stok obat", "laporan", 480))),
        Job("pranata_lab", "Pranata Laboratorium Kesehatan Terampil", L.TERAMPIL, 7,
            ("T.KES.11",), (("", "A.Md.AK."),), 0.7, 0.2, 0.8, (
            "Menyiapkan dan mengambil spesimen pemeriksaan",
            "Melakukan pemeriksaan laboratorium sesuai standar",
            "Mencatat dan melaporkan hasil pemeriksaan laboratorium",
        ), (("pemeriksaan laboratorium", "sampel", 20), ("pengambilan spesimen", "spesimen", 10))),
        Job("sanitarian", "Tenaga Sanitasi Lingkungan Terampil", L.TERAMPIL, 7, ("T.KES.08",),
            (("", "A.Md.KL."),), 0.5, 0.15, 0.6, (
            "Melakukan inspeksi kesehatan lingkungan",
            "Melakukan pengambilan sampel air dan makanan",
            "Melakukan penyuluhan sanitasi kepada masyarakat",
        ), (("inspeksi kesehatan lingkungan", "lokasi", 90),
            ("penyuluhan sanitasi", "kegiatan", 120))),
        Job("nutrisionis", "Nutrisionis Terampil", L.TERAMPIL, 7, ("T.KES.09",),
            (("", "A.Md.Gz."),), 0.85, 0.15, 0.6, (
            "Melakukan pengukuran status gizi",
            "Memberikan konseling gizi",
            "Melaksanakan intervensi penanganan stunting",
        ), (("konseling gizi", "klien", 30), ("pengukuran status gizi balita", "balita", 10))),
        Job("epidemiolog", "Epidemiolog Kesehatan Ahli Pertama", L.AHLI_PERTAMA, 8, ("T.KES.05",),
            _PUBLIC_HEALTH, 0.6, 0.0, 0.8, (
            "Melaksanakan surveilans penyakit menular dan tidak menular",
            "Melakukan penyelidikan epidemiologi kejadian luar biasa",
            "Menyusun analisis data surveilans mingguan",
        ), (("analisis data surveilans", "laporan", 240),
            ("penyelidikan epidemiologi", "kasus", 480))),
        Job("penyuluh_kes", "Penyuluh Kesehatan Masyarakat Ahli Pertama", L.AHLI_PERTAMA, 8,
            ("T.KES.12",), _PUBLIC_HEALTH, 0.7, 0.05, 0.7, (
            "Menyusun materi dan media promosi kesehatan",
            "Melaksanakan penyuluhan kesehatan masyarakat",
            "Menggerakkan pemberdayaan masyarakat di bidang kesehatan",
        ), (("penyuluhan kesehatan", "kegiatan", 180), ("penyusunan media promosi", "media", 300))),
        Job("admkes", "Administrator Kesehatan Ahli Pertama", L.AHLI_PERTAMA, 8,
            ("T.KES.03", "T.KES.10"), _PUBLIC_HEALTH, 0.6, 0.0, 1, (
            "Menyusun bahan perencanaan program pelayanan kesehatan",
            "Melakukan pemantauan mutu pelayanan fasilitas kesehatan",
            "Mengolah data rujukan dan kapasitas fasilitas kesehatan",
            "Menyusun laporan evaluasi program kesehatan",
        ), (("pemantauan mutu fasilitas kesehatan", "fasilitas", 240),
            ("pengolahan data rujukan", "laporan", 180))),
        Job("perekam_medis", "Perekam Medis Terampil", L.TERAMPIL, 7, ("T.KES.04",),
            (("", "A.Md.RMIK."),), 0.7, 0.25, 1, (
            "Mengelola rekam medis pasien",
            "Melakukan pengodean diagnosis dan tindakan",
            "Menyusun laporan statistik pelayanan rumah sakit",
        ), (("pengodean rekam medis", "berkas", 8),
            ("penyusunan laporan statistik", "laporan", 480))),
        Job("radiografer", "Radiografer Terampil", L.TERAMPIL, 7, ("T.KES.07",),
            (("", "A.Md.Rad."),), 0.45, 0.15, 0.5, (
            "Melakukan pemeriksaan radiologi sesuai permintaan dokter",
            "Menjaga keselamatan radiasi pasien dan petugas",
            "Memelihara peralatan radiologi",
        ), (("pemeriksaan radiologi", "pemeriksaan", 20),)),
        _teacher("guru_ap", "Guru Ahli Pertama", L.AHLI_PERTAMA, 8, 0.45, 5),
        _teacher("guru_am", "Guru Ahli Muda", L.AHLI_MUDA, 9, 0.0, 3),
        _teacher("guru_amd", "Guru Ahli Madya", L.AHLI_MADYA, 11, 0.0, 1.5),
        Job("tendik", "Pengelola Layanan Operasional", L.PELAKSANA, 6, ("T.ADM.01",),
            (("", ""), ("", "A.Md."), ("", "S.E.")), 0.5, 0.3, 1, (
            "Mengelola administrasi peserta didik dan Dapodik",
            "Mengelola administrasi keuangan dana BOS",
            "Melayani administrasi guru dan tenaga kependidikan",
        ), (("pemutakhiran data Dapodik", "data", 15),
            ("administrasi keuangan BOS", "dokumen", 60))),
        Job("pamong_budaya", "Pamong Budaya Ahli Pertama", L.AHLI_PERTAMA, 8, ("T.DIK.05",),
            (("", "S.S."), ("", "S.Sn."), ("", "S.Hum.")), 0.5, 0.0, 1, (
            "Melakukan inventarisasi objek pemajuan kebudayaan",
            "Melaksanakan pembinaan sanggar dan komunitas seni",
            "Menyusun kajian pelestarian cagar budaya",
        ), (("inventarisasi objek kebudayaan", "objek", 240),
            ("pembinaan sanggar seni", "sanggar", 480))),
        Job("adminduk", "Administrator Database Kependudukan Ahli Pertama", L.AHLI_PERTAMA, 8,
            ("T.DUK.03", "T.DUK.01"), (("", "S.Kom."), ("", "S.T."), ("", "S.Si.")), 0.4, 0.0,
            1.2, (
            "Memelihara basis data kependudukan SIAK",
            "Melakukan perekaman dan verifikasi data kependudukan",
            "Menyajikan data agregat kependudukan",
        ), (("verifikasi data kependudukan", "data", 10),
            ("penyajian data agregat", "laporan", 480))),
        Job("operator_duk", "Pengolah Data Kependudukan", L.PELAKSANA, 6, ("T.DUK.01", "T.DUK.02"),
            (("", ""), ("", "A.Md."), ("", "S.Kom.")), 0.55, 0.25, 3, (
            "Melayani penerbitan KTP-el, KK dan KIA",
            "Melayani penerbitan akta pencatatan sipil",
            "Melakukan aktivasi Identitas Kependudukan Digital",
        ), (("penerbitan dokumen kependudukan", "dokumen", 12), ("aktivasi IKD", "aktivasi", 8))),
        Job("analis_perizinan", "Analis Perizinan Berusaha", L.PELAKSANA, 7, ("T.PTS.01",),
            (*_LAW, ("", "S.E.")), 0.5, 0.1, 2, (
            "Memverifikasi permohonan perizinan berusaha pada OSS",
            "Melakukan pemeriksaan lapangan atas permohonan izin",
            "Menyusun rekomendasi penerbitan izin",
        ), (("verifikasi permohonan izin", "berkas", 45), ("pemeriksaan lapangan", "lokasi", 180))),
        Job("pekerja_sosial", "Pekerja Sosial Ahli Pertama", L.AHLI_PERTAMA, 8,
            ("T.SOS.01", "T.SOS.02"),
            _SOCIAL, 0.6, 0.1, 2, (
            "Melakukan asesmen kebutuhan penerima manfaat",
            "Melaksanakan pendampingan rehabilitasi sosial",
            "Memverifikasi data terpadu kesejahteraan sosial",
        ), (("asesmen penerima manfaat", "orang", 90),
            ("pendampingan rehabilitasi sosial", "kasus", 240))),
        Job("penguji_kendaraan", "Penguji Kendaraan Bermotor Terampil", L.TERAMPIL, 7,
            ("T.HUB.02",),
            (("", "A.Md.T."), ("", "")), 0.1, 0.05, 1.5, (
            "Melakukan uji berkala kendaraan bermotor",
            "Menerbitkan bukti lulus uji elektronik",
            "Memelihara alat uji kendaraan",
        ), (("pengujian kendaraan bermotor", "kendaraan", 30),)),
        Job("petugas_lalin", "Pengatur Lalu Lintas", L.PELAKSANA, 5, ("T.HUB.01",),
            (("", ""),), 0.1, 0.2, 3, (
            "Mengatur arus lalu lintas di persimpangan rawan kemacetan",
            "Melakukan pengawasan parkir di ruang milik jalan",
            "Melaporkan gangguan lalu lintas",
        ), (("pengaturan lalu lintas", "shift", 480), ("pengawasan parkir", "lokasi", 60))),
        Job("polpp", "Polisi Pamong Praja Terampil", L.TERAMPIL, 6, ("T.TIB.02", "T.TIB.01"),
            (("", ""), ("", "A.Md.")), 0.15, 0.1, 4, (
            "Melaksanakan patroli ketenteraman dan ketertiban umum",
            "Melakukan penertiban pelanggaran peraturan daerah",
            "Melakukan pengamanan kegiatan pemerintah daerah",
        ), (("patroli ketertiban umum", "patroli", 240),
            ("penertiban pelanggaran perda", "kegiatan", 300))),
        Job("auditor", "Auditor Ahli Pertama", L.AHLI_PERTAMA, 8, ("T.WAS.01", "T.WAS.02"),
            (("", "S.E., Ak."), ("", "S.Ak."), ("", "S.E.")), 0.5, 0.0, 3, (
            "Melaksanakan audit kinerja dan keuangan perangkat daerah",
            "Melakukan reviu laporan keuangan dan rencana kerja",
            "Menyusun kertas kerja dan laporan hasil pengawasan",
        ), (("pelaksanaan audit", "penugasan", 4800), ("reviu dokumen", "dokumen", 900))),
        Job("analis_kebijakan", "Analis Kebijakan Ahli Pertama", L.AHLI_PERTAMA, 8,
            ("T.REN.02", "T.ADM.03"), (*_LAW, ("", "S.IP.")), 0.5, 0.0, 1.5, (
            "Menyusun kajian dan rekomendasi kebijakan",
            "Menyusun rancangan peraturan dan keputusan",
            "Menganalisis dampak pelaksanaan kebijakan",
        ), (("penyusunan kajian kebijakan", "kajian", 2400),
            ("penyusunan rancangan peraturan", "rancangan", 1200))),
        Job("pemerintahan", "Pengadministrasi Pemerintahan", L.PELAKSANA, 5,
            ("T.PEM.01", "T.PEM.02"),
            (("", ""), ("", "S.Sos.")), 0.5, 0.2, 3, (
            "Melayani surat pengantar dan keterangan bagi warga",
            "Mendata kegiatan lembaga kemasyarakatan RT/RW",
            "Mendukung pelaksanaan musyawarah perencanaan pembangunan",
        ), (("pelayanan surat keterangan warga", "surat", 15),
            ("pendataan lembaga kemasyarakatan", "laporan", 240))),
    )
}  # fmt: skip

JOBS: dict[str, Job] = {**STRUCTURAL, **GENERAL, **SECTOR}

# Analis SDM Aparatur Ahli Muda: the HR analysts of BKPSDM (Dewi Lestari is one).
JOBS["analis_sdm_am"] = Job(
    "analis_sdm_am", "Analis SDM Aparatur Ahli Muda", L.AHLI_MUDA, 9,
    ("T.SDM.02", "T.SDM.03", "T.SDM.01"), (("", "S.Psi., M.Si."), ("", "S.E., M.M.")), 0.6,
    0.0, 1.5, (
        "Menyusun analisis jabatan dan analisis beban kerja perangkat daerah",
        "Menyusun kebutuhan dan rencana pengembangan kompetensi ASN",
        "Melakukan pemetaan talenta dan job-person match",
        "Mengevaluasi penyelenggaraan pelatihan",
        "Memberikan rekomendasi pengembangan karier pegawai",
    ), (("analisis jabatan dan beban kerja", "jabatan", 240),
        ("analisis kebutuhan pengembangan kompetensi", "dokumen", 900),
        ("evaluasi pelatihan", "laporan", 600)),
)  # fmt: skip
