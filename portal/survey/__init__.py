"""Public satisfaction survey (SKM) and the follow-up loop."""
