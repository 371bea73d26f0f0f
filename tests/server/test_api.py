"""The HTTP contract of SPEC §4.2, through the real server."""

from __future__ import annotations

from companion import __version__
from companion.textspan import utf16_len
from tests.server.conftest import Paired


async def test_health_needs_no_token_and_names_nobody(client) -> None:
    response = await client.get("/v1/health")
    assert response.status == 200
    body = await response.json()
    assert body["status"] == "ok" and body["version"] == __version__
    assert body["roster"]["loaded"] is True and body["roster"]["people"] > 0
    assert "Smith" not in await response.text()


async def test_hello_answers_with_roster_summary(paired: Paired) -> None:
    response = await paired.post("/v1/hello", {})
    assert response.status == 200
    body = await response.json()
    assert body["ok"] is True and body["roster"]["version"]


async def test_pupil_full_name_is_blocked_with_clause_and_utf16_span(paired: Paired) -> None:
    text = "🎉🎉 Well done Josh Smith!"
    response = await paired.post("/v1/check/post", {"text": text, "site": "x"})
    assert response.status == 200
    body = await response.json()
    assert body["verdict"] == "block"
    finding = next(f for f in body["findings"] if f["text"] == "Josh Smith")
    assert finding["rule"] == "pupil-name" and finding["severity"] == "block"
    assert "names of pupils" in finding["policy"]
    # JavaScript indexes UTF-16: each 🎉 is two code units.
    units = text.encode("utf-16-le")
    assert units[finding["start"] * 2 : finding["end"] * 2].decode("utf-16-le") == "Josh Smith"
    assert finding["end"] <= utf16_len(text)
    assert isinstance(body["elapsed_ms"], float) and body["roster_version"]


async def test_clean_post_is_allowed(paired: Paired) -> None:
    response = await paired.post("/v1/check/post", {"text": "Lovely walk in the hills today."})
    body = await response.json()
    assert body == {**body, "verdict": "allow", "findings": []}


async def test_verdict_is_the_highest_severity(paired: Paired) -> None:
    body = await (
        await paired.post("/v1/check/post", {"text": "Josh Smith and Grace were brilliant"})
    ).json()
    severities = {f["severity"] for f in body["findings"]}
    assert "block" in severities
    assert body["verdict"] == "block"


async def test_contact_check_says_what_kind_not_which_pupil(paired: Paired) -> None:
    response = await paired.post(
        "/v1/check/contact", {"name": "Rebecca Smith", "site": "facebook", "action": "accept"}
    )
    body = await response.json()
    assert body["verdict"] == "block"
    assert body["findings"][0]["rule"] == "friend-family"
    assert "Josh" not in body["findings"][0]["message"]


async def test_unknown_contact_is_allowed(paired: Paired) -> None:
    body = await (
        await paired.post("/v1/check/contact", {"name": "Totally Unrelated", "action": "follow"})
    ).json()
    assert body["verdict"] == "allow"


async def test_a_post_from_the_schools_own_account_is_checked_as_the_school(
    paired: Paired,
) -> None:
    """The extension says who the post goes out as; the companion's school profile decides."""
    post = {"text": "Well done Josh, a better lesson today", "site": "x"}
    personal = await (await paired.post("/v1/check/post", post)).json()
    as_school = {**post, "identity": "@GlazeburyCE"}
    school = await (await paired.post("/v1/check/post", as_school)).json()
    assert "targeted-content" not in {f["rule"] for f in personal["findings"]}
    assert "targeted-content" in {f["rule"] for f in school["findings"]}
    too_long = await paired.post("/v1/check/post", {**post, "identity": "x" * 201})
    assert too_long.status == 400
    assert "identity" in (await too_long.json())["error"]
