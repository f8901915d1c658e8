"""Free slots: working hours minus absences, holidays, busy times and interviews (pure)."""
