"""Synthetic national-scale data for the report benchmark, generated inside PostgreSQL.

Every table is filled by ``INSERT ... SELECT`` over ``generate_series`` (no rows travel through
Python), deterministic through ``hashint4``. The shape, for N employees (R = N / 10,000 pemdas):

- units: a root, R pemdas (depth 1), 40 OPDs each (depth 2), 4 bidang per OPD, 3 seksi per
  bidang; positions: a head per OPD/bidang/seksi and 5 staff positions per seksi (~3.9 holders
  each); 70 % of positions have 3 ABK activities;
- 29 competencies (8 managerial, 1 socio-cultural, 20 technical), 6 required per position; 60 %
  of employees assessed in each, a fifth of those twice;
- three years of training records (0-3 a year each), 500 courses with 5,000 sessions, 0-2
  enrollments per employee with their request and decision events; 2 % of employees inactive.

Loaded with the triggers off (``session_replication_role = replica``), so the maintained report
aggregates (``portal.reports.maintained``) are rebuilt afterwards, one statement each.
"""

from __future__ import annotations

import datetime as dt

import asyncpg

from portal.reports.maintained import rebuild_statements


def _h(expr: str, salt: int, modulo: int) -> str:
    """Deterministic pseudo-random 0..modulo-1 of an integer SQL expression."""
    return f"(abs(hashint4(({expr})::int + {salt})) % {modulo})"


def statements(n: int, today: dt.date) -> list[tuple[str, str]]:
    """(label, SQL) in order: the whole load for ``n`` employees."""
    r = max(1, n // 10_000)
    y = today.year
    structural = 680 * r  # 40 + 160 + 480 heads per pemda
    staff_slots = 2400 * r
    sql: list[tuple[str, str]] = []

    def add(label: str, statement: str) -> None:
        sql.append((label, statement))

    add(
        "units",
        f"""
        INSERT INTO org_unit (id, code, name, short_name, kind, path, active, created_at, parent_id)
        VALUES (1, 'ROOT', 'Indonesia (bench)', '', 'PEMDA', '/1/', true, now(), NULL);
        INSERT INTO org_unit (id, code, name, short_name, kind, path, active, created_at, parent_id)
        SELECT 1 + g, 'PD' || g, 'Pemda ' || g, '', 'PEMDA', '/1/' || (1 + g) || '/', true, now(), 1
        FROM generate_series(1, {r}) g;
        INSERT INTO org_unit (id, code, name, short_name, kind, path, active, created_at, parent_id)
        SELECT {1 + r} + g, 'OPD' || g, 'Dinas ' || g, '', 'DINAS',
               p.path || ({1 + r} + g) || '/', true, now(), p.id
        FROM generate_series(1, {40 * r}) g JOIN org_unit p ON p.id = 2 + (g - 1) / 40;
        INSERT INTO org_unit (id, code, name, short_name, kind, path, active, created_at, parent_id)
        SELECT {1 + 41 * r} + g, 'BID' || g, 'Bidang ' || g, '', 'BIDANG',
               p.path || ({1 + 41 * r} + g) || '/', true, now(), p.id
        FROM generate_series(1, {160 * r}) g JOIN org_unit p ON p.id = {1 + r} + 1 + (g - 1) / 4;
        INSERT INTO org_unit (id, code, name, short_name, kind, path, active, created_at, parent_id)
        SELECT {1 + 201 * r} + g, 'SKS' || g, 'Seksi ' || g, '', 'SEKSI',
               p.path || ({1 + 201 * r} + g) || '/', true, now(), p.id
        FROM generate_series(1, {480 * r}) g
        JOIN org_unit p ON p.id = {1 + 41 * r} + 1 + (g - 1) / 3;
        SELECT setval('org_unit_id_seq', (SELECT max(id) FROM org_unit));
    """,
    )
    add(
        "positions",
        """
        INSERT INTO position (code, name, kind, level, grade_class, effective_minutes, active,
                              parent_id, unit_id)
        SELECT 'KD' || u.id, 'Kepala ' || u.name, 'JPT', 'JPT_PRATAMA', 14, 75000, true, NULL, u.id
        FROM org_unit u WHERE u.kind = 'DINAS' ORDER BY u.id;
        INSERT INTO position (code, name, kind, level, grade_class, effective_minutes, active,
                              parent_id, unit_id)
        SELECT 'KB' || u.id, 'Kepala ' || u.name, 'ADMINISTRASI', 'ADMINISTRATOR', 12, 75000,
               true, h.id, u.id
        FROM org_unit u JOIN position h ON h.unit_id = u.parent_id AND h.level = 'JPT_PRATAMA'
        WHERE u.kind = 'BIDANG' ORDER BY u.id;
        INSERT INTO position (code, name, kind, level, grade_class, effective_minutes, active,
                              parent_id, unit_id)
        SELECT 'KS' || u.id, 'Kepala ' || u.name, 'ADMINISTRASI', 'PENGAWAS', 9, 75000, true,
               h.id, u.id
        FROM org_unit u JOIN position h ON h.unit_id = u.parent_id AND h.level = 'ADMINISTRATOR'
        WHERE u.kind = 'SEKSI' ORDER BY u.id;
        INSERT INTO position (code, name, kind, level, grade_class, effective_minutes, active,
                              parent_id, unit_id)
        SELECT 'ST' || u.id || '-' || k,
               (ARRAY['Pengadministrasi Umum', 'Analis Kebijakan Ahli Pertama',
                      'Perencana Ahli Muda', 'Pranata Komputer Terampil',
                      'Pengelola Data'])[k],
               CASE WHEN k IN (1, 5) THEN 'ADMINISTRASI' ELSE 'FUNGSIONAL' END,
               (ARRAY['PELAKSANA', 'AHLI_PERTAMA', 'AHLI_MUDA', 'TERAMPIL', 'PELAKSANA'])[k],
               7, 75000, true, h.id, u.id
        FROM org_unit u JOIN position h ON h.unit_id = u.id AND h.level = 'PENGAWAS'
        CROSS JOIN generate_series(1, 5) k
        WHERE u.kind = 'SEKSI' ORDER BY u.id, k;
    """,
    )
    add(
        "workloads",
        f"""
        INSERT INTO position_workload (activity, output_unit, yearly_volume, standard_minutes,
                                       position_id)
        SELECT 'Kegiatan ' || a, 'dokumen',
               CASE WHEN p.kind = 'JPT' OR p.level IN ('ADMINISTRATOR', 'PENGAWAS')
                    THEN 150 + {_h("p.id * 3 + a", 11, 200)}
                    ELSE 600 + {_h("p.id * 3 + a", 12, 800)} END,
               40 + {_h("p.id * 3 + a", 13, 120)}, p.id
        FROM position p CROSS JOIN generate_series(1, 3) a
        WHERE {_h("p.id", 14, 10)} < 7;
    """,
    )
    add(
        "people",
        f"""
        CREATE TEMP TABLE slot AS
        SELECT row_number() OVER (ORDER BY (p.level = 'PELAKSANA' OR p.kind = 'FUNGSIONAL'), p.id)
                 AS rn, p.id, p.unit_id, p.level,
               (p.level = 'PELAKSANA' OR p.kind = 'FUNGSIONAL') AS staff
        FROM position p;
        INSERT INTO employee (nip, name, front_title, back_title, employment_type, gender,
                              birth_date, rank, phone, active, created_at, updated_at,
                              position_id, unit_id)
        SELECT '1' || lpad(i::text, 17, '0'), 'Pegawai ' || i, '', '',
               CASE WHEN s.staff AND {_h("i", 21, 5)} = 0 THEN 'PPPK' ELSE 'PNS' END,
               CASE WHEN {_h("i", 22, 2)} = 0 THEN 'MALE' ELSE 'FEMALE' END,
               DATE '1966-01-01' + {_h("i", 23, 12500)},
               CASE WHEN s.staff AND {_h("i", 21, 5)} = 0
                    THEN (ARRAY['PPPK_V', 'PPPK_VII', 'PPPK_IX', 'PPPK_X'])[1 + {_h("i", 24, 4)}]
                    WHEN s.level = 'JPT_PRATAMA' THEN 'IV_C'
                    WHEN s.level = 'ADMINISTRATOR' THEN 'IV_A'
                    WHEN s.level = 'PENGAWAS' THEN 'III_D'
                    ELSE (ARRAY['II_A', 'II_B', 'II_C', 'II_D', 'III_A', 'III_B', 'III_C',
                                'III_D', 'IV_A'])[1 + {_h("i", 25, 9)}] END,
               '', {_h("i", 26, 50)} <> 0, now(), now(), s.id, s.unit_id
        FROM generate_series(1, {n}) i
        JOIN slot s ON s.rn = CASE
            WHEN i <= {structural} THEN i
            ELSE {structural} + 1 + (i - {structural} - 1) % {staff_slots} END;
    """,
    )
    add(
        "competencies",
        """
        INSERT INTO competency (code, name, "group", description, active)
        SELECT 'M.0' || k, (ARRAY['Integritas', 'Kerjasama', 'Komunikasi', 'Orientasi pada Hasil',
               'Pelayanan Publik', 'Pengembangan Diri dan Orang Lain', 'Mengelola Perubahan',
               'Pengambilan Keputusan'])[k], 'MANAJERIAL', '', true
        FROM generate_series(1, 8) k ORDER BY k;
        INSERT INTO competency (code, name, "group", description, active)
        VALUES ('SK.01', 'Perekat Bangsa', 'SOSIAL_KULTURAL', '', true);
        INSERT INTO competency (code, name, "group", description, active)
        SELECT 'T.' || lpad(k::text, 2, '0'), 'Teknis ' || k, 'TEKNIS', '', true
        FROM generate_series(1, 20) k ORDER BY k;
    """,
    )
    add(
        "requirements",
        f"""
        INSERT INTO position_requirement (level, competency_id, position_id)
        SELECT CASE WHEN p.level IN ('JPT_PRATAMA', 'ADMINISTRATOR') THEN 4
                    WHEN p.level = 'PENGAWAS' THEN 3
                    ELSE 2 + {_h("p.id * 7 + c.k", 31, 2)} END,
               c.id, p.id
        FROM position p
        CROSS JOIN LATERAL (VALUES (1, 1), (2, 2), (3, 5),
                                   (4, (ARRAY[3, 4, 6, 7, 8])[1 + p.id % 5]), (5, 9),
                                   (6, 10 + p.id % 20)) AS c(k, id);
    """,
    )
    add(
        "assessments",
        f"""
        INSERT INTO assessment (level, assessed_on, source, evidence, created_at, competency_id,
                                employee_id)
        SELECT greatest(1, least(5, r.level - 1 + {_h("e.id * 31 + r.competency_id", 41, 3)})),
               DATE '{y - 1}-01-15' + {_h("e.id", 42, 300)}, 'ASSESSMENT_CENTER', '', now(),
               r.competency_id, e.id
        FROM employee e JOIN position_requirement r ON r.position_id = e.position_id
        WHERE {_h("e.id", 43, 10)} < 6;
        INSERT INTO assessment (level, assessed_on, source, evidence, created_at, competency_id,
                                employee_id)
        SELECT greatest(1, r.level - 1), DATE '{y - 3}-06-01', 'SUPERVISOR', '', now(),
               r.competency_id, e.id
        FROM employee e JOIN position_requirement r ON r.position_id = e.position_id
        WHERE {_h("e.id", 43, 10)} < 6 AND {_h("e.id", 44, 5)} = 0;
    """,
    )
    add(
        "catalog",
        f"""
        INSERT INTO course (code, title, description, mode, method, jp, organiser, eligible_kinds,
                            requires_hr_verification, approval_steps, active, created_at)
        SELECT 'C' || k, 'Pelatihan ' || k, '', 'KLASIKAL', 'PELATIHAN',
               (ARRAY[8, 16, 24, 32, 40])[1 + k % 5], 'BPSDM', '[]', false, '[]', true, now()
        FROM generate_series(1, 500) k ORDER BY k;
        INSERT INTO course_competency (target_level, competency_id, course_id)
        SELECT 2 + k % 4, 1 + k % 29, k FROM generate_series(1, 500) k;
        INSERT INTO training_session (starts_on, ends_on, enrollment_deadline, place, online_url,
                                      capacity, seats_taken, status, created_at, course_id)
        SELECT d, d + 3, d - 14, 'Aula', '', 500, 0, 'FINISHED', now(), 1 + (k - 1) % 500
        FROM generate_series(1, 5000) k
        CROSS JOIN LATERAL (SELECT DATE '{y - 2}-01-05' + ((k * 7919) % 1080) AS d) dd;
    """,
    )
    statuses = (
        "(ARRAY['COMPLETED','COMPLETED','COMPLETED','COMPLETED','ENROLLED','REJECTED',"
        "'CANCELLED','REQUESTED','WAITLISTED','NO_SHOW','ATTENDED'])"
    )
    add(
        "enrollments",
        f"""
        INSERT INTO enrollment (status, reason, approval_step, requested_at, decided_at,
                                jp_credited, version, employee_id, session_id, awaiting_hr,
                                requested_by_id)
        SELECT {statuses}[1 + {_h("e.id * 3 + k", 51, 11)}], '', 0,
               (s.starts_on - 30)::timestamptz + make_interval(hours => {_h("e.id + k", 52, 200)}),
               NULL, 0, 1, e.id, s.id, false, e.id
        FROM employee e CROSS JOIN generate_series(0, 1) k
        JOIN training_session s ON s.id = 1 + (e.id * 7 + k * 1013) % 5000
        WHERE k < {_h("e.id", 53, 3)};
        INSERT INTO enrollment_event (from_status, to_status, note, at, actor_id, enrollment_id)
        SELECT NULL, 'REQUESTED', '', en.requested_at, en.employee_id, en.id FROM enrollment en;
        INSERT INTO enrollment_event (from_status, to_status, note, at, actor_id, enrollment_id)
        SELECT 'REQUESTED',
               CASE WHEN en.status IN ('REJECTED', 'CANCELLED', 'WAITLISTED') THEN en.status
                    ELSE 'ENROLLED' END,
               '', en.requested_at + make_interval(hours => 1 + {_h("en.id", 54, 240)}),
               NULL, en.id
        FROM enrollment en WHERE en.status <> 'REQUESTED';
        INSERT INTO enrollment_event (from_status, to_status, note, at, actor_id, enrollment_id)
        SELECT 'ENROLLED', en.status, '', s.ends_on::timestamptz, NULL, en.id
        FROM enrollment en JOIN training_session s ON s.id = en.session_id
        WHERE en.status IN ('COMPLETED', 'NO_SHOW', 'ATTENDED');
    """,
    )
    add(
        "records",
        f"""
        INSERT INTO training_record (title, method, organiser, jp, year, completed_on,
                                     certificate_number, employee_id, enrollment_id)
        SELECT c.title, 'PELATIHAN', c.organiser, c.jp, extract(year FROM s.ends_on)::int,
               s.ends_on, '', en.employee_id, en.id
        FROM enrollment en JOIN training_session s ON s.id = en.session_id
        JOIN course c ON c.id = s.course_id
        WHERE en.status = 'COMPLETED' AND s.ends_on <= DATE '{today}';
        INSERT INTO training_record (title, method, organiser, jp, year, completed_on,
                                     certificate_number, employee_id, enrollment_id)
        SELECT 'Kegiatan mandiri', 'E_LEARNING', 'LAN',
               (ARRAY[2, 4, 6, 8, 12])[1 + {_h("e.id * 13 + yr * 5 + k", 61, 5)}],
               yr, make_date(yr, 1, 10) + {_h("e.id + k", 62, 300)} % (CASE WHEN yr = {y}
                   THEN greatest(1, DATE '{today}' - make_date(yr, 1, 10)) ELSE 300 END),
               '', e.id, NULL
        FROM employee e CROSS JOIN generate_series({y - 2}, {y}) yr
        CROSS JOIN generate_series(1, 3) k
        WHERE k <= {_h("e.id * 5 + yr", 63, 4)};
    """,
    )
    return sql


async def load(conn: asyncpg.Connection, n: int, today: dt.date) -> dict[str, float]:
    """Fill an empty, migrated database; returns seconds per step."""
    import time

    timings: dict[str, float] = {}
    # Bulk load: skip the per-row foreign-key triggers (the generator keeps the keys right).
    await conn.execute("SET session_replication_role = replica")
    await conn.execute("SET max_parallel_workers_per_gather = 0")  # deterministic order
    for label, sql in statements(n, today):
        started = time.perf_counter()
        await conn.execute(sql)
        timings[label] = time.perf_counter() - started
    # The triggers that keep the report aggregates were off too: rebuild them, one statement each
    # (still without the foreign-key triggers, which the enrollment UPDATE would fire per row).
    await conn.execute("RESET max_parallel_workers_per_gather")
    for statement in rebuild_statements("postgres"):
        started = time.perf_counter()
        await conn.execute(statement)
        label = " ".join(statement.split()[:3]).lower()
        timings[label] = timings.get(label, 0.0) + time.perf_counter() - started
    await conn.execute("RESET session_replication_role")
    started = time.perf_counter()
    await conn.execute("VACUUM ANALYZE")
    timings["vacuum analyze"] = time.perf_counter() - started
    return timings
