"""Reminders posted to a real HTTP server on 127.0.0.1: both payload shapes, and non-2xx as failure."""

from __future__ import annotations

import json

import pytest

from formation.schedule.channels import DeliveryError
from formation.schedule.settings import WebhookSettings, WebhookShape
from formation.schedule.webhook_channel import WebhookChannel
from tests.integration.schedule.conftest import Hook, free_port
from tests.unit.schedule.reminder_support import CONTENT, NOW


def test_teams_card_is_posted_as_utf8_json(webhook_server: Hook) -> None:
    WebhookChannel(WebhookSettings(webhook_server.url + "/ok", WebhookShape.TEAMS, 5)).deliver(CONTENT, now=NOW)
    [(path, headers, body)] = webhook_server.requests
    assert path == "/ok" and headers["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(body.decode("utf-8"))
    card = data["attachments"][0]["content"]
    assert data["type"] == "message" and card["type"] == "AdaptiveCard"
    assert card["body"][0]["text"].startswith("Påminnelse: Stockholms stad – Kommunfullmäktige")
    assert {"title": "Organ", "value": "Kommunfullmäktige"} in card["body"][1]["facts"]


def test_slack_message_with_2xx_other_than_200(webhook_server: Hook) -> None:
    WebhookChannel(WebhookSettings(webhook_server.url + "/accepted", WebhookShape.SLACK, 5)).deliver(CONTENT, now=NOW)
    data = json.loads(webhook_server.requests[0][2])
    assert data["text"].startswith("Påminnelse:") and data["blocks"][0]["type"] == "header"


@pytest.mark.parametrize(
    ("path", "fragment"),
    [("/fail", "svarade 500"), ("/missing", "svarade 404"), ("/moved", "svarade 302")],  # a redirect is not success
)
def test_non_2xx_is_a_failure(webhook_server: Hook, path: str, fragment: str) -> None:
    channel = WebhookChannel(WebhookSettings(webhook_server.url + path + "?token=hemlig", WebhookShape.SLACK, 5))
    with pytest.raises(DeliveryError) as excinfo:
        channel.deliver(CONTENT, now=NOW)
    assert fragment in excinfo.value.message and "Webhooken på 127.0.0.1" in excinfo.value.message
    assert "hemlig" not in excinfo.value.message  # the URL's token never reaches an error message
    assert [p for p, _, _ in webhook_server.requests] == [path + "?token=hemlig"]  # nothing followed


def test_unreachable_webhook() -> None:
    channel = WebhookChannel(WebhookSettings(f"http://127.0.0.1:{free_port()}/x", WebhookShape.TEAMS, 5))
    with pytest.raises(DeliveryError, match="kunde inte nås"):
        channel.deliver(CONTENT, now=NOW)
