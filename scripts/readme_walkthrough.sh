#!/usr/bin/env bash
# The README's walkthrough, command for command (tests/usability/test_readme.py keeps the two identical).
# Run it from the top of the repository after `make run` (or `make install`):  bash scripts/readme_walkthrough.sh
# It writes walkthrough.db, kopia.db, falun-borlange.json, norrort.ics, lagesrapport.pdf and underlag.docx here.
set -e
# --- walkthrough ---
source .venv/bin/activate
formation --version
formation --help
export FORMATION_DB=./walkthrough.db
rm -f walkthrough.db kopia.db
formation demo
formation --case stockholm status
formation --case stockholm status --as-of 2016-01-31
formation init "Samordningsförbundet Falun Borlänge" --slug falun-borlange --seat Falun --start 2023-01-01
formation --case falun-borlange party add "Falu kommun" --kind kommun --key 13 --population 36000 --email samordnare@falun.se
export FORMATION_CASE=falun-borlange
formation party add "Borlänge kommun" --kind kommun --key 12
formation party add "Region Dalarna" --kind region
formation party add Försäkringskassan --kind FK
formation party add Arbetsförmedlingen --kind AF
formation party list
formation workflow show
formation workflow check formation/io/samples/kommun_utan_namnd.yaml
formation party workflow Falu formation/io/samples/kommun_utan_namnd.yaml
formation fo check formation/io/samples/forbundsordning_falun_borlange.md
formation fo add formation/io/samples/forbundsordning_falun_borlange.md --start 2023-01-01
formation fo list
formation decide Falu forstudie --outcome bifall --date 2021-10-18
formation decide Falu Inriktningsbeslut --outcome bifall --date 2022-02-21
formation decide Falu styrelse --outcome bifall --date 2022-09-27 --paragraph "§ 45"
formation decide Falu fullmaktige --outcome bifall --date 2022-10-24 --anslag 2022-10-27 --paragraph 112
formation decide Borlänge forstudie --outcome bifall --date 2021-10-19
formation decide Borlänge inriktningsbeslut --outcome bifall --date 2022-02-24
formation skip Borlänge namnd --reason "Kommunstyrelsen bereder direkt"
formation decide Borlänge styrelse --outcome aterremiss --date 2022-09-13
formation status
formation decide Borlänge styrelse --outcome bifall --date 2022-09-27
formation decide Borlänge fullmaktige --outcome bifall --date 2022-10-20 --anslag 2022-10-24
formation decide Region forstudie --outcome bifall --date 2021-10-26
formation skip Region inriktningsbeslut --reason "Regionstyrelsen bereder direkt"
formation decide Region namnd --outcome bifall --date 2022-09-08 --body "Hälso- och sjukvårdsnämnden"
formation decide Region styrelse --outcome bifall --date 2022-10-04
formation decide Region fullmaktige --outcome bifall --date 2022-11-14 --anslag 2022-11-16
formation decide FK forstudie --outcome bifall --date 2021-10-01
formation decide FK beslut --outcome bifall --date 2022-11-30
formation decide AF forstudie --outcome bifall --date 2021-10-01
formation decide AF beslut --outcome bifall --date 2022-12-01
formation status
formation finance --total "18 mkr"
formation finance --offer FK=9000000 --offer Falu=2340000 --offer Borlänge=2000000 --offer Region=4500000
formation appeal add Borlänge --filed 2022-11-10 --appellant "En kommunmedlem"
formation appeal decide Borlänge --outcome avslaget --date 2023-02-01
formation board add Falu "Anna Berg" --role ledamot --fullmaktige "Kommunfullmäktige i Falu kommun"
formation board add Falu "Erik Lind" --role ersattare --fullmaktige "Kommunfullmäktige i Falu kommun"
formation board list
formation leave Borlänge --notice 2025-01-15
formation status
formation log
formation log --party Borlänge --since 2022-11-01
formation export falun-borlange.json
formation --db ./kopia.db import falun-borlange.json
formation --db ./kopia.db status
formation --case norrort plan
formation --case norrort deadline list
formation --case norrort calendar list
formation --case norrort contact list
formation --case norrort remind list
formation --case norrort remind once --dry-run
formation --case norrort ics -o norrort.ics
formation --case stockholm snapshot --as-of 2016-01-31
formation --case stockholm snapshot -f pdf -o lagesrapport.pdf --budget "8,0 mnkr"
formation --case stockholm underlag "Stockholms stad" -f docx -o underlag.docx --as-of 2016-01-31 --budget "8,0 mnkr"
