"""The channels the settings turn on, in the order they are configured."""

from __future__ import annotations

from formation.schedule.channels import Channel, LogFileChannel
from formation.schedule.settings import ChannelName, Settings
from formation.schedule.smtp_channel import PasswordSource, SmtpChannel, password_from_env_or_keyring
from formation.schedule.webhook_channel import WebhookChannel


def channels_from_settings(
    settings: Settings, *, password: PasswordSource = password_from_env_or_keyring
) -> list[Channel]:
    """One channel per name in `settings.channels`; settings validation guarantees each is configured."""
    channels: list[Channel] = []
    for name in settings.channels:
        if name is ChannelName.EMAIL and settings.smtp is not None:
            channels.append(SmtpChannel(settings.smtp, password=password))
        elif name is ChannelName.WEBHOOK and settings.webhook is not None:
            channels.append(WebhookChannel(settings.webhook))
        elif name is ChannelName.LOG and settings.log_file is not None:
            channels.append(LogFileChannel(settings.log_file))
    return channels
