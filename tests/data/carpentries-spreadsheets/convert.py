"""How this fixture was made: two episodes of the Data Carpentry lesson "Data Organization
in Spreadsheets for Ecologists" turned into coursesmith lessons, as an instructor would
do it by hand. Run with the lesson's episodes/ folder as argument; it writes modules/.

The episode text is kept as written. Only what coursesmith keeps in its own fields
moves there: the front matter (title, minutes), `objectives` (indicators),
`questions` (discussion questions) and `keypoints` (key points); links to another
episode (`03-dates-as-data.md`) become course links (`lesson:SPR-03`); a hard line
break written as two trailing spaces is written as CommonMark's other form, a
backslash (a YAML block keeps no trailing spaces); a link to an episode not converted
goes to the lesson's published page; one image's `{alt=…}`, written on the line after
the image (where Pandoc does not read it either: `check` reported the image without
alternative text), is moved up to the image.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import yaml

PUBLISHED = "https://datacarpentry.org/spreadsheet-ecology-lesson/"
EPISODES = {"01-format-data.md": "SPR-01", "03-dates-as-data.md": "SPR-03"}
DIV = re.compile(r"^:{3,}\s*(objectives|questions|keypoints)\s*\n(.*?)\n:{3,}\s*$", re.M | re.S)
BLOOM = {"describe": "C2", "explain": "C2", "apply": "C3", "recognize": "C1", "identify": "C1",
         "use": "C3", "demonstrate": "C3", "choose": "C3", "manage": "C3"}


def items(block: str) -> list[str]:
    return [line[2:].strip() for line in block.splitlines() if line.startswith("- ")]


def hard_breaks(text: str) -> str:
    lines = text.split("\n")
    kept = []
    for line, following in zip(lines, [*lines[1:], ""]):
        broken = line.endswith("  ") and line.strip() and following.strip()
        kept.append(line.rstrip() + ("\\" if broken else ""))
    return "\n".join(kept)


def lesson(source: str, code: str) -> dict:
    _, front, body = source.split("---\n", 2)
    meta = yaml.safe_load(front)
    parts = {kind: items(text) for kind, text in DIV.findall(body)}
    body = hard_breaks(DIV.sub("", body).strip()) + "\n"
    for episode, target in EPISODES.items():
        body = body.replace(f"]({episode})", f"](lesson:{target})")
    body = re.sub(r"\]\((\d\d-[a-z-]+)\.md\)", rf"]({PUBLISHED}\1.html)", body)  # not converted: the original
    body = re.sub(r"(!\[\]\([^)\s]+\))\n(\{alt=)", r"\1\2", body)  # the attributes belong right after the image
    minutes = int(meta["teaching"]) + int(meta["exercises"])
    objectives = parts["objectives"]
    return {
        "kind": "lesson", "code": code, "title": meta["title"], "jp": 1,
        "learning_outcome": "Participants can " + objectives[0][0].lower() + objectives[0][1:],
        "indicators": [{"code": f"IND-{n}", "bloom": BLOOM.get(text.split()[0].lower(), "C2"), "text": text}
                       for n, text in enumerate(objectives, start=1)],
        "main_topics": [{"text": meta["title"]}],
        "sections": [{"code": "EPISODE", "title": meta["title"], "body": body}],
        "activities": [
            {"code": "A1", "type": "lecture", "minutes": int(meta["teaching"]), "indicators": ["IND-1"]},
            {"code": "A2", "type": "exercise", "minutes": int(meta["exercises"]), "indicators": ["IND-1"]},
            {"code": "A3", "type": "buffer", "minutes": 45 - minutes},
        ],
        "discussion_questions": [{"code": f"DQ{n}", "text": q} for n, q in enumerate(parts["questions"], 1)],
        "key_points": parts["keypoints"],
        "references": ["datacarpentry_spreadsheets"],
    }


class Literal(str):
    """A multi-line text, written as a YAML block so it reads as the episode did."""


yaml.add_representer(Literal, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, "|"))


def main(episodes: Path) -> None:
    out = Path(__file__).parent / "modules" / "spreadsheets"
    for episode, code in EPISODES.items():
        data = lesson((episodes / episode).read_text(encoding="utf-8"), code)
        data["sections"][0]["body"] = Literal(data["sections"][0]["body"])
        (out / f"{code.lower()}.yaml").write_text(yaml.dump(data, sort_keys=False, allow_unicode=True, width=100),
                                                 encoding="utf-8")
        for image in sorted(set(re.findall(r"\]\((fig/[^)\s]+)\)", (episodes / episode).read_text()))):
            (out / image).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(episodes / image, out / image)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
