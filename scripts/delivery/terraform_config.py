"""The Terraform in iac/ as data: every *.tf file parsed with python-hcl2 (no terraform binary or
provider is needed), merged into one view of resources, locals, variables and data sources.

References stay as text (`${google_pubsub_topic.events.id}`); `target()` turns one into the
`TYPE.NAME` it points at, which is all the invariants need.

A call of a local module (`source = "./modules/..."`) is instantiated the way Terraform would: the
module's resources are added as `(TYPE, "module.CALL.NAME")` with each `var.X` replaced by the call's
argument (or the variable's default), and each dynamic block whose for_each is then a literal map or
list (inline, or a root local) expanded into the blocks it makes. A dynamic block over anything else
(a root variable such as var.api_settings) stays a dynamic block, as it would be in the root. A
reference the instantiation cannot resolve is an error, not a silently unchecked value.
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
MODULE_OUTPUT = re.compile(r"^\$\{module\.([a-z0-9_-]+)\.([a-z0-9_]+)\}$")
# A whole-value reference to a name and an optional attribute path: `${var.env}`, `${env.value.name}`.
WHOLE = re.compile(r"^\$\{([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)((?:\.[a-z_][a-z0-9_]*)*)\}$")
# The module arguments that are Terraform's, not the module's variables.
META_ARGUMENTS = {"source", "version", "providers", "depends_on"}


class TerraformConfig:
    def __init__(self, directory):
        self.directory = pathlib.Path(directory)
        self.resources = {}  # (type, name) -> body; a module's as (type, "module.CALL.NAME")
        self.locals = {}
        self.variables = {}
        self.outputs = {}
        self.modules = {}  # call name -> the module's TerraformConfig, instantiated with the call
        self.calls = {}  # call name -> the module block as written
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
                        self._add(kind, name, body)
            for block in document.get("locals", []):
                self.locals.update(block)
            for block in document.get("variable", []):
                self.variables.update(block)
            for block in document.get("output", []):
                self.outputs.update(block)
            for block in document.get("module", []):
                self.calls.update(block)
        for call, arguments in self.calls.items():
            self._instantiate(call, arguments)

    def _add(self, kind, name, body):
        if (kind, name) in self.resources:
            raise ValueError(f"{kind}.{name} is declared twice")
        self.resources[(kind, name)] = body

    def _instantiate(self, call, arguments):
        source = arguments.get("source", "")
        if not source.startswith("./"):
            raise ValueError(f"module.{call}: only local modules are understood, not {source!r}")
        if "count" in arguments or "for_each" in arguments:
            raise ValueError(f"module.{call}: count and for_each on a module call are not understood")
        module = TerraformConfig(self.directory / source)
        given = {name: value for name, value in arguments.items() if name not in META_ARGUMENTS}
        if unknown := set(given) - set(module.variables):
            raise ValueError(f"module.{call}: passes {sorted(unknown)}, which the module does not declare")
        scope = {}
        for name, declared in module.variables.items():
            if name in given:
                scope[name] = given[name]
            elif "default" in declared:
                scope[name] = declared["default"]
            else:
                raise ValueError(f"module.{call}: the required variable {name} is not given")
        where = f"module.{call}"
        resolve = lambda value: _expand(_substitute(value, {"var": scope, "local": module.locals}, where), self.locals, where)
        module.resources = {key: resolve(body) for key, body in module.resources.items()}
        module.outputs = {name: resolve(body) for name, body in module.outputs.items()}
        self.modules[call] = module
        for (kind, name), body in module.resources.items():
            self._add(kind, f"module.{call}.{name}", body)

    def of_type(self, kind):
        return {name: body for (k, name), body in self.resources.items() if k == kind}

    def resource(self, kind, name):
        body = self.resources.get((kind, name))
        if body is None:
            raise AssertionError(f"iac/ has no {kind}.{name}")
        return body

    def module_resource(self, call, kind):
        """The one resource of a type that module.CALL makes."""
        found = [body for (k, name), body in self.resources.items() if k == kind and name.startswith(f"module.{call}.")]
        if len(found) != 1:
            raise AssertionError(f"module.{call} makes {len(found)} {kind}, not one")
        return found[0]

    def target(self, reference):
        """As target(), and `${module.CALL.OUTPUT}` -> `module.CALL.TYPE.NAME`, the resource the output
        gives (`module.api.google_cloud_run_v2_service.this`)."""
        match = MODULE_OUTPUT.match(reference) if isinstance(reference, str) else None
        if match and match.group(1) in self.modules:
            value = self.modules[match.group(1)].outputs.get(match.group(2), {}).get("value")
            pointed = target(value)
            if isinstance(pointed, str) and pointed != value:
                return f"module.{match.group(1)}.{pointed}"
        return target(reference)

    def variable_default(self, name):
        return self.variables.get(name, {}).get("default")

    def local(self, name):
        return self.locals.get(name)


def address(kind, name):
    """Terraform's address: `google_pubsub_topic.events`, `module.api.google_cloud_run_v2_service.this`."""
    module, _, own = name.rpartition(".")
    return f"{module}.{kind}.{own}" if module else f"{kind}.{name}"


def _lookup(value, path, where, reference):
    for attribute in filter(None, path.split(".")):
        if not isinstance(value, dict) or attribute not in value:
            raise ValueError(f"{where}: cannot resolve {reference} (no {attribute} in {value!r})")
        value = value[attribute]
    return copy.deepcopy(value)


def _substitute(value, scopes, where):
    """Each whole-value `${NAME.ATTR...}` whose NAME is a scope (var, local, an iterator) replaced by
    its value; any other use of a scope's name is an error."""
    if isinstance(value, dict):
        return {key: _substitute(item, scopes, where) for key, item in value.items()}
    if isinstance(value, list):
        return [_substitute(item, scopes, where) for item in value]
    if not isinstance(value, str):
        return value
    match = WHOLE.match(value)
    if match and match.group(1) in scopes:
        scope, name, path = match.groups()
        if name not in scopes[scope]:
            raise ValueError(f"{where}: {value} names nothing the module declares")
        resolved = _lookup(scopes[scope][name], path, where, value)
        # A module local may itself use var.X.
        return _substitute(resolved, scopes, where) if scope == "local" else resolved
    for scope in scopes:
        if re.search(rf"(?<![\w.]){scope}\.", value) and "${" in value:
            raise ValueError(f"{where}: cannot resolve {value!r} (only whole-value {scope}.NAME references are understood)")
    return value


def _expand(value, root_locals, where):
    """Dynamic blocks over a literal map or list (or a root local holding one) made into their blocks."""
    if isinstance(value, list):
        return [_expand(item, root_locals, where) for item in value]
    if not isinstance(value, dict):
        return value
    dynamics = value.get("dynamic", [])
    value = {key: _expand(item, root_locals, where) for key, item in value.items() if key != "dynamic"}
    kept = []
    for entry in dynamics:
        for kind, spec in entry.items():
            items = spec.get("for_each")
            match = WHOLE.match(items) if isinstance(items, str) else None
            if match and match.group(1) == "local" and not match.group(3) and match.group(2) in root_locals:
                items = copy.deepcopy(root_locals[match.group(2)])
            if not isinstance(items, (dict, list)):
                kept.append({kind: spec})  # over a root variable (var.api_settings): as the root would have it
                continue
            iterator = spec.get("iterator", kind)
            content = block(spec, "content")
            pairs = items.items() if isinstance(items, dict) else enumerate(items)
            made = [_expand(_substitute(content, {iterator: {"key": key, "value": item}}, where), root_locals, where) for key, item in pairs]
            value[kind] = blocks(value, kind) + made
    if kept:
        value["dynamic"] = kept
    return value


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
