"""Meeting calendars, planning, deadlines, reminder policy, reminder messages and their delivery channels."""
