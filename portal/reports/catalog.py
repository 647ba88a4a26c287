"""What a report can measure and group by: the closed sets and their human names.

The SQL behind each name lives in ``facts`` (measures, per fact) and ``dimensions``; this module
only names things, so the API layer and the CSV export can describe them without SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from portal.competencies.models import CompetencyGroup
from portal.people.nip import EmploymentType, Gender
from portal.people.ranks import PositionKind, PositionLevel, Rank
from portal.training.models import EnrollmentStatus


class Fact(StrEnum):
    """The grain a report is computed at; each measure lives in one or more facts."""

    EMPLOYEES = "EMPLOYEES"  # one row per active employee
    POSITIONS = "POSITIONS"  # one row per open position, with its ABK need and holders
    COMPETENCIES = "COMPETENCIES"  # one row per requirement of an employee's position
    TRAINING_RECORDS = "TRAINING_RECORDS"  # one row per completed activity (JP)
    JP_RIGHT = "JP_RIGHT"  # one row per employee and year, with the JP they completed
    ENROLLMENTS = "ENROLLMENTS"  # one row per enrollment request
    SURVEY = "SURVEY"  # one row per public satisfaction survey (SKM) response


class Measure(StrEnum):
    HEADCOUNT = "HEADCOUNT"
    REQUIRED_HEADCOUNT = "REQUIRED_HEADCOUNT"
    STAFFING_GAP = "STAFFING_GAP"
    POSITIONS_WITHOUT_ABK = "POSITIONS_WITHOUT_ABK"
    AVG_COMPETENCY_GAP = "AVG_COMPETENCY_GAP"
    MAX_COMPETENCY_GAP = "MAX_COMPETENCY_GAP"
    JOB_PERSON_MATCH = "JOB_PERSON_MATCH"
    EMPLOYEES_WITH_GAP = "EMPLOYEES_WITH_GAP"
    JP_COMPLETED = "JP_COMPLETED"
    JP_RIGHT_MET_SHARE = "JP_RIGHT_MET_SHARE"
    EMPLOYEES_UNDER_20_JP = "EMPLOYEES_UNDER_20_JP"
    JP_MISSING = "JP_MISSING"
    ENROLLMENTS = "ENROLLMENTS"
    MEDIAN_APPROVAL_HOURS = "MEDIAN_APPROVAL_HOURS"
    SURVEY_RESPONSES = "SURVEY_RESPONSES"
    IKM = "IKM"


class Dimension(StrEnum):
    UNIT = "UNIT"
    POSITION = "POSITION"
    POSITION_KIND = "POSITION_KIND"
    POSITION_LEVEL = "POSITION_LEVEL"
    RANK = "RANK"
    EMPLOYMENT_TYPE = "EMPLOYMENT_TYPE"
    GENDER = "GENDER"
    AGE_BAND = "AGE_BAND"
    COMPETENCY = "COMPETENCY"
    COMPETENCY_GROUP = "COMPETENCY_GROUP"
    COURSE = "COURSE"
    YEAR = "YEAR"
    MONTH = "MONTH"
    ENROLLMENT_STATUS = "ENROLLMENT_STATUS"
    SURVEY_SERVICE = "SURVEY_SERVICE"


@dataclass(frozen=True, slots=True)
class MeasureInfo:
    title: str  # column title (Indonesian, as HR reads it in the CSV)
    integer: bool  # a count (Int) rather than a ratio or an average (Float)
    description: str  # what it means, for the API's catalog (English)


MEASURES: dict[Measure, MeasureInfo] = {
    Measure.HEADCOUNT: MeasureInfo(
        "Jumlah Pegawai",
        True,
        "Active employees (in the POSITIONS fact: active holders of the positions).",
    ),
    Measure.REQUIRED_HEADCOUNT: MeasureInfo(
        "Kebutuhan Pegawai (ABK)",
        False,
        "ABK need: per position sum(yearly volume x standard minutes) / effective minutes.",
    ),
    Measure.STAFFING_GAP: MeasureInfo(
        "Selisih Kebutuhan",
        False,
        "Required minus actual holders, over positions with ABK inputs: > 0 shortage, < 0 surplus.",
    ),
    Measure.POSITIONS_WITHOUT_ABK: MeasureInfo(
        "Jabatan Tanpa ABK",
        True,
        "Open positions without ABK inputs (their need is unknown, left out of STAFFING_GAP).",
    ),
    Measure.AVG_COMPETENCY_GAP: MeasureInfo(
        "Rata-rata Kesenjangan",
        False,
        "Mean of max(required - latest assessed level, 0) over requirements; unassessed = 0.",
    ),
    Measure.MAX_COMPETENCY_GAP: MeasureInfo(
        "Kesenjangan Terbesar", True, "Largest gap of any requirement in the group."
    ),
    Measure.JOB_PERSON_MATCH: MeasureInfo(
        "Job Person Match (%)", False, "Requirements met as a percentage of all requirements."
    ),
    Measure.EMPLOYEES_WITH_GAP: MeasureInfo(
        "Pegawai dengan Kesenjangan", True, "Employees with at least one unmet requirement."
    ),
    Measure.JP_COMPLETED: MeasureInfo(
        "JP Diselesaikan", True, "Lesson hours (JP) of completed development activities."
    ),
    Measure.JP_RIGHT_MET_SHARE: MeasureInfo(
        "Memenuhi 20 JP (%)", False, "Share of employees with at least 20 JP in the year."
    ),
    Measure.EMPLOYEES_UNDER_20_JP: MeasureInfo(
        "Pegawai < 20 JP", True, "Employees with fewer than 20 JP in the year."
    ),
    Measure.JP_MISSING: MeasureInfo(
        "Kekurangan JP", True, "JP still missing to bring everyone to 20 JP in the year."
    ),
    Measure.ENROLLMENTS: MeasureInfo("Jumlah Pendaftaran", True, "Enrollment requests."),
    Measure.MEDIAN_APPROVAL_HOURS: MeasureInfo(
        "Median Waktu Persetujuan (jam)",
        False,
        "Median hours from a request to its final decision (approved, waitlisted or rejected).",
    ),
    Measure.SURVEY_RESPONSES: MeasureInfo(
        "Jumlah Responden SKM", True, "Public satisfaction survey (SKM) responses."
    ),
    Measure.IKM: MeasureInfo(
        "IKM",
        False,
        "Indeks Kepuasan Masyarakat (PermenPANRB 14/2017): (sum of the nine elements' NRR x 1/9)"
        " x 25, 25-100, unrounded (round to 2 places to publish; grades: surveyResults).",
    ),
}


@dataclass(frozen=True, slots=True)
class DimensionInfo:
    title: str
    node_type: str | None = None  # values are ids of this object type (global ids in the API)
    ranges: bool = False  # filters may give from/to
    labels: dict[str, str] | None = None  # label of each value, for closed sets
    none_label: str = "(tidak ada)"  # label of the empty value (no position, no course...)


AGE_BANDS: tuple[tuple[str, int | None], ...] = (
    # (value, youngest age NOT in the band); bands run from the previous bound.
    ("<25", 25),
    ("25-34", 35),
    ("35-44", 45),
    ("45-54", 55),
    ("55+", None),
)
_KIND_LABELS = {
    PositionKind.JPT: "JPT",
    PositionKind.ADMINISTRASI: "Administrasi",
    PositionKind.FUNGSIONAL: "Fungsional",
}
_STATUS_LABELS = {
    EnrollmentStatus.REQUESTED: "Diajukan",
    EnrollmentStatus.WAITLISTED: "Daftar tunggu",
    EnrollmentStatus.ENROLLED: "Terdaftar",
    EnrollmentStatus.REJECTED: "Ditolak",
    EnrollmentStatus.CANCELLED: "Dibatalkan",
    EnrollmentStatus.ATTENDED: "Hadir",
    EnrollmentStatus.COMPLETED: "Selesai",
    EnrollmentStatus.NO_SHOW: "Tidak hadir",
}

DIMENSIONS: dict[Dimension, DimensionInfo] = {
    Dimension.UNIT: DimensionInfo("Unit Kerja", node_type="OrgUnit"),
    Dimension.POSITION: DimensionInfo(
        "Jabatan", node_type="Position", none_label="(tanpa jabatan)"
    ),
    Dimension.POSITION_KIND: DimensionInfo(
        "Jenis Jabatan",
        labels={str(k): v for k, v in _KIND_LABELS.items()},
        none_label="(tanpa jabatan)",
    ),
    Dimension.POSITION_LEVEL: DimensionInfo(
        "Jenjang Jabatan",
        labels={
            str(lv): lv.value.replace("_", " ").title().replace("Jpt", "JPT")
            for lv in PositionLevel
        },
        none_label="(tanpa jabatan)",
    ),
    Dimension.RANK: DimensionInfo("Golongan", labels={str(r): r.label for r in Rank}),
    Dimension.EMPLOYMENT_TYPE: DimensionInfo(
        "Status Kepegawaian", labels={str(t): t.value for t in EmploymentType}
    ),
    Dimension.GENDER: DimensionInfo(
        "Jenis Kelamin", labels={str(Gender.MALE): "Laki-laki", str(Gender.FEMALE): "Perempuan"}
    ),
    Dimension.AGE_BAND: DimensionInfo("Kelompok Umur", labels={b: b for b, _ in AGE_BANDS}),
    Dimension.COMPETENCY: DimensionInfo("Kompetensi", node_type="Competency"),
    Dimension.COMPETENCY_GROUP: DimensionInfo(
        "Kelompok Kompetensi",
        labels={str(g): g.value.replace("_", " ").title() for g in CompetencyGroup},
    ),
    Dimension.COURSE: DimensionInfo(
        "Pelatihan", node_type="Course", none_label="(di luar katalog)"
    ),
    Dimension.YEAR: DimensionInfo("Tahun", ranges=True),
    Dimension.MONTH: DimensionInfo("Bulan", ranges=True),
    Dimension.ENROLLMENT_STATUS: DimensionInfo(
        "Status Pendaftaran", labels={str(s): v for s, v in _STATUS_LABELS.items()}
    ),
    Dimension.SURVEY_SERVICE: DimensionInfo("Layanan (SKM)", node_type="SurveyService"),
}


def label_of(dimension: Dimension, value: str | None, sql_label: str | None) -> str:
    """The label a row shows for a dimension value (names come from SQL, closed sets from here)."""
    info = DIMENSIONS[dimension]
    if value is None:
        return info.none_label
    if sql_label is not None:
        return sql_label
    if info.labels is not None:
        return info.labels.get(value, value)
    return value
