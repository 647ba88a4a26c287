-- The employee home screen in one statement: $1 employee id, $2 year. Nested lists come back as
-- JSON arrays (numerics as text, so 450.00 stays 450.00); server.py shapes the answer.
SELECT
  e.id, e.nip, e.front_title, e.name, e.back_title, e.employment_type, e.rank,
  p.name AS position_name, p.kind AS position_kind, p.level AS position_level,
  u.name AS unit_name, u.short_name AS unit_short_name,
  (SELECT json_build_array(s.front_title, s.name, s.back_title, s.nip)
     FROM employee s WHERE s.position_id = p.parent_id AND s.active ORDER BY s.id LIMIT 1
  ) AS supervisor,
  (SELECT coalesce(json_agg(json_build_array(d.id, d.description) ORDER BY d.sort_order, d.id), '[]')
     FROM position_duty d WHERE d.position_id = e.position_id
  ) AS duties,
  (SELECT json_build_array(k.id, k.year, k.status, k.result_rating, k.behaviour_rating,
            (SELECT coalesce(json_agg(json_build_array(r.id, r.kind, r.description,
                      (SELECT coalesce(json_agg(json_build_array(i.id, i.aspect, i.description,
                                i.target_value::text, i.target_text, i.unit_label,
                                (SELECT coalesce(json_agg(x.value::text), '[]')
                                   FROM skp_realisation x WHERE x.indicator_id = i.id))
                              ORDER BY i.id), '[]')
                         FROM skp_indicator i WHERE i.result_id = r.id))
                    ORDER BY r.kind DESC, r.sort_order, r.id), '[]')
               FROM skp_result r WHERE r.skp_id = k.id))
     FROM skp k WHERE k.employee_id = e.id AND k.year = $2
  ) AS skp,
  (WITH req AS (SELECT q.competency_id, q.level FROM position_requirement q
                 WHERE q.position_id = e.position_id),
        latest AS (SELECT DISTINCT ON (a.competency_id) a.competency_id, a.level, a.assessed_on
                     FROM assessment a WHERE a.employee_id = e.id
                    ORDER BY a.competency_id, a.assessed_on DESC, a.id DESC)
   SELECT json_build_array(
     (SELECT coalesce(json_agg(json_build_array(competency_id, level)), '[]') FROM req),
     (SELECT coalesce(json_agg(json_build_array(competency_id, level, assessed_on)), '[]') FROM latest),
     (SELECT coalesce(json_agg(json_build_array(c.id, c.code, c.name, c."group")), '[]')
        FROM competency c
       WHERE c.id IN (SELECT competency_id FROM req UNION SELECT competency_id FROM latest)))
  ) AS profile,
  (SELECT json_build_array(t.status,
            (SELECT coalesce(json_agg(json_build_array(it.id, it.title, it.method, it.planned_jp,
                      it.status, ic.code, ic.name, co.title) ORDER BY it.id), '[]')
               FROM training_plan_item it
               LEFT JOIN competency ic ON ic.id = it.competency_id
               LEFT JOIN course co ON co.id = it.course_id
              WHERE it.plan_id = t.id))
     FROM training_plan t WHERE t.employee_id = e.id AND t.year = $2
  ) AS plan,
  (SELECT coalesce(sum(tr.jp), 0)::int FROM training_record tr
    WHERE tr.employee_id = e.id AND tr.year = $2) AS completed_jp,
  (SELECT count(*)::int FROM enrollment n WHERE n.employee_id = e.id) AS enrollments_total,
  (SELECT coalesce(json_agg(json_build_array(n.id, n.status, n.reason, n.requested_at, n.decided_at,
            s.id, s.starts_on, s.ends_on, s.place, s.online_url, s.capacity, s.seats_taken,
            c.id, c.title, c.jp, c.mode,
            (SELECT coalesce(json_agg(json_build_array(v.from_status, v.to_status, v.note, v.at,
                      ac.front_title, ac.name, ac.back_title) ORDER BY v.at, v.id), '[]')
               FROM enrollment_event v LEFT JOIN employee ac ON ac.id = v.actor_id
              WHERE v.enrollment_id = n.id))
          ORDER BY n.requested_at DESC, n.id DESC), '[]')
     FROM (SELECT * FROM enrollment WHERE employee_id = e.id
            ORDER BY requested_at DESC, id DESC LIMIT 20) n
     JOIN training_session s ON s.id = n.session_id
     JOIN course c ON c.id = s.course_id
  ) AS enrollments
FROM employee e
LEFT JOIN position p ON p.id = e.position_id
JOIN org_unit u ON u.id = e.unit_id
WHERE e.id = $1 AND e.active
