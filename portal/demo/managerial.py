"""Managerial and socio-cultural competencies with their five levels (PermenPANRB 38/2017).

Level descriptions follow the regulation's wording, shortened; indicators are the behaviours an
assessor looks for at that level.
"""

from __future__ import annotations

from typing import TypeAlias

# (description, indicators) for levels 1..5
Levels: TypeAlias = tuple[tuple[str, tuple[str, ...]], ...]

MANAGERIAL: tuple[tuple[str, str, str, Levels], ...] = (
    (
        "M.01",
        "Integritas",
        "Konsisten berperilaku selaras dengan nilai, norma dan etika organisasi, jujur dalam "
        "hubungan dengan manajemen, rekan kerja, bawahan dan pemangku kepentingan.",
        (
            (
                "Mampu bertindak sesuai nilai, norma, dan etika organisasi dalam kapasitas "
                "pribadi.",
                ("Bertingkah laku sesuai kode etik ASN", "Jujur dalam menyampaikan informasi"),
            ),
            (
                "Mampu mengingatkan dan mengajak rekan kerja untuk bertindak sesuai nilai, norma, "
                "dan etika organisasi.",
                (
                    "Mengingatkan rekan kerja yang melanggar aturan",
                    "Menolak gratifikasi dan melaporkannya",
                ),
            ),
            (
                "Mampu memastikan anggota yang dipimpin bertindak sesuai nilai, norma, dan etika "
                "organisasi dalam lingkup formal.",
                ("Memberi apresiasi dan teguran terkait etika", "Menjadi teladan di unit kerja"),
            ),
            (
                "Mampu menciptakan situasi kerja yang membuat rekan kerja tunduk pada nilai, "
                "norma, "
                "dan etika organisasi.",
                (
                    "Menyusun aturan unit yang mencegah konflik kepentingan",
                    "Menindaklanjuti pelanggaran secara konsisten",
                ),
            ),
            (
                "Mampu menjadi teladan dalam penerapan standar keadilan dan etika di tingkat "
                "nasional.",
                ("Membangun budaya integritas organisasi", "Menjadi rujukan etika antarinstansi"),
            ),
        ),
    ),
    (
        "M.02",
        "Kerjasama",
        "Kemampuan menjalin, membina, mempertahankan hubungan kerja yang efektif, memiliki "
        "komitmen saling membantu dalam penyelesaian tugas.",
        (
            (
                "Berpartisipasi sebagai anggota tim yang baik, melakukan tugasnya dan mendukung "
                "keputusan tim.",
                ("Menyelesaikan bagian tugas tim tepat waktu", "Berbagi informasi dengan rekan"),
            ),
            (
                "Menumbuhkan tim kerja yang partisipatif dan efektif.",
                ("Membantu rekan yang kesulitan", "Menghargai masukan anggota tim"),
            ),
            (
                "Efektif membangun tim kerja untuk peningkatan kinerja organisasi.",
                ("Membagi peran sesuai kemampuan anggota", "Menyelesaikan konflik dalam tim"),
            ),
            (
                "Membangun komitmen tim dan sinergi lintas unit kerja.",
                ("Menggalang kerja sama lintas perangkat daerah", "Menyatukan tujuan tim"),
            ),
            (
                "Menciptakan hubungan kerja yang terintegrasi dan sinergis di tingkat nasional.",
                ("Membangun jejaring dengan instansi pusat", "Memprakarsai kolaborasi strategis"),
            ),
        ),
    ),
    (
        "M.03",
        "Komunikasi",
        "Kemampuan menerangkan pandangan dan gagasan secara jelas, sistematis, dengan argumentasi "
        "yang logis, secara lisan maupun tertulis.",
        (
            (
                "Menyampaikan informasi dengan jelas, lengkap, dan dengan pemahaman yang sama.",
                ("Menyampaikan informasi secara runtut", "Memastikan pesan dipahami penerima"),
            ),
            (
                "Aktif menjalankan komunikasi formal dan informal serta bersedia mendengarkan.",
                ("Menyusun naskah dinas dan laporan yang jelas", "Mendengarkan dengan aktif"),
            ),
            (
                "Berkomunikasi secara asertif untuk menyampaikan informasi yang sensitif atau "
                "rumit.",
                (
                    "Menyampaikan kabar sulit dengan tepat",
                    "Menyesuaikan gaya bicara dengan audiens",
                ),
            ),
            (
                "Mengemukakan pemikiran multidimensi untuk mendorong kesepakatan.",
                (
                    "Memimpin rapat koordinasi hingga tercapai kesepakatan",
                    "Menyusun argumentasi kebijakan",
                ),
            ),
            (
                "Menggagas sistem komunikasi terbuka yang strategis untuk mencari solusi.",
                (
                    "Membangun saluran komunikasi publik organisasi",
                    "Menjadi juru bicara kebijakan daerah",
                ),
            ),
        ),
    ),
    (
        "M.04",
        "Orientasi pada Hasil",
        "Kemampuan mempertahankan komitmen pribadi yang tinggi untuk menyelesaikan tugas, dapat "
        "diandalkan, bertanggung jawab, mampu mengidentifikasi risiko dan peluang.",
        (
            (
                "Bertanggung jawab untuk memenuhi standar kerja.",
                ("Menyelesaikan pekerjaan sesuai standar", "Memeriksa kembali hasil kerja"),
            ),
            (
                "Berupaya meningkatkan hasil kerja pribadi di atas standar yang ditetapkan.",
                ("Mencoba cara kerja yang lebih efisien", "Menetapkan target pribadi"),
            ),
            (
                "Menetapkan target kerja yang menantang bagi unit kerja.",
                ("Memantau capaian target unit secara berkala", "Memberi apresiasi atas capaian"),
            ),
            (
                "Mendorong unit kerja mencapai atau melampaui target yang ditetapkan.",
                ("Menganalisis penyebab target tidak tercapai", "Mengalokasikan sumber daya"),
            ),
            (
                "Menyusun kebijakan dengan target kinerja organisasi secara keseluruhan.",
                ("Menetapkan indikator kinerja utama daerah", "Mengevaluasi kinerja lintas OPD"),
            ),
        ),
    ),
    (
        "M.05",
        "Pelayanan Publik",
        "Kemampuan melaksanakan tugas pemerintahan, pembangunan dan pelayanan publik secara "
        "profesional, transparan, mengikuti standar pelayanan yang objektif dan netral.",
        (
            (
                "Menjalankan tugas mengikuti standar pelayanan.",
                ("Melayani sesuai SOP dan maklumat pelayanan", "Bersikap ramah dan sopan"),
            ),
            (
                "Mampu mengawasi dan menjelaskan proses pelaksanaan tugas pelayanan publik secara "
                "transparan.",
                (
                    "Menjelaskan persyaratan dan alur layanan dengan jelas",
                    "Menindaklanjuti keluhan pengguna layanan",
                ),
            ),
            (
                "Mampu memanfaatkan kekuatan kelompok serta memperbaiki standar pelayanan publik "
                "di "
                "lingkup unit kerja.",
                ("Mengusulkan perbaikan standar pelayanan", "Menganalisis hasil survei kepuasan"),
            ),
            (
                "Mampu memonitor, mengevaluasi dan mengantisipasi dampak isu jangka panjang dalam "
                "pelayanan kebutuhan pemangku kepentingan.",
                ("Memetakan kebutuhan pemangku kepentingan", "Menyusun inovasi pelayanan"),
            ),
            (
                "Mampu menciptakan kebijakan pelayanan publik yang objektif, netral dan tidak "
                "diskriminatif.",
                (
                    "Menetapkan kebijakan standar pelayanan daerah",
                    "Menjamin netralitas pelayanan publik",
                ),
            ),
        ),
    ),
    (
        "M.06",
        "Pengembangan Diri dan Orang Lain",
        "Kemampuan meningkatkan pengetahuan dan menyempurnakan keterampilan diri, serta "
        "menginspirasi orang lain untuk mengembangkan dan menyempurnakan keterampilannya.",
        (
            (
                "Mengembangkan diri sesuai kebutuhan jabatan.",
                ("Mengikuti pelatihan yang relevan", "Mempelajari aturan dan teknologi baru"),
            ),
            (
                "Meningkatkan kemampuan bawahan dengan memberikan contoh dan penjelasan cara "
                "kerja.",
                (
                    "Membagikan pengetahuan kepada rekan",
                    "Menjelaskan langkah kerja kepada pegawai baru",
                ),
            ),
            (
                "Memberikan umpan balik dan membimbing.",
                (
                    "Melakukan coaching kepada bawahan",
                    "Mengusulkan pengembangan kompetensi bawahan",
                ),
            ),
            (
                "Menyusun program pengembangan jangka panjang dalam rangka manajemen pembelajaran.",
                ("Menyusun rencana pengembangan kompetensi unit", "Mengevaluasi dampak pelatihan"),
            ),
            (
                "Menciptakan situasi yang mendorong organisasi terus belajar.",
                ("Membangun corporate university daerah", "Menjadikan belajar bagian dari kinerja"),
            ),
        ),
    ),
    (
        "M.07",
        "Mengelola Perubahan",
        "Kemampuan menyesuaikan diri dengan situasi yang berubah dan aktif mendukung serta "
        "mendorong perubahan di unit kerja.",
        (
            (
                "Menyesuaikan diri dengan perubahan.",
                ("Menerima perubahan prosedur kerja", "Mempelajari aplikasi layanan yang baru"),
            ),
            (
                "Proaktif beradaptasi mengikuti perubahan.",
                (
                    "Mencari informasi tentang perubahan kebijakan",
                    "Mengusulkan penyesuaian cara kerja",
                ),
            ),
            (
                "Membantu orang lain mengikuti perubahan dan mengantisipasinya secara tepat.",
                ("Mendampingi rekan menghadapi perubahan", "Mengidentifikasi hambatan perubahan"),
            ),
            (
                "Memimpin perubahan pada unit kerja.",
                ("Menyusun rencana aksi perubahan", "Mengelola resistensi terhadap perubahan"),
            ),
            (
                "Mengelola perubahan yang berdampak luas dan strategis bagi organisasi.",
                ("Memimpin reformasi birokrasi daerah", "Menyelaraskan perubahan lintas sektor"),
            ),
        ),
    ),
    (
        "M.08",
        "Pengambilan Keputusan",
        "Kemampuan membuat keputusan yang baik secara tepat waktu dan dengan keyakinan diri "
        "setelah mempertimbangkan prinsip kehati-hatian.",
        (
            (
                "Mengumpulkan informasi untuk bertindak sesuai kewenangan.",
                ("Mengumpulkan data sebelum bertindak", "Mengetahui batas kewenangan"),
            ),
            (
                "Menganalisis masalah secara mendalam.",
                ("Mengidentifikasi akar masalah", "Menyusun beberapa alternatif penyelesaian"),
            ),
            (
                "Membandingkan berbagai alternatif dan menyeimbangkan risiko keberhasilan.",
                ("Menimbang risiko setiap alternatif", "Memutuskan tepat waktu"),
            ),
            (
                "Menyelesaikan masalah berisiko tinggi dan mengantisipasi dampak keputusan.",
                ("Menyiapkan langkah mitigasi risiko", "Bertanggung jawab atas keputusan"),
            ),
            (
                "Menghasilkan solusi dan keputusan untuk permasalahan jangka panjang dan "
                "strategis.",
                ("Memutuskan kebijakan strategis daerah", "Mengantisipasi dampak jangka panjang"),
            ),
        ),
    ),
)

SOCIO_CULTURAL: tuple[str, str, str, Levels] = (
    "SK.01",
    "Perekat Bangsa",
    "Kemampuan mempromosikan sikap toleransi, keterbukaan, peka terhadap perbedaan individu atau "
    "kelompok masyarakat; mampu menjadi perpanjangan tangan pemerintah dalam mempersatukan "
    "masyarakat.",
    (
        (
            "Peka memahami dan menerima kemajemukan.",
            ("Menghargai perbedaan latar belakang rekan", "Tidak membeda-bedakan pengguna layanan"),
        ),
        (
            "Aktif mengembangkan sikap saling menghargai, menekankan persamaan dan persatuan.",
            ("Mengajak rekan menghargai perbedaan", "Menjaga suasana kerja yang inklusif"),
        ),
        (
            "Mempromosikan dan mengembangkan sikap toleransi dan persatuan.",
            ("Menengahi perbedaan pendapat secara adil", "Melibatkan kelompok yang beragam"),
        ),
        (
            "Mendayagunakan perbedaan secara konstruktif dan kreatif untuk efektivitas organisasi.",
            ("Membangun tim dari latar belakang beragam", "Mencegah konflik bernuansa SARA"),
        ),
        (
            "Menjadi wakil pemerintah untuk membangun hubungan sosial psikologis di masyarakat.",
            ("Memimpin dialog kebangsaan", "Menjadi perekat tokoh masyarakat lintas golongan"),
        ),
    ),
)
