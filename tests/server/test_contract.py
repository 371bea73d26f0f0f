"""The HTTP contract (companion/server/http_contract.json) against the real server: it serves
exactly the contract's routes; its answers validate against the contract's schemas; requests the
schemas accept are accepted and requests they refuse are refused with a JSON error; and the
enumerations and limits the code uses are the contract's. The extension's side of the same file
is checked by extension/test/contract.test.js."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from companion import checks
from companion.server import contract
from companion.server.validation import MAX_ATTACHMENTS, MAX_IDENTITY, MAX_IMAGE_TEXT
from companion.settings import Settings
from tests.photos.conftest import encoded
from tests.server.conftest import EXTENSION, Paired

CONTRACT = contract.contract()
REGISTRY = Registry().with_resource(CONTRACT["$id"], Resource.from_contents(CONTRACT))


def schema(name: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": f"{CONTRACT['$id']}#/$defs/{name}"}, registry=REGISTRY)


def valid(name: str, value: Any) -> bool:
    return schema(name).is_valid(value)


def test_the_contract_is_a_valid_json_schema() -> None:
    Draft202012Validator.check_schema(CONTRACT)


def test_the_server_serves_exactly_the_contract_s_routes(client) -> None:
    served = {
        (route.method, route.resource.canonical)
        for route in client.server.app.router.routes()
        if route.method != "HEAD"
    }
    assert served == {(r.method, r.path) for r in contract.routes()}
    assert {r.path for r in contract.routes() if r.public} == {"/v1/health", "/v1/pair"}


def test_the_code_s_enumerations_and_limits_are_the_contract_s() -> None:
    assert contract.enum("Site") == checks.SITES
    assert contract.enum("Context") == checks.CONTEXTS
    assert contract.enum("Account") == checks.ACCOUNTS
    assert contract.enum("ContactAction") == checks.CONTACT_ACTIONS
    assert contract.enum("PhotoPart") == checks.PHOTO_PARTS
    defs = CONTRACT["$defs"]
    assert defs["PostRequest"]["properties"]["attachments"]["maxItems"] == MAX_ATTACHMENTS
    assert defs["Attachment"]["properties"]["text"]["maxLength"] == MAX_IMAGE_TEXT
    assert defs["PostRequest"]["properties"]["identity"]["maxLength"] == MAX_IDENTITY
    settings = Settings()
    assert contract.limit("json_body_bytes") == settings.max_body
    assert contract.limit("image_body_bytes") == settings.max_image_body


async def test_every_answer_validates_against_the_contract(client, paired: Paired) -> None:
    health = await client.get("/v1/health")
    assert valid("Health", await health.json())
    hello = await paired.post("/v1/hello", {})
    assert valid("Hello", await hello.json())
    posts = [
        {"text": "Lovely walk on the beach"},
        {"text": "Well done Joshua Smith 🎉", "site": "facebook", "context": "comment"},
        {"text": "Glazebury parents are idiots", "account": "school"},
        {"text": "Look", "attachments": [{"kind": "image", "faces": 2, "text": "Grace Okonkwo"}]},
        {"text": "Well done Josh", "site": "x", "identity": "@GlazeburyCE"},
    ]
    for body in posts:
        answer = await paired.post("/v1/check/post", body)
        assert answer.status == 200
        data = await answer.json()
        assert valid("Verdict", data), (body, data)
    contact = await paired.post("/v1/check/contact", {"name": "Rebecca Smith", "action": "add"})
    assert valid("Verdict", await contact.json())
    image = await client.post(
        "/v1/check/image",
        data=encoded("coffee"),
        headers={**paired.headers(), "Content-Type": "image/jpeg"},
    )
    assert image.status == 200 and valid("Verdict", await image.json())
    for refused in (
        await client.post("/v1/check/post", data=b"{}", headers={"Origin": EXTENSION}),
        await paired.post("/v1/check/post", {"text": 5}),
        await client.post(
            "/v1/check/image",
            data=b"\xff" * 10,
            headers={**paired.headers(), "Content-Type": "image/gif"},
        ),
    ):
        assert refused.status >= 400 and valid("Error", await refused.json())


# Requests the contract accepts are accepted by the server, and the ones it refuses are refused.
POSTS = [
    ({"text": ""}, True),
    ({"text": "hi", "site": "facebook", "context": "dm", "account": "school"}, True),
    (
        {
            "text": "hi",
            "attachments": [{"kind": "image", "faces": 0, "logo": True, "unchecked": False}],
        },
        True,
    ),
    ({"text": "hi", "attachments": [{"text": "x" * 2000}]}, True),
    ({}, False),
    ({"text": None}, False),
    ({"text": "hi", "site": "myspace"}, False),
    ({"text": "hi", "context": "story"}, False),
    ({"text": "hi", "account": "work"}, False),
    ({"text": "hi", "attachments": [{"faces": -1}]}, False),
    ({"text": "hi", "attachments": [{"faces": True}]}, False),
    ({"text": "hi", "attachments": [{"logo": "yes"}]}, False),
    ({"text": "hi", "attachments": [{"text": "x" * 2001}]}, False),
    ({"text": "hi", "attachments": [{}] * 21}, False),
    ([], False),
]
CONTACTS = [
    ({"name": "Ada Lovelace"}, True),
    ({"name": "Ada", "handle": "ada", "site": "x", "action": "follow"}, True),
    ({"name": ""}, False),
    ({"name": "   "}, False),
    ({"name": "Ada", "action": "poke"}, False),
    ({"name": "Ada", "handle": 7}, False),
]


@pytest.mark.parametrize(("body", "accepted"), POSTS)
async def test_post_requests_are_judged_as_the_contract_says(
    paired: Paired, body: Any, accepted: bool
) -> None:
    assert valid("PostRequest", body) is accepted
    answer = await paired.post("/v1/check/post", body)
    assert (answer.status == 200) is accepted, await answer.text()


@pytest.mark.parametrize(("body", "accepted"), CONTACTS)
async def test_contact_requests_are_judged_as_the_contract_says(
    paired: Paired, body: Any, accepted: bool
) -> None:
    assert valid("ContactRequest", body) is accepted
    answer = await paired.post("/v1/check/contact", body)
    assert (answer.status == 200) is accepted, await answer.text()
