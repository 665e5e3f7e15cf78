"""The Terraform in iac/ as data: every *.tf file parsed with python-hcl2 (no terraform binary or
provider is needed), merged into one view of resources, locals, variables and data sources.

References stay as text (`${google_pubsub_topic.events.id}`); `target()` turns one into the
`TYPE.NAME` it points at, which is all the invariants need.
"""
import copy
import pathlib
import re

import hcl2
from hcl2 import SerializationOptions

OPTIONS = SerializationOptions(strip_string_quotes=True, explicit_blocks=False, with_comments=False)
# Parsing is the slow part (python-hcl2 is pure Python); broken copies differ from iac/ in one file,
# so parsed files are kept by content.
_PARSED = {}
REFERENCE = re.compile(r"^\$\{([a-z0-9_]+\.[a-z0-9_-]+)(?:\.[a-z_]+)?\}$")


class TerraformConfig:
    def __init__(self, directory):
        self.directory = pathlib.Path(directory)
        self.resources = {}  # (type, name) -> body
        self.locals = {}
        self.variables = {}
        self.files = {}
        for path in sorted(self.directory.glob("*.tf")):
            text = path.read_text()
            if text not in _PARSED:
                _PARSED[text] = hcl2.loads(text, serialization_options=OPTIONS)
            document = copy.deepcopy(_PARSED[text])
            self.files[path.name] = document
            for block in document.get("resource", []):
                for kind, named in block.items():
                    for name, body in named.items():
                        if (kind, name) in self.resources:
                            raise ValueError(f"{kind}.{name} is declared twice")
                        self.resources[(kind, name)] = body
            for block in document.get("locals", []):
                self.locals.update(block)
            for block in document.get("variable", []):
                self.variables.update(block)

    def of_type(self, kind):
        return {name: body for (k, name), body in self.resources.items() if k == kind}

    def resource(self, kind, name):
        body = self.resources.get((kind, name))
        if body is None:
            raise AssertionError(f"iac/ has no {kind}.{name}")
        return body

    def variable_default(self, name):
        return self.variables.get(name, {}).get("default")

    def local(self, name):
        return self.locals.get(name)


def target(reference):
    """`${google_pubsub_topic.events.id}` -> `google_pubsub_topic.events`; other text unchanged."""
    if not isinstance(reference, str):
        return reference
    match = REFERENCE.match(reference)
    return match.group(1) if match else reference


def block(body, key):
    """A nested block: python-hcl2 gives a list of one dict per occurrence; the first, or {}."""
    value = body.get(key)
    if isinstance(value, list):
        return value[0] if value else {}
    return value or {}


def blocks(body, key):
    value = body.get(key)
    if isinstance(value, list):
        return value
    return [value] if value else []
