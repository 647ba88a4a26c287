"""The competency dictionary, position requirements, assessments and the gap."""
