"""SKP for the current year, cascaded down the supervision tree (PermenPANRB 6/2022).

Posts were created top-down, so walking them in id order meets every supervisor before their
staff: each main result (RHK utama) hangs under one of the appraiser's main results.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from portal.demo.positions import fill_text
from portal.demo.world import Person, World
from portal.demo.writer import Row, Writer
from portal.duties.models import (
    IndicatorAspect,
    Rating,
    ResultKind,
    Skp,
    SkpIndicator,
    SkpRealisation,
    SkpResult,
    SkpStatus,
)

EXTRA_RESULTS = (
    "Terlaksananya tugas sebagai anggota tim penyusun laporan kinerja unit kerja",
    "Terlaksananya tugas sebagai panitia Hari Ulang Tahun Kota Tangerang Selatan",
    "Terlaksananya berbagi praktik baik sebagai narasumber di unit kerja",
    "Terlaksananya tugas sebagai agen perubahan reformasi birokrasi",
    "Terkelolanya konten media sosial dan laman unit kerja",
)
QUALITATIVE_TARGETS = (
    "Laporan diterima pimpinan tanpa catatan perbaikan",
    "Dokumen ditetapkan tepat waktu",
    "Tidak ada temuan pemeriksaan yang material",
)
NOTES = (
    "Sesuai target triwulan.",
    "Sebagian kegiatan bergeser ke triwulan berikutnya karena penyesuaian anggaran.",
    "Melebihi target karena meningkatnya permintaan layanan.",
    "Bukti dukung terlampir.",
)
RATINGS = (Rating.ABOVE, Rating.AS_EXPECTED, Rating.BELOW)


def _money(value: float) -> Decimal:
    return Decimal(f"{value:.2f}")


class SkpMaker:
    """Builds SKP rows; remembers each person's main results for their staff to cascade from."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.main_results: dict[int, list[int]] = {}  # employee id -> ids of RHK utama
        self.skps: list[Row] = []
        self.results: list[Row] = []
        self.indicators: list[Row] = []
        self.realisations: list[Row] = []
        self.quarters = (world.today.month - 1) // 3  # quarters already over

    def make_all(self) -> None:
        rng = self.world.rng
        for post in self.world.posts:
            for person in post.holders:
                wanted = post.single or person is self.world.personas["siti"]
                if wanted or rng.random() < 0.9:
                    self._skp(person)

    def _skp(self, person: Person) -> None:
        world = self.world
        rng = world.rng
        year = world.year
        skp_id = world.ids.next("skp")
        appraiser = world.approver(person.post)
        roll = rng.random()
        if self.quarters == 0:
            status = SkpStatus.DRAFT if roll < 0.4 else SkpStatus.AGREED
        else:
            status = (
                SkpStatus.DRAFT
                if roll < 0.12
                else SkpStatus.EVALUATED
                if roll > 0.85
                else SkpStatus.AGREED
            )
        if person is world.personas["siti"]:
            status = SkpStatus.AGREED
        agreed_at = None
        if status is not SkpStatus.DRAFT:
            agreed_at = world.at(world.day_in(dt.date(year, 1, 5), dt.date(year, 1, 31)), 10)
        ratings: tuple[str | None, str | None] = (None, None)
        if status is SkpStatus.EVALUATED:
            weights = (2, 7, 1)
            ratings = (
                rng.choices(RATINGS, weights)[0].value,
                rng.choices(RATINGS, weights)[0].value,
            )
        self.skps.append(
            (
                skp_id,
                person.id,
                year,
                dt.date(year, 1, 1),
                dt.date(year, 12, 31),
                status.value,
                appraiser.id if appraiser else None,
                agreed_at,
                *ratings,
                world.at(dt.date(year, 1, 3), 9),
            )
        )
        parents = self.main_results.get(appraiser.id, []) if appraiser else []
        report = status is not SkpStatus.DRAFT and rng.random() < 0.92
        mains = self._main_results(person)
        own: list[int] = []
        for order, (text, work) in enumerate(mains, start=1):
            parent = rng.choice(parents) if parents else None
            rid = self._result(skp_id, ResultKind.UTAMA, text, parent, appraiser, order)
            own.append(rid)
            self._indicators(person, rid, work, report)
        if rng.random() < 0.35:
            rid = self._result(
                skp_id,
                ResultKind.TAMBAHAN,
                rng.choice(EXTRA_RESULTS),
                None,
                appraiser,
                len(mains) + 1,
            )
            self._indicators(person, rid, None, report)
        self.main_results[person.id] = own

    def _main_results(self, person: Person) -> list[tuple[str, tuple[str, str, int] | None]]:
        """2-3 main results: the job's own for leaders, one per activity for staff."""
        rng = self.world.rng
        post = person.post
        if post.job.results:
            texts = [fill_text(t, post) for t in post.job.results]
            return [(t, None) for t in rng.sample(texts, min(len(texts), rng.randint(2, 3)))]
        work = rng.sample(post.job.work, min(len(post.job.work), rng.randint(2, 3)))
        return [
            (f"Terlaksananya {fill_text(w[0], post)} sesuai standar dan tepat waktu", w)
            for w in work
        ]

    def _result(
        self,
        skp_id: int,
        kind: ResultKind,
        text: str,
        parent: int | None,
        appraiser: Person | None,
        order: int,
    ) -> int:
        rid = self.world.ids.next("skp_result")
        assigned = appraiser.id if appraiser and parent else None
        created = self.world.at(dt.date(self.world.year, 1, 4), 9)
        self.results.append((rid, skp_id, kind.value, text, parent, assigned, order, created))
        return rid

    def _indicators(
        self, person: Person, result_id: int, work: tuple[str, str, int] | None, report: bool
    ) -> None:
        rng = self.world.rng
        specs: list[tuple[IndicatorAspect, str, Decimal | None, str, str]] = []
        if work is not None:
            activity, output, minutes = work
            activity = fill_text(activity, person.post)
            volume = max(
                4, round(75_000 * rng.uniform(0.15, 0.35) / minutes, -1 if minutes < 60 else 0)
            )
            specs.append(
                (
                    IndicatorAspect.QUANTITY,
                    f"Jumlah {output} dari {activity}",
                    _money(volume),
                    "",
                    output,
                )
            )
        elif person.post.job.results:
            specs.append(
                (
                    IndicatorAspect.QUANTITY,
                    "Jumlah kegiatan yang terlaksana sesuai rencana",
                    _money(rng.randint(4, 24)),
                    "",
                    "kegiatan",
                )
            )
        if work is None or rng.random() < 0.6:
            specs.append(
                (
                    IndicatorAspect.QUALITY,
                    "Persentase hasil kerja yang sesuai standar",
                    _money(rng.choice((85, 90, 95, 100))),
                    "",
                    "%",
                )
            )
        if work is not None and rng.random() < 0.3:
            specs.append(
                (IndicatorAspect.TIME, "Waktu penyelesaian sesuai jadwal", _money(12), "", "bulan")
            )
        if work is None and rng.random() < 0.4:
            specs.append(
                (
                    IndicatorAspect.QUALITATIVE,
                    "Kualitas hasil kerja menurut atasan",
                    None,
                    rng.choice(QUALITATIVE_TARGETS),
                    "",
                )
            )
        for aspect, description, target, text, unit in specs:
            iid = self.world.ids.next("skp_indicator")
            self.indicators.append((iid, result_id, aspect.value, description, target, text, unit))
            if report:
                self._realise(person, iid, aspect, target)

    def _realise(
        self, person: Person, indicator_id: int, aspect: IndicatorAspect, target: Decimal | None
    ) -> None:
        world = self.world
        rng = world.rng
        for period in range(1, self.quarters + 1):
            value: Decimal | None = None
            if aspect is IndicatorAspect.QUANTITY and target is not None:
                value = _money(float(target) / 4 * rng.uniform(0.7, 1.2))
            elif aspect is IndicatorAspect.QUALITY and target is not None:
                value = _money(min(100.0, float(target) * rng.uniform(0.85, 1.03)))
            elif aspect is IndicatorAspect.TIME:
                value = _money(3)
            quarter_end = dt.date(world.year, period * 3, 1) + dt.timedelta(days=31)
            day = min(world.today, quarter_end + dt.timedelta(days=rng.randint(0, 10)))
            url = (
                f"https://drive.tangerangselatankota.go.id/skp/{world.year}/{person.nip}/"
                f"tw{period}-{indicator_id}.pdf"
            )
            self.realisations.append(
                (
                    world.ids.next("skp_realisation"),
                    indicator_id,
                    period,
                    value,
                    rng.choice(NOTES),
                    url,
                    person.id,
                    world.at(day, rng.randint(8, 16)),
                )
            )

    async def write(self, writer: Writer) -> None:
        await writer.write(
            Skp,
            (
                "id",
                "employee_id",
                "year",
                "starts_on",
                "ends_on",
                "status",
                "appraiser_id",
                "agreed_at",
                "result_rating",
                "behaviour_rating",
                "created_at",
            ),
            self.skps,
        )
        await writer.write(
            SkpResult,
            (
                "id",
                "skp_id",
                "kind",
                "description",
                "parent_id",
                "assigned_by_id",
                "sort_order",
                "created_at",
            ),
            self.results,
        )
        await writer.write(
            SkpIndicator,
            (
                "id",
                "result_id",
                "aspect",
                "description",
                "target_value",
                "target_text",
                "unit_label",
            ),
            self.indicators,
        )
        await writer.write(
            SkpRealisation,
            (
                "id",
                "indicator_id",
                "period",
                "value",
                "note",
                "evidence_url",
                "reported_by_id",
                "reported_at",
            ),
            self.realisations,
        )
