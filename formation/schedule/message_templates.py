"""The reminder e-mail templates (Swedish). Kept as Python strings so they ship inside the package."""

from __future__ import annotations

TEXT = """\
Hej!

{% if late_from %}
Den här påminnelsen skulle ha skickats {{ late_from }} men kommer sent, eftersom utskicket var stoppat.

{% endif %}
{% if overdue %}
{{ forbund }} väntar fortfarande på ett beslut som skulle ha fattats senast {{ deadline }}.
{% else %}
Det här är en påminnelse från {{ forbund }} om ett beslut som förbundet väntar på.
{% endif %}

Part:                  {{ party }}
Steg:                  {{ step }}
Organ:                 {{ body }}
Planerat sammanträde:  {{ meeting or "inget sammanträde planerat" }}
Sista dag:             {{ deadline }} ({{ when }})

Förbundet väntar på {{ waiting_for }}.
{% if formation_on %}

Med nuvarande planering kan förbundet bildas tidigast {{ formation_on }}
{%- if target %} (målet är {{ target }}){% endif %}.
{% endif %}

{% if advice %}
{{ advice }}
{% endif %}
Om beslutet redan är fattat: meddela styrgruppen datum, paragraf och diarienummer, så upphör påminnelserna.

Vänliga hälsningar
Styrgruppen för {{ forbund }}

--
Meddelandet skickades automatiskt. Referens: {{ reference }}
"""

HTML = """\
<!DOCTYPE html>
<html lang="sv">
<head><meta charset="utf-8"><title>{{ subject }}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; color: #1b1b1b; line-height: 1.45;">
<p>Hej!</p>
{% if late_from %}
<p><em>Den här påminnelsen skulle ha skickats {{ late_from }} men kommer sent, eftersom utskicket var stoppat.</em></p>
{% endif %}
{% if overdue %}
<p><strong>{{ forbund }} väntar fortfarande på ett beslut som skulle ha fattats senast {{ deadline }}.</strong></p>
{% else %}
<p>Det här är en påminnelse från {{ forbund }} om ett beslut som förbundet väntar på.</p>
{% endif %}
<table style="border-collapse: collapse; margin: 12px 0;">
  <tr><th style="text-align: left; padding: 2px 16px 2px 0;">Part</th><td>{{ party }}</td></tr>
  <tr><th style="text-align: left; padding: 2px 16px 2px 0;">Steg</th><td>{{ step }}</td></tr>
  <tr><th style="text-align: left; padding: 2px 16px 2px 0;">Organ</th><td>{{ body }}</td></tr>
  <tr><th style="text-align: left; padding: 2px 16px 2px 0;">Planerat sammanträde</th>
      <td>{{ meeting or "inget sammanträde planerat" }}</td></tr>
  <tr><th style="text-align: left; padding: 2px 16px 2px 0;">Sista dag</th>
      <td>{{ deadline }} (<span style="color: {{ '#b00020' if overdue else '#1b1b1b' }};">{{ when }}</span>)</td></tr>
</table>
<p>Förbundet väntar på {{ waiting_for }}.</p>
{% if formation_on %}
<p>Med nuvarande planering kan förbundet bildas tidigast <strong>{{ formation_on }}</strong>
{%- if target %} (målet är {{ target }}){% endif %}.</p>
{% endif %}
<p>{% if advice %}{{ advice }} {% endif %}
Om beslutet redan är fattat: meddela styrgruppen datum, paragraf och diarienummer, så upphör påminnelserna.</p>
<p>Vänliga hälsningar<br>Styrgruppen för {{ forbund }}</p>
<p style="color: #6b6b6b; font-size: 12px;">Meddelandet skickades automatiskt. Referens: {{ reference }}</p>
</body>
</html>
"""
