"""Any text is checked without error, spans always match the text, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from companion.checks import Attachment, PostRequest
from companion.demo import demo_roster
from companion.engine import Engine

WORDS = st.sampled_from(
    [
        "Glazebury",
        "#GlazeburyCE",
        "LDST",
        "well done",
        "Josh",
        "Mrs Patel",
        "@dexnott",
        "my class",
        "sick of",
        "work",
        "shit",
        "ADHD",
        "12/03/2018",
        "B801200005001",
        "sports day",
        "🎉",
        "Zoë",
        "\u200b",
        "е",
        ".",
        "\n",
    ]
)


@pytest.fixture(scope="module")
def shared_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """One engine for every hypothesis example, over its own empty data directory."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("POSTGUARD_HOME", str(tmp_path_factory.mktemp("home")))
        return Engine(demo_roster())


POSTS = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=25).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(text="", account="personal", context="post", image_text="[")
@given(
    text=POSTS,
    account=st.sampled_from(["personal", "school"]),
    context=st.sampled_from(["post", "comment", "reply", "dm"]),
    image_text=st.one_of(st.just(""), st.text(max_size=60), POSTS),
)
def test_any_post_gets_a_verdict_whose_spans_are_the_text(
    shared_engine: Engine, text: str, account: str, context: str, image_text: str
):
    attachments = (Attachment(kind="image", text=image_text),) if image_text else ()
    request = PostRequest(text=text, account=account, context=context, attachments=attachments)
    verdict = shared_engine.check_post(request)
    units = text.encode("utf-16-le", "surrogatepass")
    for finding in verdict.findings:
        assert 0 <= finding.start <= finding.end <= len(units) // 2
        assert finding.policy and finding.message
        if finding.source == "attachment":  # about an image's words: no span in the text
            assert finding.start == finding.end == 0
            continue
        sliced = units[2 * finding.start : 2 * finding.end].decode("utf-16-le", "surrogatepass")
        assert sliced == finding.text
        assert finding.policy and finding.message


def test_checking_writes_nothing_to_the_data_directory(postguard_home: Path):
    engine = Engine(demo_roster())
    secret = "Josh Smith B801200005001 has ADHD, born 12/03/2018 #GlazeburyCE"
    for account in ("personal", "school"):
        assert engine.check_post(PostRequest(text=secret, account=account)).verdict == "block"
    written = (
        [p for p in postguard_home.rglob("*") if p.is_file()] if postguard_home.exists() else []
    )
    assert written == []
