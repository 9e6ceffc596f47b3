"""Reminders as a JSON POST to a chat webhook: a Teams Workflows Adaptive Card or a Slack message.

The URL of an incoming webhook is a bearer secret, so error messages name only its host.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from formation.schedule.channels import DeliveryError
from formation.schedule.messages import ReminderContent
from formation.schedule.settings import WebhookSettings, WebhookShape

Opener = Callable[..., Any]  # urllib.request.urlopen's shape; injectable for tests


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Refuse redirects: urllib would follow a 302 as a GET without the body and report the page's 200."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def _facts(content: ReminderContent) -> list[tuple[str, str]]:
    meeting = content.meeting_on.isoformat() if content.meeting_on else "inget sammanträde planerat"
    return [
        ("Förbund", content.forbund),
        ("Part", content.party),
        ("Steg", content.step),
        ("Organ", content.body),
        ("Planerat sammanträde", meeting),
        ("Sista dag", f"{content.deadline.isoformat()} ({content.when})"),
        ("Beräknat bildande", content.formation_on.isoformat() if content.formation_on else "okänt"),
    ]


def teams_payload(content: ReminderContent) -> dict[str, Any]:
    """A message with one Adaptive Card, the shape the Teams Workflows webhook trigger posts to a channel."""
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [
            {
                "type": "TextBlock",
                "text": content.subject,
                "weight": "Bolder",
                "size": "Medium",
                "wrap": True,
                "color": "Attention" if content.overdue else "Default",
            },
            {"type": "FactSet", "facts": [{"title": t, "value": v} for t, v in _facts(content)]},
            {"type": "TextBlock", "text": f"Referens: {content.key.text}", "isSubtle": True, "size": "Small"},
        ],
    }
    return {
        "type": "message",
        "attachments": [
            {"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": card}
        ],
    }


def _slack_escape(text: str) -> str:
    # Slack's mrkdwn treats &, < and > as control characters (links, mentions); everything else is literal.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_payload(content: ReminderContent) -> dict[str, Any]:
    """A Slack incoming-webhook message: `text` as the notification fallback, blocks for the layout."""
    fields = [{"type": "mrkdwn", "text": f"*{t}*\n{_slack_escape(v)}"} for t, v in _facts(content)]
    return {
        "text": _slack_escape(content.subject),
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": content.subject[:150]}},
            # Slack allows at most 10 fields in one section.
            {"type": "section", "fields": fields[:10]},
            {"type": "context", "elements": [{"type": "mrkdwn", "text": f"Referens: {content.key.text}"}]},
        ],
    }


class WebhookChannel:
    """Posts each reminder as JSON; any status outside 2xx is a failure."""

    name = "webhook"

    def __init__(self, settings: WebhookSettings, *, opener: Opener = _OPENER.open) -> None:
        self.settings = settings
        self._open = opener

    def payload(self, content: ReminderContent) -> dict[str, Any]:
        return teams_payload(content) if self.settings.shape is WebhookShape.TEAMS else slack_payload(content)

    def deliver(self, content: ReminderContent, *, now: datetime) -> None:
        body = json.dumps(self.payload(content), ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(
            self.settings.url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": "formation-reminders"},
        )
        host = urlsplit(self.settings.url).hostname or "webhooken"
        try:
            with self._open(request, timeout=self.settings.timeout) as response:
                status = int(response.status)
        except urllib.error.HTTPError as exc:
            raise DeliveryError(self.name, f"Webhooken på {host} svarade {exc.code} ({exc.reason}).") from exc
        except urllib.error.URLError as exc:
            raise DeliveryError(self.name, f"Webhooken på {host} kunde inte nås ({_reason(exc.reason)}).") from exc
        except (TimeoutError, OSError) as exc:
            raise DeliveryError(self.name, f"Webhooken på {host} kunde inte nås ({_reason(exc)}).") from exc
        if not 200 <= status < 300:
            raise DeliveryError(self.name, f"Webhooken på {host} svarade {status}, inte 2xx.")


def _reason(reason: object) -> str:
    if isinstance(reason, TimeoutError):
        return "tidsgränsen överskreds"
    if isinstance(reason, ConnectionRefusedError):
        return "anslutningen nekades"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__
