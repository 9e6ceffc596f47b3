"""Meeting calendars, planning, deadlines, reminder policy, reminder messages and their delivery channels.

Pure (no I/O, clock injected):
  workdays       Swedish working-day arithmetic on top of formation.domain.appeal's holiday calendar.
  calendars      Meeting, MeetingCalendar; parse_csv / parse_ics / read_calendar_file.
  plan_model     the planning inputs (PendingStep, PartyPending, PlanInput) and result (Plan, StepPlan, ...).
  planning       plan_case: forwards from today, backwards from the target, critical path, shortfalls.
  plan_text      summarize (one Swedish paragraph) and plan_to_dict (for --json).
  pending        pending steps of a party from its workflow definition (lead times, body names).
  policy         ReminderPolicy, ReminderKey (the outbox's unique key), reminders_for, due_now.
  settings       Settings from the config file's [reminders] [smtp] [webhook] [styrgrupp] and FORMATION_SMTP_*.
  messages       ReminderContent → Swedish text + HTML EmailMessage with a stable Message-ID.
Adapters (they do I/O; every failure is a channels.DeliveryError with one Swedish sentence):
  channels       the Channel protocol, DeliveryError, LogFileChannel.
  smtp_channel   SmtpChannel (STARTTLS/SSL verified, or none), password from env or keyring at send time.
  webhook_channel WebhookChannel (Teams Workflows Adaptive Card or Slack).
  delivery       channels_from_settings.
"""
