"""The demo and benchmark data generator: a Tangerang Selatan-like world of employees, positions,
competencies, training and SKP. Entry points live in ``portal.demo.seed``."""
