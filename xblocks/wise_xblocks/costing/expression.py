"""A small, safe expression language for costing formulas.

Course authors type formulas such as ``fixed_total / group_size + variable_pp`` or
``round(price_net * (1 + 22%), 2)``. Open edX's numerical problem needs sandboxed Python to
do that; here a hand-written tokenizer and recursive-descent parser build a tiny tree that is
compiled into nested closures. Python's ``eval``/``compile`` are never used, so there is no
attribute access, no call of anything but the six listed functions, and no name that the
scenario did not declare.

Grammar (precedence from low to high)::

    expression := term (("+" | "-") term)*
    term       := unary (("*" | "/") unary)*
    unary      := ("-" | "+") unary | postfix
    postfix    := primary "%"?                     22% == 0.22, rate% == rate / 100
    primary    := NUMBER | NAME | NAME "(" arguments ")" | "(" expression ")"
    arguments  := expression ("," expression)*
    NUMBER     := digits ["." digits] | "." digits  (no exponent, no separators)
    NAME       := letter or "_" followed by letters, digits, "_"

Functions: ``min(a, b, ...)``, ``max(a, b, ...)``, ``round(x)``, ``round(x, digits)``
(commercial rounding: halves away from zero, as a shop till and a tax form round, unlike
Python's banker's rounding), ``ceil(x)``, ``floor(x)``.

Bounded work: a formula is at most MAX_LENGTH characters, MAX_NODES tree nodes and
MAX_DEPTH levels deep, so parsing and evaluating any input is linear in a small constant;
a hostile formula cannot hang a worker or exhaust the Python stack.

Errors are ExpressionError (a ValueError) with a translatable message template, its
parameters and the 0-based character position, so Studio can say *where* the problem is.
"""

import difflib
import math
import re

from ..common.i18n import _, ngettext_noop

MAX_LENGTH = 500
MAX_DEPTH = 24
MAX_NODES = 200
MAX_ARGUMENTS = 20
MAX_ROUND_DIGITS = 10
# Money in a WISE exercise never comes close; anything larger is an authoring mistake or an attack.
MAX_MAGNITUDE = 1e15

FUNCTIONS = ("min", "max", "round", "ceil", "floor")
RESERVED = frozenset(FUNCTIONS)
NESTED_TOO_DEEPLY = ngettext_noop(
    "The formula is nested too deeply (at most {limit} level).",
    "The formula is nested too deeply (at most {limit} levels).",
    "limit",
)
NAME_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class ExpressionError(ValueError):
    """A formula that cannot be parsed or evaluated. `template` is an English msgid."""

    def __init__(self, template, position=None, **params):
        self.template = template
        self.position = position
        self.params = params
        super().__init__(self.render())

    def render(self, gettext=lambda message: message):
        message = gettext(self.template).format(**self.params)
        if self.position is not None:
            message = gettext("{message} (at character {position})").format(message=message, position=self.position + 1)
        return message


class EvaluationError(ExpressionError):
    """A formula that parsed but cannot give a number for these values (division by zero...)."""


# --- tokenizer ------------------------------------------------------------------------------

NUMBER, NAME, OP, END = "number", "name", "op", "end"
OPERATORS = frozenset("+-*/(),%")
DIGITS = frozenset("0123456789")
_NUMBER_RE = re.compile(r"(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)", re.ASCII)
_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SPACE = frozenset(" \t\r\n\u00a0")


class Token:
    __slots__ = ("kind", "text", "position", "value")

    def __init__(self, kind, text, position, value=None):
        self.kind, self.text, self.position, self.value = kind, text, position, value

    def __repr__(self):
        return f"Token({self.kind}, {self.text!r}, {self.position})"


def tokenize(source):
    if not isinstance(source, str):
        raise ExpressionError(_("The formula must be text."))
    if len(source) > MAX_LENGTH:
        raise ExpressionError(
            ngettext_noop(
                "The formula is longer than {limit} character.",
                "The formula is longer than {limit} characters.",
                "limit",
            ),
            limit=MAX_LENGTH,
        )
    tokens = []
    index, length = 0, len(source)
    while index < length:
        char = source[index]
        if char in _SPACE:
            index += 1
            continue
        if char in DIGITS or (char == "." and index + 1 < length and source[index + 1] in DIGITS):
            match = _NUMBER_RE.match(source, index)
            text = match.group(0)
            end = match.end()
            if end < length and (source[end].isalnum() or source[end] in "._"):  # "2x", "1.2.3", "1e5"
                raise ExpressionError(
                    _(
                        "“{text}” is not a number: write numbers like 1234.5 "
                        "(a dot for decimals, no thousands separator)."
                    ),
                    index,
                    text=source[index : end + 1],
                )
            tokens.append(Token(NUMBER, text, index, float(text)))
            index = end
            continue
        if char.isalpha() or char == "_":
            match = _NAME_RE.match(source, index)
            if not match:  # a non-ASCII letter, e.g. "prezzo_unità"
                raise ExpressionError(
                    _("Unexpected character “{char}”: names use only a-z, A-Z, 0-9 and _."), index, char=char
                )
            end = match.end()
            if end < length and source[end] == ".":
                raise ExpressionError(_("“.” after a name is not allowed: there is no attribute access."), end)
            if end < length and (source[end].isalpha() and not source[end].isascii()):
                raise ExpressionError(
                    _("Unexpected character “{char}”: names use only a-z, A-Z, 0-9 and _."), end, char=source[end]
                )
            tokens.append(Token(NAME, match.group(0), index))
            index = end
            continue
        if char in OPERATORS:
            tokens.append(Token(OP, char, index))
            index += 1
            continue
        raise ExpressionError(_("Unexpected character “{char}”."), index, char=char)
    tokens.append(Token(END, "", length))
    return tokens


# --- tree -----------------------------------------------------------------------------------
# Nodes are tuples: ("num", value, pos) ("name", name, pos) ("neg", node, pos)
# ("bin", op, left, right, pos) ("pct", node, pos) ("call", fname, [args], pos)


class _Parser:
    def __init__(self, source):
        self.source = source
        self.tokens = tokenize(source)
        self.index = 0
        self.nodes = 0
        self.depth = 0

    @property
    def current(self):
        return self.tokens[self.index]

    def advance(self):
        token = self.tokens[self.index]
        self.index += 1
        return token

    def count(self, position):
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise ExpressionError(
                ngettext_noop(
                    "The formula is too long: at most {limit} number, name or operation.",
                    "The formula is too long: at most {limit} numbers, names and operations.",
                    "limit",
                ),
                position,
                limit=MAX_NODES,
            )

    def enter(self, position):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(NESTED_TOO_DEEPLY, position, limit=MAX_DEPTH)

    def leave(self):
        self.depth -= 1

    def expect(self, text, template):
        token = self.current
        if token.kind == OP and token.text == text:
            return self.advance()
        raise ExpressionError(template, token.position, found=describe(token))

    def parse(self):
        if self.current.kind == END:
            raise ExpressionError(_("The formula is empty."), 0)
        node = self.expression()
        token = self.current
        if token.kind != END:
            raise ExpressionError(
                _("Unexpected {found}: an operator (+ - * /) is missing before it."),
                token.position,
                found=describe(token),
            )
        return node

    def expression(self):
        self.enter(self.current.position)
        node = self.term()
        while self.current.kind == OP and self.current.text in "+-":
            op = self.advance()
            self.count(op.position)
            node = ("bin", op.text, node, self.term(), op.position)
        self.leave()
        return node

    def term(self):
        node = self.unary()
        while self.current.kind == OP and self.current.text in "*/":
            op = self.advance()
            self.count(op.position)
            node = ("bin", op.text, node, self.unary(), op.position)
        return node

    def unary(self):
        token = self.current
        if token.kind == OP and token.text in "+-":
            self.advance()
            self.enter(token.position)
            self.count(token.position)
            operand = self.unary()
            self.leave()
            return ("neg", operand, token.position) if token.text == "-" else operand
        node = self.primary()
        if self.current.kind == OP and self.current.text == "%":
            percent = self.advance()
            self.count(percent.position)
            node = ("pct", node, percent.position)
        return node

    def primary(self):
        token = self.current
        self.count(token.position)
        if token.kind == NUMBER:
            self.advance()
            return ("num", token.value, token.position)
        if token.kind == NAME:
            self.advance()
            if self.current.kind == OP and self.current.text == "(":
                return self.call(token)
            if token.text in RESERVED:
                raise ExpressionError(_("{name} is a function: write {name}(…)."), token.position, name=token.text)
            return ("name", token.text, token.position)
        if token.kind == OP and token.text == "(":
            self.advance()
            node = self.expression()
            self.expect(")", _("Expected “)” to close the parenthesis, found {found}."))
            return node
        if token.kind == END:
            raise ExpressionError(_("The formula ends too early: a number or name is missing."), token.position)
        raise ExpressionError(
            _("Unexpected {found}: expected a number, a name or “(”."), token.position, found=describe(token)
        )

    def call(self, name_token):
        name = name_token.text
        if name not in RESERVED:
            raise ExpressionError(
                _("Unknown function “{name}”: use one of {functions}."),
                name_token.position,
                name=name,
                functions=", ".join(FUNCTIONS),
            )
        self.advance()  # "("
        arguments = []
        if not (self.current.kind == OP and self.current.text == ")"):
            arguments.append(self.expression())
            while self.current.kind == OP and self.current.text == ",":
                self.advance()
                if len(arguments) >= MAX_ARGUMENTS:
                    raise ExpressionError(
                        _("Too many arguments for {name} (at most {limit})."),
                        name_token.position,
                        name=name,
                        limit=MAX_ARGUMENTS,
                    )
                arguments.append(self.expression())
        self.expect(")", _("Expected “)” or “,” in the function call, found {found}."))
        check_arity(name, arguments, name_token.position)
        return ("call", name, arguments, name_token.position)


def describe(token):
    if token.kind == END:
        return "the end of the formula"
    return f"“{token.text}”"


def check_arity(name, arguments, position):
    count = len(arguments)
    if name in ("min", "max") and count < 1:
        raise ExpressionError(_("{name} needs at least one value."), position, name=name)
    if name in ("ceil", "floor") and count != 1:
        raise ExpressionError(_("{name} takes exactly one value."), position, name=name)
    if name == "round" and count not in (1, 2):
        raise ExpressionError(_("round takes a value and, optionally, a number of decimals."), position)


# --- compilation to closures ----------------------------------------------------------------


def round_half_away(value, digits=0):
    """Commercial rounding: 2.5 -> 3, -2.5 -> -3, 1.005 -> 1.01 (decimal text, not binary noise)."""
    factor = 10.0**digits
    shifted = abs(value) * factor
    # repr-based nudge so 1.005 * 100 = 100.49999999999999 still rounds up, as a person would.
    shifted = float(f"{shifted:.9f}")
    rounded = math.floor(shifted + 0.5) / factor
    return math.copysign(rounded, value) if rounded else 0.0


def _finite(value, position):
    if value != value or abs(value) > MAX_MAGNITUDE:
        raise EvaluationError(_("The result is too large or not a number."), position)
    return value


def _name_pair(op, left, right):
    """One closure instead of three for the commonest shapes: name ○ name, name ○ number, number ○ name
    (+ - * only; division keeps its divisor check). About a third fewer calls per evaluation."""
    if op not in "+-*":
        return None
    kinds = (left[0], right[0])
    if kinds == ("name", "name"):
        a, b = left[1], right[1]
        return {"+": lambda env: env[a] + env[b], "-": lambda env: env[a] - env[b], "*": lambda env: env[a] * env[b]}[
            op
        ]
    if kinds == ("name", "num"):
        a, c = left[1], right[1]
        return {"+": lambda env: env[a] + c, "-": lambda env: env[a] - c, "*": lambda env: env[a] * c}[op]
    if kinds == ("num", "name"):
        c, b = left[1], right[1]
        return {"+": lambda env: c + env[b], "-": lambda env: c - env[b], "*": lambda env: c * env[b]}[op]
    return None


def _compile(node):
    """Nested closures, one per node. Sums and products are plain float arithmetic (they cannot
    raise); division checks its divisor; the final result is checked once in evaluate()."""
    kind = node[0]
    if kind == "num":
        value = node[1]
        return lambda env: value
    if kind == "name":
        name = node[1]
        return lambda env: env[name]  # a missing name: KeyError, turned into EvaluationError by evaluate()
    if kind == "neg":
        operand = _compile(node[1])
        return lambda env: -operand(env)
    if kind == "pct":
        operand = _compile(node[1])
        return lambda env: operand(env) / 100.0
    if kind == "bin":
        op, left, right, position = node[1], _compile(node[2]), _compile(node[3]), node[4]
        constant = node[3][1] if node[3][0] == "num" else None
        fast = _name_pair(op, node[2], node[3])
        if fast is not None:
            return fast
        if op == "+":
            if constant is not None:
                return lambda env: left(env) + constant
            return lambda env: left(env) + right(env)
        if op == "-":
            if constant is not None:
                return lambda env: left(env) - constant
            return lambda env: left(env) - right(env)
        if op == "*":
            if constant is not None:
                return lambda env: left(env) * constant
            return lambda env: left(env) * right(env)
        if constant is not None and constant != 0:
            return lambda env: left(env) / constant

        def divide(env):
            divisor = right(env)
            if divisor == 0:
                raise EvaluationError(_("Division by zero."), position)
            if divisor != divisor or abs(divisor) == math.inf:
                raise EvaluationError(_("The result is too large or not a number."), position)
            return left(env) / divisor

        return divide
    if kind == "call":
        name, arguments, position = node[1], [_compile(a) for a in node[2]], node[3]
        if name == "min":
            return lambda env: min(a(env) for a in arguments)
        if name == "max":
            return lambda env: max(a(env) for a in arguments)
        if name == "ceil":
            only = arguments[0]
            return lambda env: float(math.ceil(_finite(only(env), position)))
        if name == "floor":
            only = arguments[0]
            return lambda env: float(math.floor(_finite(only(env), position)))
        value = arguments[0]
        digits = arguments[1] if len(arguments) == 2 else (lambda env: 0.0)

        def do_round(env):
            places = digits(env)
            if places != places or places != int(places) or not 0 <= places <= MAX_ROUND_DIGITS:
                raise EvaluationError(
                    _("round: the number of decimals must be a whole number from 0 to {limit}."),
                    position,
                    limit=MAX_ROUND_DIGITS,
                )
            return round_half_away(_finite(value(env), position), int(places))

        return do_round
    raise AssertionError(f"unknown node {kind}")  # pragma: no cover - the parser makes only the kinds above


def _names(node, found):
    kind = node[0]
    if kind == "name":
        found.setdefault(node[1], node[2])
    elif kind in ("neg", "pct"):
        _names(node[1], found)
    elif kind == "bin":
        _names(node[2], found)
        _names(node[3], found)
    elif kind == "call":
        for argument in node[2]:
            _names(argument, found)
    return found


class Expression:
    """A parsed and compiled formula. Evaluate it as often as you like with `evaluate(values)`."""

    __slots__ = ("source", "tree", "names", "size", "_function", "_tokens", "_positions")

    def __init__(self, source, tree, tokens, size=1):
        self.source = source
        self.size = size  # tree nodes: the work of one evaluation
        self.tree = tree
        self._tokens = tokens
        self._positions = _names(tree, {})
        self.names = frozenset(self._positions)
        self._function = _compile(tree)

    def evaluate(self, values):
        """The value of the formula for `values` ({name: float}); EvaluationError if impossible."""
        try:
            result = self._function(values)
        except EvaluationError:
            raise
        except KeyError as missing:
            name = missing.args[0] if missing.args else "?"
            raise EvaluationError(_("“{name}” has no value."), self._positions.get(name), name=name) from None
        except (OverflowError, ValueError):  # ceil/floor of inf, float overflow in a power of ten
            raise EvaluationError(_("The result is too large or not a number."), None) from None
        except RecursionError:  # cannot happen within MAX_DEPTH; kept so no other error type escapes
            raise EvaluationError(NESTED_TOO_DEEPLY, limit=MAX_DEPTH) from None
        return _finite(float(result), None)

    def substitute(self, values, format_value):
        """The formula's text with each name replaced by its formatted value (for a worked solution)."""
        parts, cursor = [], 0
        for token in self._tokens:
            if token.kind == NAME and token.text in self.names and token.text in values:
                parts.append(self.source[cursor : token.position])
                parts.append(format_value(token.text, values[token.text]))
                cursor = token.position + len(token.text)
        parts.append(self.source[cursor:])
        return "".join(parts).strip()

    def __repr__(self):
        return f"Expression({self.source!r})"


def compile_expression(source, allowed_names=None):
    """Parse and compile `source`. With `allowed_names`, any other name is an error (with a suggestion)."""
    parser = _Parser(source)
    tree = parser.parse()
    expression = Expression(source, tree, parser.tokens, parser.nodes)
    if allowed_names is not None:
        positions = _names(tree, {})
        for name, position in sorted(positions.items(), key=lambda item: item[1]):
            if name not in allowed_names:
                close = difflib.get_close_matches(name, sorted(allowed_names), n=1)
                if close:
                    raise ExpressionError(
                        _("Unknown name “{name}” (did you mean “{suggestion}”?)."),
                        position,
                        name=name,
                        suggestion=close[0],
                    )
                raise ExpressionError(_("Unknown name “{name}”."), position, name=name)
    return expression


def is_valid_name(name):
    return isinstance(name, str) and bool(NAME_PATTERN.match(name)) and name not in RESERVED
