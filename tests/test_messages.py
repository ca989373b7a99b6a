"""The headless layers' sentences: English strings that remember their template, so the
editor can say them again in another language while the command line prints them as is."""

from __future__ import annotations

import pickle
import re

import pytest

from autograd_studio.graph import GraphDocument
from autograd_studio.graph.errors import GraphFileError
from autograd_studio.graph.evaluate import evaluate
from autograd_studio.graph.fileformat import loads
from autograd_studio.messages import TEMPLATES, Message, joined, render


def _shout(context: str, template: str) -> str:
    """A stand-in translation: every template upper-cased (placeholders survive)."""
    return template.upper()


def test_a_message_is_its_english_text_and_remembers_how_it_was_made():
    message = Message("input-unconnected", "b")
    assert message == "input b is not connected" and isinstance(message, str)
    assert (message.key, message.args) == ("input-unconnected", ("b",))
    assert f"{message}!" == "input b is not connected!"  # printed and joined as before


def test_render_translates_the_messages_inside_a_message_but_never_names_or_numbers():
    inner = Message("input-unconnected", "b")
    outer = Message("inside-function", "f1/mul", inner)
    assert outer == "inside, at f1/mul: input b is not connected"
    assert render(outer, _shout) == "INSIDE, AT f1/mul: INPUT b IS NOT CONNECTED"
    assert render("tanh(0.5) = 0.4621", _shout) == "tanh(0.5) = 0.4621"  # not a message
    assert render(outer, lambda context, template: template) == outer


def test_joined_lists_with_the_and_message():
    assert joined(["a"]) == "a"
    assert joined(["a", "b", "c"]) == "a and b and c"
    assert render(joined(["a", "b"]), _shout) == "a AND b"


def test_a_message_sent_to_another_process_stays_a_message():
    message = Message("inside-function", "f1/log", Message("undefined"))
    again = pickle.loads(pickle.dumps(message))
    assert again == message and isinstance(again, Message)
    assert isinstance(again.args[1], Message) and again.args[1].key == "undefined"


def test_every_template_numbers_its_placeholders_from_zero():
    for key, (context, template) in TEMPLATES.items():
        numbers = sorted({int(n) for n in re.findall(r"\{(\d+)\}", template)})
        assert numbers == list(range(len(numbers))), key
        assert context and "{}" not in template, key


def test_an_evaluation_problem_is_a_message_with_its_inputs_as_arguments():
    doc = GraphDocument()
    m = doc.add_node("op", op="mul")
    (problem,) = evaluate(doc).problems[m]
    assert problem.message == "inputs a and b are not connected"
    assert isinstance(problem.message, Message)
    assert render(problem.message, _shout) == "INPUTS a AND b ARE NOT CONNECTED"


def test_a_file_error_in_words_is_a_message_built_from_the_place_and_the_reason():
    text = '{"format": "autograd-studio-graph", "version": 99, "nodes": []}'
    with pytest.raises(GraphFileError) as caught:
        loads(text, path="newer.agraph")
    assert str(caught.value).startswith("newer.agraph: $.version: the file is format version 99")
    words = caught.value.in_words()
    assert words.startswith('In the "version" field: the file is format version 99, written')
    assert words.endswith("reads format version 2 and older.")
    assert render(words, _shout).startswith('IN THE "version" FIELD: THE FILE IS FORMAT VERSION 99')


def test_a_sentence_made_of_a_reason_starts_with_a_capital_in_every_language():
    with pytest.raises(GraphFileError) as caught:
        loads("   ", path="blank.agraph")
    words = caught.value.in_words()
    assert words == "The file is blank."
    assert render(words, lambda context, template: template.replace("blank", "leer")) == (
        "The file is leer."
    )


def test_a_translation_with_a_broken_placeholder_falls_back_to_the_english_template():
    message = Message("inside-function", "f1/log", Message("undefined"))
    broken = render(message, lambda context, template: "{7} oops" if "inside" in template else "X")
    assert broken == "inside, at f1/log: X"
