"""Mutation tests for refactor/shell_fast.py: which RUN texts the fast parser takes, and that what it builds for
them is bashlex's view to the offset; which it leaves to bashlex.

Three tables, each text a shape the parser decides on (an operator, a blank, a quote, an expansion, a compound,
a redirection, a reserved word, where each stands):
- ``ACCEPTED``: in the subset; ``parse`` must return exactly what ``refactor.shell`` builds from bashlex.
- ``BASHLEX_FAILS``: bashlex raises on them; ``parse`` must return None (claiming bashlex's view of a text
  bashlex cannot read would break the contract).
- ``OUTSIDE``: bashlex reads them, but they are outside the documented subset (comments, ``$'…'``, ``${…}``
  with blanks or nesting, a continued line, ``{``/``}`` as arguments, ``!``, functions, here-strings…):
  ``parse`` must return None so bashlex sees them.
Every text was checked against bashlex when the table was written; the ACCEPTED comparison runs bashlex again.
"""

from __future__ import annotations

import pytest

from refactor import shell, shell_fast

ACCEPTED = [
    'ls', '  ls  ', '\tls\t', 'a\nb', 'a\n\n\nb', 'a &&\n b', 'a ||\n\n b', 'a |\n b', 'a\n', 'a;', 'a ;', 'a &',
    'a & b', 'a && b', 'a || b', 'a; b', 'a | b', 'a|b', 'a&&b||c', '(a)', '(a; b)', '( a )', '(a) && b', '(a)|b',
    '{ a; }', '{ a; b; }', '{ a\n}', '{ a; } > log', '{ a; } >log 2>&1', '(a) 2>&1', '{ a; } > log && b',
    'while a; do b; done', 'until a; do b; done', 'while a; do b; done > f', 'if a; then b; fi',
    'if a; then b; else c; fi', 'if a; then b; elif c; then d; fi', 'if a; then b; elif c; then d; else e; fi',
    'if a\nthen b\nfi', 'if a; then if b; then c; fi; fi', 'for f in a b; do c; done', 'for f in a b\ndo c\ndone',
    'for f in a; do c; done', 'for f in $(ls) *.deb; do c $f; done', 'for f in a b;\tdo c; done',
    'for f in a b; \n do c; done', 'for f in a;do c;done', 'x=$(a | b)', 'x=$(a; b)', 'x=$( a )', 'echo "$(a b)"',
    'echo $(a $(b))', 'a > f', 'a >f', 'a 2>&1', 'a >  f', 'a >> f', 'a &>f', 'a &>>f', 'a >&2', 'a >|f', 'a <&0',
    'a <>f', 'a <f', 'a 10>f', 'a 2> f b', 'x2>f', 'echo 12', 'echo 1 2', 'a 2>f 3>&1', 'A=1 cmd', 'A=1 B+=2 cmd',
    '> f A=1 cmd', 'cmd A=1', 'A=1', 'A=1 B=2', 'a > f b', '_x=1 y', 'echo a\\ b', "echo 'a b'", 'echo "a b"',
    'echo "a\\"b"', 'echo "a\\db"', 'echo "$X y"', 'echo $X', 'echo ${X}', 'echo ${X:-a}', 'echo ${X%/b}', 'echo $',
    'echo a$/b', 'echo $1 $@ $?', 'echo x$Y', "echo 'e\\f'", "echo ''", 'echo ""', 'echo \'a\'"b"c', 'echo "it\'s"',
    'echo é', 'echo {a,b}', 'echo a#b', 'echo ~/.cache', 'echo -', 'echo --', '[ -f x ]', 'test -n "$A" && b',
    'echo a\\b', 'echo \\$x', 'a;b;c', 'a ; b ; c', 'a&&b&&c', 'a | b | c', 'a || b && c', 'set -e; a', 'a\tb',
    'echo then', 'echo done fi', 'echo if', "echo '{'", 'echo x{', 'echo }x', 'x=$(a) b', 'x=$(a | b) c',
    '(a) > f > g', '(a) 2>&1 >f', 'a 2>&1 3', 'echo 1 2>f', 'a;b', 'a ;b', 'a &&\n\n b', '( (a) )',
    'if (a); then b; fi', 'if { a; }; then b; fi', 'while (a); do b; done', 'for f in a\ndo b; done',
    'for f in a;\n\ndo b; done', 'for f in a; do\nb\ndone', 'for do in a; do b; done', 'for f in a ; do b ; done',
    'for f  in  a;  do  b;  done', 'echo "${X}"', 'echo "$(a)"', 'echo a\\ ', 'echo \'a\'b"c"\\d', 'echo "\\\\"',
    'echo "\\$"', "echo a\\'b", 'A="x y" b', "A='x' B=$(c) d", 'A=$(c) ', '3>f a', 'a 3>f', 'a>f', 'a>>f', 'a&>f',
    'a&>>f', 'a>&2', 'a<f', 'a< f', 'a <  f', 'A=1>f', 'A=1 >f B=2 c', 'x >f A=1', 'echo >f A=1', 'a 2>f>g',
    'a 2>&1|b', 'a|b&', 'a&b&', 'a & b &', 'a\tb\tc', 'a  &&  b', 'a\t&&\tb', 'echo in', 'echo for', 'echo while',
    'echo {}', 'echo x}', 'echo !', 'echo [[', "echo 'a #b'",
    '(a > f)', '(a 2>&1)', '(a; b > f)', 'x=$(a >f)', '({ a; } > f)', '(if a; then b; fi > f)',
    'for f in Xa b; do c; done', 'for f in; do a; done', 'while a;do b; done', 'while a & do b; done',
    '{ a; }; echo ${X}', 'echo ${A} ${B}', 'echo Xa', 'Xvfb :99', 'echo aXb', '(cd x && make > log)', '(a >f) && b',
]

BASHLEX_FAILS = [
    'while a\ndo b\ndone', 'echo $()', '#x', 'a)', '(a', 'a; )', 'a ;; b', 'a &; b', '; a', 'a && ;', 'fi', 'then a',
    'do a', 'a; then', 'if a; then; fi', 'if a; then fi', '{ }', '{ a }', '( )', '()', 'echo $((1))',
    'for f a; do b; done', 'for f in a; dob; done', 'for f in a; do b; done x', 'for f in a b', 'for f in a b; do',
    'for f in a; d', 'for f in a; do b; done; done', 'a > ', 'a >', 'a 2> 1>&-', 'a > #x', 'echo $[1]', 'echo ${a',
    'echo "a', "echo 'a", 'echo a\\', 'echo a(b', 'echo a)b', 'echo (a)', 'x=$(a && b)', 'x=$(a || b)', 'x=$()',
    'x=$(a;)', 'x=$( )', 'x=$(a', 'x=$(a))', 'x=$((a))', 'a & & b', 'a&&&b', 'a|||b', 'a ||| b', 'echo 2>',
    'if a; then b; fi c', '{ a; } b', '(a) b', 'a <<EOF', 'a && ', 'a &&\n', 'a |', 'a ||', '&', 'a & ;',
    'if a; then b; elif c; fi', 'if a; then b; else c; else d; fi', 'if a; then b; elif c; then d; fi x',
    'while a; do b; done; done', 'while a; do b; done x', 'while a; b; done', 'while; do a; done',
    'until a; do b; od', 'if a; then b; fi >', 'if a; then b; fi > f g', '{ a; } > f g', 'a 1>', 'a; ;b', 'a\n;b',
    'a\n&& b', 'a\n|b', '{ a; }}', '{ a; } }', '( a ) )', 'for f in (a); do b; done', 'echo "$(a && b)"',
    'echo \\\n', '[[ a ]]', 'time a', 'case a in esac', 'select x in a; do b; done', 'coproc a',
    'for f in a;Xdo b; done', 'for f in a; doX; done', 'for f in a;', 'for f in a;  ', 'a > 1<f', 'a 2> 1<f',
]

OUTSIDE = [
    'a #c', 'a |& b', 'a b }', 'echo { a', 'echo } a', '((a))', '(( a ))', 'for 1 in a; do b; done',
    'for f\ndo a; done', "echo $'a'", 'echo $"a"', 'echo ${}', 'echo ${a b}', 'echo ${a{b}', 'echo ${a$b}',
    'echo "a\\\nb"', 'a\\\nb', 'x=$(if a; then b; fi)', 'x=$(a\nb)', 'A=1 if', 'a <<<b', 'a\r', 'echo a\xa0b',
    'echo `a`', '{ { a; } }', '((a) )', 'echo "${X y}"', 'echo "$"', 'echo "a$"', 'echo {', 'echo }', '! a',
    'function f { a; }', 'f() { a; }', 'echo a;#b', 'echo a #b', 'echo a#b #c',
    'while a;X\ndo b; done', 'echo ${}x}', 'echo ${ a}',
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_accepted_texts_build_what_bashlex_builds(text: str) -> None:
    fast = shell_fast.parse(text)
    assert fast is not None
    assert shell._parse_full(text) == ("bashlex", fast)


@pytest.mark.parametrize("text", BASHLEX_FAILS)
def test_what_bashlex_fails_on_is_refused(text: str) -> None:
    assert shell_fast.parse(text) is None


@pytest.mark.parametrize("text", OUTSIDE)
def test_outside_the_subset_is_refused(text: str) -> None:
    assert shell_fast.parse(text) is None


@pytest.mark.parametrize(("raw", "value"), [
    ("abc", "abc"), ("'a b'", "a b"), ('"a b"', "a b"), ("a\\ b", "a b"), ('"a\\db"', "adb"), ("'a\\d'", "a\\d"),
    ("'a'\"b\"c", "abc"), ('"it\'s"', "it's"), ("'say \"x\"'", 'say "x"'), ("a\\", "a\\"), ('"\\\\"', "\\"),
    ("''", ""), ('a"b\'c"d', "ab'cd"),
    ('"a"\'b\'', "ab"), ('"a""b"', "ab"), ("'a'Xb", "aXb"),  # a quote after a closed one opens again
])
def test_value_removes_quotes_and_escapes_like_bashlex(raw: str, value: str) -> None:
    assert shell_fast._value(raw) == value


@pytest.mark.parametrize(("text", "i", "end"), [
    (">f", 0, 1), (">>f", 0, 2), (">&2", 0, 2), (">|f", 0, 2), ("<&0", 0, 2), ("<>f", 0, 2), ("<f", 0, 1),
    ("2>f", 0, 2), ("10>f", 0, 3), ("&>f", 0, 2), ("&>>f", 0, 3), ("a 2>f", 2, 4), ("a;2>f", 2, 4),
    ("a|2>f", 2, 4), ("a&2>f", 2, 4), ("(2>f", 1, 3), ("a\n2>f", 2, 4),
])
def test_redirect_op_ends_after_the_operator(text: str, i: int, end: int) -> None:
    assert shell_fast._redirect_op(text, i) == end


@pytest.mark.parametrize(("text", "i"), [
    ("12", 0), ("2", 0), ("x2>f", 1), ("&&", 0), ("&", 0), ("a", 0), ("2 >f", 0), ("|", 0),
])
def test_redirect_op_is_none_where_no_operator_starts(text: str, i: int) -> None:
    assert shell_fast._redirect_op(text, i) is None


@pytest.mark.parametrize(("text", "i", "end"), [
    ("$X y", 0, 1), ("${X} y", 0, 4), ("${X:-a}b", 0, 7), ("$(a) b", 0, 4), ("$(a | b)", 0, 8), ("$", 0, 1),
])
def test_dollar_ends_after_the_expansion(text: str, i: int, end: int) -> None:
    assert shell_fast._dollar(text, i) == end


@pytest.mark.parametrize("text", ["${}", "${a b}", "${a", "$((1))", "$[1]", "$'a'", '$"a"', "$(a && b)", "$()",
                                  "${a{b}", "${a$b}", "${a\\b}", "${a'b}", '${a"b}', "${a\tb}"])
def test_dollar_refuses_what_is_not_plain(text: str) -> None:
    assert shell_fast._dollar(text, 0) is None
