"""The rules of the simplified contact course (R1–R28), one module per area, pure functions."""
