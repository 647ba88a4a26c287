"""The managerial and socio-cultural dictionary of PermenPANRB 38/2017, as data.

Definitions and level titles follow the regulation's annex (Kamus Kompetensi Manajerial dan Sosial
Kultural); behaviour indicators are condensed from it. Check wording against the official text
before publishing it as a legal reference. Technical competencies are defined per agency and are
not part of this list.
"""

from __future__ import annotations

# code, name, group, definition, [(level description, [indicators]) for levels 1..5]
Standard = tuple[str, str, str, str, list[tuple[str, list[str]]]]

STANDARDS: list[Standard] = [
    (
        "M.01",
        "Integritas",
        "MANAJERIAL",
        "Konsisten berperilaku selaras dengan nilai, norma dan/atau etika organisasi, dan jujur "
        "dalam hubungan dengan manajemen, rekan kerja, bawahan langsung, dan pemangku "
        "kepentingan, menciptakan budaya etika tinggi, bertanggung jawab atas tindakan atau "
        "keputusan beserta risiko yang menyertainya.",
        [
            (
                "Mampu bertindak sesuai nilai, norma, etika organisasi dalam kapasitas pribadi.",
                [
                    "Bertingkah laku sesuai dengan perkataan; berkata sesuai dengan fakta.",
                    "Melaksanakan peraturan dan kode etik organisasi dalam pekerjaan sehari-hari.",
                    "Tidak menjanjikan atau memberikan sesuatu yang bertentangan dengan aturan.",
                ],
            ),
            (
                "Mampu mengingatkan dan mengajak rekan kerja untuk bertindak sesuai nilai, norma, "
                "dan etika organisasi.",
                [
                    "Mengingatkan rekan kerja untuk bertindak sesuai nilai, norma, dan etika.",
                    "Mengajak orang lain bertindak sesuai etika dan kode etik organisasi.",
                    "Mengakui kesalahan sendiri dan tidak menutupi pelanggaran.",
                ],
            ),
            (
                "Mampu memastikan dan menanamkan keyakinan bersama agar anggota yang dipimpin "
                "bertindak sesuai nilai, norma, dan etika organisasi dalam lingkup formal.",
                [
                    "Memastikan anggota yang dipimpin bertindak sesuai nilai dan etika organisasi.",
                    "Memberi apresiasi dan teguran agar anggota bertindak selaras dengan etika.",
                    "Bertindak berdasarkan kode etik meskipun ada tekanan atau risiko pribadi.",
                ],
            ),
            (
                "Mampu menciptakan situasi kerja yang membuat rekan kerja, kolega, dan bawahan "
                "tunduk pada nilai, norma, dan etika organisasi.",
                [
                    "Membangun sistem kerja yang mendorong kepatuhan pada etika di unit kerja.",
                    "Mengambil tindakan tegas atas pelanggaran etika tanpa pandang bulu.",
                    "Menjadi teladan integritas bagi seluruh pegawai unit kerja.",
                ],
            ),
            (
                "Mampu menjadi role model dalam penerapan standar keadilan dan etika di tingkat "
                "nasional.",
                [
                    "Menjadi teladan dalam menerapkan standar etika dan keadilan di instansi.",
                    "Menyusun kebijakan yang menjamin budaya etika tinggi di organisasi.",
                    "Mempertahankan integritas dalam keputusan strategis berisiko tinggi.",
                ],
            ),
        ],
    ),
    (
        "M.02",
        "Kerjasama",
        "MANAJERIAL",
        "Kemampuan menjalin, membina, mempertahankan hubungan kerja yang efektif, memiliki "
        "komitmen saling membantu dalam penyelesaian tugas, dan mengoptimalkan segala sumber daya "
        "untuk mencapai tujuan strategis organisasi.",
        [
            (
                "Berpartisipasi sebagai anggota tim yang baik, melakukan tugas bagiannya, dan "
                "mendukung keputusan tim.",
                [
                    "Melaksanakan tugas bagiannya dalam tim dengan tuntas.",
                    "Mendukung keputusan tim walaupun berbeda dengan pendapat pribadi.",
                    "Berbagi informasi yang relevan dengan anggota tim.",
                ],
            ),
            (
                "Menumbuhkan tim kerja yang partisipatif dan efektif.",
                [
                    "Membantu rekan kerja yang mengalami kesulitan menyelesaikan tugas.",
                    "Menghargai masukan dan keahlian anggota tim.",
                    "Mendorong anggota tim berpartisipasi aktif dalam diskusi.",
                ],
            ),
            (
                "Efektif membangun tim kerja untuk peningkatan kinerja organisasi.",
                [
                    "Membangun komitmen bersama dalam tim untuk mencapai sasaran unit kerja.",
                    "Menyelesaikan konflik dalam tim secara konstruktif.",
                    "Membagi peran sesuai kekuatan setiap anggota tim.",
                ],
            ),
            (
                "Membangun komitmen tim dan sinergi lintas unit kerja.",
                [
                    "Membangun kerja sama antarunit kerja untuk tujuan organisasi.",
                    "Mendayagunakan sumber daya lintas unit secara optimal.",
                    "Menghilangkan sekat antarunit yang menghambat kinerja.",
                ],
            ),
            (
                "Menciptakan hubungan kerja sama yang strategis antarinstansi dan dengan pemangku "
                "kepentingan.",
                [
                    "Membangun kemitraan strategis dengan instansi lain dan pemangku kepentingan.",
                    "Menciptakan budaya kolaborasi di seluruh organisasi.",
                    "Menyelaraskan kepentingan berbagai pihak untuk tujuan bersama.",
                ],
            ),
        ],
    ),
    (
        "M.03",
        "Komunikasi",
        "MANAJERIAL",
        "Kemampuan untuk menerangkan pandangan dan gagasan secara jelas, sistematis disertai "
        "argumentasi yang logis dengan cara-cara yang sesuai baik secara lisan maupun tertulis; "
        "memastikan pemahaman; mendengarkan secara aktif dan efektif; mempersuasi, meyakinkan dan "
        "membujuk orang lain dalam rangka mencapai tujuan organisasi.",
        [
            (
                "Menyampaikan informasi dengan jelas, lengkap, dan dengan pemahaman yang sama.",
                [
                    "Menyampaikan informasi secara runtut, jelas, dan lengkap.",
                    "Mendengarkan dan memastikan pesan dipahami dengan benar.",
                    "Menggunakan bahasa yang sesuai dengan lawan bicara.",
                ],
            ),
            (
                "Aktif menjalankan komunikasi secara formal dan informal; bersedia mendengarkan "
                "orang lain dan menanggapi dengan tepat.",
                [
                    "Menginterpretasikan pesan dan memberi respons yang sesuai.",
                    "Menyusun bahan presentasi, naskah, dan laporan dengan baik.",
                    "Aktif berkomunikasi dalam forum formal maupun informal.",
                ],
            ),
            (
                "Berkomunikasi secara asertif dan terampil menyampaikan informasi yang sensitif, "
                "rumit, atau kompleks.",
                [
                    "Menyampaikan informasi sensitif dengan cara yang tepat dan santun.",
                    "Menyederhanakan informasi yang kompleks agar mudah dipahami.",
                    "Mempertahankan pendapat dengan argumentasi yang logis.",
                ],
            ),
            (
                "Mampu mengemukakan pemikiran multidimensi secara lisan dan tertulis untuk "
                "mendorong kesepakatan demi peningkatan kinerja.",
                [
                    "Meyakinkan pihak lain dengan argumentasi berbasis data.",
                    "Memfasilitasi tercapainya kesepakatan antara pihak yang berbeda pendapat.",
                    "Mengomunikasikan kebijakan unit kerja kepada pemangku kepentingan.",
                ],
            ),
            (
                "Menggagas sistem komunikasi yang terbuka secara strategis untuk mencari solusi "
                "dan meningkatkan kinerja.",
                [
                    "Membangun saluran komunikasi terbuka di seluruh organisasi.",
                    "Menjadi juru bicara organisasi dalam isu strategis.",
                    "Menggunakan komunikasi untuk menggerakkan perubahan organisasi.",
                ],
            ),
        ],
    ),
    (
        "M.04",
        "Orientasi pada Hasil",
        "MANAJERIAL",
        "Kemampuan mempertahankan komitmen pribadi yang tinggi untuk menyelesaikan tugas, dapat "
        "diandalkan, bertanggung jawab, mampu secara sistematis mengidentifikasi risiko dan "
        "peluang dengan memperhatikan keterhubungan antara perencanaan dan hasil, untuk "
        "keberhasilan organisasi.",
        [
            (
                "Bertanggung jawab untuk memenuhi standar kerja.",
                [
                    "Menyelesaikan tugas sesuai standar waktu dan mutu.",
                    "Bertanggung jawab atas hasil kerja sendiri.",
                    "Menyampaikan kendala pekerjaan tepat waktu.",
                ],
            ),
            (
                "Berupaya meningkatkan hasil kerja pribadi melebihi standar; mencari dan mencoba "
                "metode alternatif untuk peningkatan kinerja.",
                [
                    "Menetapkan target pribadi di atas standar yang ditetapkan.",
                    "Mencoba cara kerja baru untuk hasil yang lebih baik.",
                    "Memantau kemajuan kerja sendiri dan memperbaikinya.",
                ],
            ),
            (
                "Menetapkan target kerja yang menantang bagi unit kerja, memberi apresiasi dan "
                "teguran untuk mendorong kinerja.",
                [
                    "Menetapkan target unit kerja yang menantang namun realistis.",
                    "Memberi apresiasi atas capaian dan teguran atas kinerja rendah.",
                    "Mengidentifikasi risiko yang menghambat pencapaian target.",
                ],
            ),
            (
                "Mendorong unit kerja mencapai target yang ditetapkan atau melebihi hasil kerja "
                "sebelumnya.",
                [
                    "Mengarahkan sumber daya unit kerja pada prioritas hasil.",
                    "Mengevaluasi kinerja unit secara berkala dan menindaklanjutinya.",
                    "Mengelola risiko dan peluang untuk hasil yang lebih baik.",
                ],
            ),
            (
                "Meningkatkan mutu pencapaian kerja organisasi.",
                [
                    "Menetapkan sasaran strategis yang berdampak bagi organisasi.",
                    "Membangun sistem manajemen kinerja organisasi.",
                    "Memastikan keterkaitan perencanaan dan hasil di seluruh organisasi.",
                ],
            ),
        ],
    ),
    (
        "M.05",
        "Pelayanan Publik",
        "MANAJERIAL",
        "Kemampuan dalam melaksanakan tugas pemerintahan, pembangunan dan pemenuhan kebutuhan "
        "pelayanan publik secara profesional, transparan, mengikuti standar pelayanan yang "
        "objektif, netral, tidak memihak, tidak diskriminatif, serta tidak terpengaruh kepentingan "
        "pribadi, kelompok, atau partai politik.",
        [
            (
                "Menjalankan pelayanan sesuai standar operasional prosedur.",
                [
                    "Memberikan pelayanan sesuai SOP dan standar pelayanan.",
                    "Bersikap ramah, sopan, dan tidak diskriminatif kepada pengguna layanan.",
                    "Memberi informasi layanan yang benar dan jelas.",
                ],
            ),
            (
                "Mampu menyelia dan menjelaskan proses pelaksanaan tugas pemerintahan dan "
                "pelayanan publik secara transparan.",
                [
                    "Menjelaskan prosedur, biaya, dan waktu layanan secara terbuka.",
                    "Menanggapi keluhan pengguna layanan dengan cepat.",
                    "Mengawasi pelaksanaan layanan sesuai standar.",
                ],
            ),
            (
                "Mampu memanfaatkan kekuatan kelompok serta memperbaiki standar pelayanan publik "
                "di lingkup unit kerja.",
                [
                    "Memperbaiki standar pelayanan berdasarkan masukan masyarakat.",
                    "Menggerakkan tim untuk memberikan pelayanan prima.",
                    "Menindaklanjuti hasil survei kepuasan masyarakat.",
                ],
            ),
            (
                "Mampu memonitor, mengevaluasi, dan mengantisipasi dampak isu jangka panjang dalam "
                "pelayanan kepada pemangku kepentingan secara transparan dan profesional.",
                [
                    "Mengevaluasi kinerja pelayanan unit secara berkala.",
                    "Mengantisipasi kebutuhan layanan masyarakat di masa depan.",
                    "Menjaga netralitas pelayanan dari kepentingan kelompok.",
                ],
            ),
            (
                "Mampu memastikan kebijakan pelayanan publik yang objektif, netral, tidak memihak, "
                "dan tidak diskriminatif.",
                [
                    "Merumuskan kebijakan pelayanan publik yang berkeadilan.",
                    "Membangun sistem pengaduan dan pengawasan pelayanan yang efektif.",
                    "Menjamin pelayanan bebas dari pengaruh kepentingan pribadi atau politik.",
                ],
            ),
        ],
    ),
    (
        "M.06",
        "Pengembangan Diri dan Orang Lain",
        "MANAJERIAL",
        "Kemampuan untuk meningkatkan pengetahuan dan menyempurnakan keterampilan diri; "
        "menginspirasi orang lain untuk mengembangkan pengetahuan dan keterampilan yang relevan "
        "dengan kerja dan karier jangka panjang, mendorong kemauan belajar sepanjang hidup, serta "
        "memberikan umpan balik dan bimbingan untuk membantu orang lain mengembangkan potensinya.",
        [
            (
                "Pengembangan diri.",
                [
                    "Mengidentifikasi kebutuhan belajar diri sendiri.",
                    "Mengikuti pelatihan dan kegiatan belajar secara aktif.",
                    "Menerapkan hal baru yang dipelajari dalam pekerjaan.",
                ],
            ),
            (
                "Meningkatkan kemampuan bawahan dengan memberikan contoh dan penjelasan cara "
                "melaksanakan pekerjaan.",
                [
                    "Memberi contoh dan penjelasan cara kerja kepada rekan atau bawahan.",
                    "Berbagi pengetahuan dan pengalaman kerja.",
                    "Mendorong rekan kerja untuk terus belajar.",
                ],
            ),
            (
                "Memberikan umpan balik dan membimbing.",
                [
                    "Memberi umpan balik yang konkret atas kinerja bawahan.",
                    "Membimbing bawahan menyusun rencana pengembangan kompetensi.",
                    "Memberi kesempatan belajar melalui penugasan.",
                ],
            ),
            (
                "Menyusun program pengembangan jangka panjang untuk mendorong manajemen "
                "pembelajaran.",
                [
                    "Menyusun program pengembangan kompetensi unit kerja.",
                    "Mengaitkan pengembangan pegawai dengan kebutuhan organisasi.",
                    "Memantau efektivitas program pengembangan.",
                ],
            ),
            (
                "Menciptakan situasi yang mendorong organisasi mengembangkan kemampuan belajar "
                "secara berkelanjutan.",
                [
                    "Membangun budaya organisasi pembelajar.",
                    "Menyediakan sistem manajemen talenta dan suksesi.",
                    "Menjadi teladan pembelajar sepanjang hayat.",
                ],
            ),
        ],
    ),
    (
        "M.07",
        "Mengelola Perubahan",
        "MANAJERIAL",
        "Kemampuan dalam menyesuaikan diri dengan situasi yang baru atau berubah dan tidak "
        "bergantung secara berlebihan pada metode dan proses lama, mengambil tindakan untuk "
        "mendukung dan melaksanakan inisiatif perubahan, memimpin usaha perubahan, serta mengambil "
        "tanggung jawab pribadi untuk memastikan perubahan berhasil diimplementasikan.",
        [
            (
                "Mengikuti perubahan dengan arahan.",
                [
                    "Menyesuaikan cara kerja dengan perubahan yang ditetapkan.",
                    "Bersikap terbuka terhadap cara kerja baru.",
                ],
            ),
            (
                "Proaktif beradaptasi mengikuti perubahan.",
                [
                    "Mencari tahu dan mempelajari perubahan tanpa menunggu arahan.",
                    "Mengusulkan perbaikan cara kerja dalam lingkup tugasnya.",
                ],
            ),
            (
                "Membantu orang lain mengikuti perubahan dan mengantisipasi perubahan secara "
                "tepat.",
                [
                    "Membantu rekan kerja memahami dan menjalankan perubahan.",
                    "Mengantisipasi dampak perubahan pada pekerjaan unit.",
                ],
            ),
            (
                "Memimpin perubahan pada unit kerja.",
                [
                    "Merancang dan memimpin inisiatif perubahan di unit kerja.",
                    "Mengelola resistensi terhadap perubahan secara konstruktif.",
                ],
            ),
            (
                "Mengelola perubahan yang bersifat strategis.",
                [
                    "Merumuskan arah perubahan strategis organisasi.",
                    "Memastikan perubahan berhasil dan berkelanjutan di seluruh organisasi.",
                ],
            ),
        ],
    ),
    (
        "M.08",
        "Pengambilan Keputusan",
        "MANAJERIAL",
        "Kemampuan membuat keputusan yang baik secara tepat waktu dan dengan keyakinan diri "
        "setelah mempertimbangkan prinsip kehati-hatian, dirumuskan secara sistematis berdasarkan "
        "berbagai informasi, alternatif pemecahan masalah dan konsekuensinya, serta bertanggung "
        "jawab atas keputusan yang diambil.",
        [
            (
                "Mengumpulkan informasi untuk bertindak sesuai kewenangan.",
                [
                    "Mengumpulkan informasi yang relevan sebelum bertindak.",
                    "Mengambil keputusan rutin sesuai kewenangan dan prosedur.",
                ],
            ),
            (
                "Menganalisis masalah secara mendalam.",
                [
                    "Mengidentifikasi akar masalah dari informasi yang tersedia.",
                    "Menyusun alternatif pemecahan masalah.",
                ],
            ),
            (
                "Membandingkan berbagai alternatif dan menyeimbangkan risiko keberhasilan dalam "
                "implementasi.",
                [
                    "Membandingkan untung rugi setiap alternatif keputusan.",
                    "Mempertimbangkan risiko pelaksanaan keputusan.",
                ],
            ),
            (
                "Menyelesaikan masalah yang mengandung risiko tinggi, mengantisipasi dampak "
                "keputusan, dan menyiapkan mitigasi risiko.",
                [
                    "Mengambil keputusan tepat waktu dalam situasi berisiko tinggi.",
                    "Menyiapkan langkah pengamanan atas dampak keputusan.",
                ],
            ),
            (
                "Menghasilkan solusi dan mengambil keputusan untuk permasalahan jangka panjang "
                "atau strategis yang berdampak luas.",
                [
                    "Mengambil keputusan strategis yang berdampak bagi daerah atau nasional.",
                    "Bertanggung jawab penuh atas keputusan strategis dan akibatnya.",
                ],
            ),
        ],
    ),
    (
        "SK.01",
        "Perekat Bangsa",
        "SOSIAL_KULTURAL",
        "Kemampuan dalam mempromosikan sikap toleransi, keterbukaan, peka terhadap perbedaan "
        "individu atau kelompok masyarakat; menjadi perpanjangan tangan pemerintah dalam "
        "mempersatukan masyarakat dan membangun hubungan sosial psikologis di tengah kemajemukan "
        "Indonesia; menjaga, mengembangkan, dan mewujudkan rasa persatuan dan kesatuan dalam "
        "kehidupan bermasyarakat, berbangsa, dan bernegara.",
        [
            (
                "Peka memahami dan menerima kemajemukan.",
                [
                    "Menghargai perbedaan suku, agama, ras, dan golongan dalam bekerja.",
                    "Memperlakukan semua orang secara setara.",
                ],
            ),
            (
                "Aktif mengembangkan sikap saling menghargai, menekankan persamaan dan persatuan.",
                [
                    "Menekankan persamaan dan persatuan dalam berinteraksi.",
                    "Menghindari ucapan dan tindakan yang memecah belah.",
                ],
            ),
            (
                "Mempromosikan dan mengembangkan sikap toleransi dan persatuan.",
                [
                    "Mendorong sikap toleransi di lingkungan kerja.",
                    "Menengahi perbedaan pendapat antarkelompok secara adil.",
                ],
            ),
            (
                "Mendayagunakan perbedaan secara konstruktif dan kreatif untuk meningkatkan "
                "efektivitas organisasi.",
                [
                    "Memanfaatkan keberagaman sebagai kekuatan organisasi.",
                    "Membangun lingkungan kerja yang inklusif.",
                ],
            ),
            (
                "Menjadi wakil pemerintah dalam membangun hubungan sosial psikologis dengan "
                "masyarakat.",
                [
                    "Menjadi perekat berbagai kelompok masyarakat di wilayah kerjanya.",
                    "Merumuskan kebijakan yang memperkuat persatuan dan kesatuan.",
                ],
            ),
        ],
    ),
]
