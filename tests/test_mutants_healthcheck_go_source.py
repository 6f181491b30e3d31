"""The Go health-mode reader (transforms/_health_go_source.py) on details its golden cases do not pin down."""

from __future__ import annotations

import pytest

from refactor.health_source import Sources
from transforms._health_go_source import Mode, _close, _string_end, go_files, line_of, main_packages, modes


def test_line_of_counts_every_newline_before_the_offset() -> None:
    assert line_of("package main\n", 0) == 1
    assert line_of("\npackage main\n", 1) == 2  # a file that starts with an empty line
    assert line_of("a\nb\nc", 4) == 3
    assert line_of("a\nb\nc", 3) == 2  # the offset of the newline itself is still on its line


def _modes(*files: tuple[str, str]) -> list[Mode]:
    return modes(Sources(list(files)))


_MAIN = 'package main\n\nimport (\n\t"flag"\n\t"os"\n)\n\n'


# -- flags -------------------------------------------------------------------------------------------------


def test_a_stdlib_bool_flag_with_an_exit_in_its_branch() -> None:
    src = _MAIN + ('func main() {\n\thc := flag.Bool("healthcheck", false, "probe")\n\tflag.Parse()\n'
                   '\tif *hc {\n\t\tos.Exit(1)\n\t}\n}\n')
    assert _modes(("cmd/api/main.go", src)) == [
        Mode(("-healthcheck",), "flag -healthcheck", "cmd/api/main.go:9", "cmd/api", "os.Exit(1) at cmd/api/main.go:12",
             False, flag=True)]


def test_the_flag_at_the_context_root_has_an_empty_package() -> None:
    src = _MAIN + 'func main() {\n\thc := flag.Bool("health", false, "")\n\tif *hc {\n\t\tos.Exit(2)\n\t}\n}\n'
    (mode,) = _modes(("main.go", src))
    assert mode.package == ""
    assert mode.where == "main.go:9"
    assert mode.exits == "os.Exit(2) at main.go:11"


def test_a_flag_without_a_branch_exits_nowhere() -> None:
    src = _MAIN + 'var hc = flag.Bool("healthz", false, "")\n\nfunc main() { flag.Parse(); os.Exit(1) }\n'
    (mode,) = _modes(("main.go", src))
    assert mode.args == ("-healthz",)
    assert mode.exits is None


def test_a_branch_with_a_condition_before_the_flag() -> None:
    src = _MAIN + ('func main() {\n\thc := flag.Bool("health", false, "")\n'
                   '\tif ready && *hc {\n\t\tlog.Fatal("down")\n\t}\n}\n')
    (mode,) = _modes(("main.go", src))
    assert mode.exits == "log.Fatal at main.go:11"  # the call's "(" is not part of the name


def test_a_flag_name_other_than_a_health_name_is_no_mode() -> None:
    src = _MAIN + 'func main() {\n\thc := flag.Bool("verbose", false, "")\n\tif *hc {\n\t\tos.Exit(1)\n\t}\n}\n'
    assert _modes(("main.go", src)) == []


@pytest.mark.parametrize("import_, dash", [
    ('import "flag"\n', "-"),  # the stdlib flag package takes -name
    ('import (\n\t"flag"\n)\n', "-"),
    ('import flag "github.com/spf13/pflag"\n', "--"),  # pflag under the name flag: only --name
    ('import (\n\t"github.com/spf13/pflag"\n)\n', "--"),
])
def test_the_dash_follows_the_package_behind_the_name_flag(import_: str, dash: str) -> None:
    src = f'package main\n\n{import_}\nfunc main() {{\n\thc := flag.Bool("health", false, "")\n' \
          '\tif *hc {\n\t\tos.Exit(1)\n\t}\n}\n'
    (mode,) = _modes(("main.go", src))
    assert mode.args == (f"{dash}health",)
    assert mode.what == f"flag {dash}health"


def test_a_flag_set_of_unknown_kind_takes_two_dashes() -> None:
    src = _MAIN + 'func main() {\n\thc := fs.Bool("health", false, "")\n\tif *hc {\n\t\tos.Exit(1)\n\t}\n}\n'
    (mode,) = _modes(("main.go", src))
    assert mode.args == ("--health",)


@pytest.mark.parametrize("call", [
    'flag.Bool("health", true, "")',
    'flag.Bool( "health" , true, "")',
    'fs.BoolP("health", "H", true, "")',
])
def test_a_bool_flag_on_by_default_is_a_setting_not_a_mode(call: str) -> None:
    src = _MAIN + f'func main() {{\n\thc := {call}\n\tif *hc {{\n\t\tos.Exit(1)\n\t}}\n}}\n'
    assert _modes(("main.go", src)) == []


def test_a_string_flag_defaulting_to_true_is_still_a_mode() -> None:
    src = _MAIN + ('func main() {\n\tp := flag.String("probe", "true", "")\n'
                   '\tif *p != "" {\n\t\tos.Exit(1)\n\t}\n}\n')
    (mode,) = _modes(("main.go", src))
    assert mode.takes_value is True
    assert mode.args == ("-probe",)
    assert mode.exits == "os.Exit(1) at main.go:11"


def test_a_bool_var_flag_fills_a_variable_read_without_a_star() -> None:
    src = _MAIN + ('func main() {\n\tflag.BoolVar(&cfg.Health, "health", false, "")\n\tflag.Parse()\n'
                   '\tif cfg.Health {\n\t\tos.Exit(1)\n\t}\n}\n')
    assert _modes(("main.go", src)) == [
        Mode(("-health",), "flag -health", "main.go:9", "", "os.Exit(1) at main.go:12", False, flag=True)]


def test_a_string_var_flag_takes_a_value() -> None:
    src = _MAIN + ('func main() {\n\tfs.StringVarP(&target, "probe", "p", "", "")\n'
                   '\tif target != "" {\n\t\tos.Exit(1)\n\t}\n}\n')
    (mode,) = _modes(("main.go", src))
    assert (mode.args, mode.takes_value, mode.exits) == (("--probe",), True, "os.Exit(1) at main.go:11")


def test_a_pointer_flag_is_read_through_the_pointer_only() -> None:
    # ``if hc {`` tests the pointer itself, not the flag's value
    src = _MAIN + 'func main() {\n\thc := flag.Bool("health", false, "")\n\tif hc {\n\t\tos.Exit(1)\n\t}\n}\n'
    (mode,) = _modes(("main.go", src))
    assert mode.exits is None


def test_a_flag_whose_branch_serves_is_an_endpoint_not_a_mode() -> None:
    src = _MAIN + ('func main() {\n\thc := flag.Bool("health", false, "")\n'
                   '\tif *hc {\n\t\thttp.ListenAndServe(":8081", nil)\n\t}\n\tos.Exit(1)\n}\n')
    assert _modes(("main.go", src)) == []


def test_a_server_after_the_branch_does_not_matter() -> None:
    src = _MAIN + ('func main() {\n\thc := flag.Bool("health", false, "")\n'
                   '\tif *hc {\n\t\tos.Exit(1)\n\t}\n\thttp.ListenAndServe(":8080", nil)\n}\n')
    (mode,) = _modes(("main.go", src))
    assert mode.exits == "os.Exit(1) at main.go:11"


def test_flags_and_subcommands_count_only_in_a_main_package() -> None:
    lib = ('package server\n\nimport "flag"\n\nfunc Init() {\n\thc := flag.Bool("health", false, "")\n'
           '\tif *hc {\n\t\tos.Exit(1)\n\t}\n\tif os.Args[1] == "health" {\n\t\tos.Exit(1)\n\t}\n}\n')
    assert _modes(("server/init.go", lib)) == []
    # "package main" must start a line and be the whole word
    assert _modes(("x.go", "// package main\n" + lib)) == []
    assert _modes(("x.go", lib.replace("package server", "package mainly"))) == []


def test_only_go_files_are_read() -> None:
    src = _MAIN + 'func main() {\n\thc := flag.Bool("health", false, "")\n\tif *hc {\n\t\tos.Exit(1)\n\t}\n}\n'
    sources = Sources([("main.go", src), ("main.py", src), ("notes.gox", src)])
    assert go_files(sources) == [("main.go", src)]
    assert len(modes(sources)) == 1


def test_main_packages_are_the_folders_of_package_main_sorted_once() -> None:
    sources = Sources([("cmd/b/main.go", "package main\n"), ("cmd/a/main.go", "// x\npackage  main\n"),
                       ("cmd/a/util.go", "package main\n"), ("lib/lib.go", "package lib\n"),
                       ("cmd/c/main.go", "package mainframe\n"), ("main.go", "package main\n"),
                       ("tool/main.py", "package main\n")])
    assert main_packages(sources) == ["", "cmd/a", "cmd/b"]


# -- subcommands -----------------------------------------------------------------------------------------------


def test_an_args_subcommand_with_its_exit() -> None:
    src = _MAIN + ('func main() {\n\tif len(os.Args) > 1 && os.Args[1] == "healthcheck" {\n'
                   '\t\tos.Exit(1)\n\t}\n}\n')
    assert _modes(("app/main.go", src)) == [
        Mode(("healthcheck",), "subcommand healthcheck", "app/main.go:9", "app", "os.Exit(1) at app/main.go:10")]


def test_a_flag_arg_subcommand() -> None:
    src = _MAIN + 'func main() {\n\tif flag.Arg(0) == "health-check" {\n\t\tlog.Fatalf("x")\n\t}\n}\n'
    (mode,) = _modes(("main.go", src))
    assert (mode.args, mode.flag, mode.takes_value) == (("health-check",), False, False)
    assert mode.exits == "log.Fatalf at main.go:10"


def test_a_subcommand_whose_brace_is_not_on_its_line_has_no_known_exit() -> None:
    src = _MAIN + ('func main() {\n\tok := os.Args[1] == "health"\n\tif ok {\n\t\tos.Exit(1)\n\t}\n}\n')
    (mode,) = _modes(("main.go", src))
    assert mode.exits is None


def test_a_subcommand_without_any_brace_after_it() -> None:
    src = 'package main\n\nvar probe = os.Args[1] == "probe"\n'
    (mode,) = _modes(("main.go", src))
    assert (mode.args, mode.exits, mode.where) == (("probe",), None, "main.go:3")


def test_a_subcommand_that_serves_is_an_endpoint() -> None:
    src = _MAIN + ('func main() {\n\tif os.Args[1] == "health" {\n\t\tnet.Listen("tcp", ":1")\n\t}\n'
                   '\tos.Exit(1)\n}\n')
    assert _modes(("main.go", src)) == []


def test_only_the_subcommand_branch_counts_for_its_exit() -> None:
    src = _MAIN + ('func main() {\n\tif os.Args[1] == "health" {\n\t\tfmt.Println("ok")\n\t}\n'
                   '\tos.Exit(1)\n}\n')
    (mode,) = _modes(("main.go", src))
    assert mode.exits is None


_SWITCH = _MAIN + '''func main() {
	switch os.Args[1] {
	case "serve":
		os.Exit(3)
	case "version", "healthcheck":
		check()
	case "other":
		os.Exit(4)
	default:
		os.Exit(5)
	}
	os.Exit(6)
}
'''


def test_a_switch_case_exits_only_with_what_is_in_its_own_case() -> None:
    # the case's own body calls check(); without a check function that exits, no exit
    assert _modes(("main.go", _SWITCH)) == [
        Mode(("healthcheck",), "subcommand healthcheck", "main.go:12", "", None)]


def test_a_switch_case_exits_through_a_function_it_calls() -> None:
    helper = 'package main\n\nfunc check() {\n\tif err != nil {\n\t\tos.Exit(1)\n\t}\n}\n'
    (mode,) = _modes(("main.go", _SWITCH), ("check.go", helper))
    assert mode.exits == "os.Exit(1) at check.go:5"


def test_the_last_case_runs_to_the_end_of_the_switch() -> None:
    src = _MAIN + ('func main() {\n\tswitch flag.Arg(0) {\n\tcase "serve":\n\t\tserve()\n'
                   '\tcase "healthz":\n\t\tos.Exit(1)\n\t}\n\tos.Exit(9)\n}\n')
    (mode,) = _modes(("main.go", src))
    assert (mode.args, mode.where, mode.exits) == (("healthz",), "main.go:12", "os.Exit(1) at main.go:13")


def test_a_case_after_the_switch_is_not_read() -> None:
    src = _MAIN + ('func main() {\n\tswitch os.Args[1] {\n\tcase "serve":\n\t\tserve()\n\t}\n'
                   '\tswitch x {\n\tcase "health":\n\t\tos.Exit(1)\n\t}\n}\n')
    assert _modes(("main.go", src)) == []


def test_a_case_that_serves_is_an_endpoint() -> None:
    src = _MAIN + ('func main() {\n\tswitch os.Args[1] {\n\tcase "health":\n\t\tsrv.Serve(l)\n'
                   '\tcase "probe":\n\t\tos.Exit(1)\n\t}\n}\n')
    (mode,) = _modes(("main.go", src))
    assert mode.args == ("probe",)


# -- cobra -------------------------------------------------------------------------------------------------


_COBRA = '''package cmd

var healthCmd = &cobra.Command{
	Use:   "healthcheck [flags]",
	Short: "check",
	Run: func(cmd *cobra.Command, args []string) {
		if err := ping(); err != nil {
			os.Exit(1)
		}
	},
}
'''


def test_a_cobra_command_in_any_package() -> None:
    assert _modes(("cmd/health.go", _COBRA)) == [
        Mode(("healthcheck",), "cobra command healthcheck", "cmd/health.go:4", "cmd", "os.Exit(1) at cmd/health.go:8")]


def test_a_cobra_use_outside_any_command_literal() -> None:
    assert _modes(("cmd/x.go", 'package cmd\n\nvar u = Thing{\n\tUse: "health",\n}\n')) == []


def test_a_cobra_use_of_a_later_literal_is_not_the_earlier_command() -> None:
    src = 'package cmd\n\nvar a = &cobra.Command{\n\tShort: "a",\n}\n\nvar b = Other{\n\tUse: "health",\n}\n'
    assert _modes(("cmd/x.go", src)) == []


def test_a_cobra_command_that_serves_is_an_endpoint() -> None:
    src = _COBRA.replace("os.Exit(1)", "http.ListenAndServeTLS(a, b, c, nil)")
    assert _modes(("cmd/health.go", src)) == []


def test_the_exit_must_be_inside_the_command_literal() -> None:
    src = _COBRA.replace("os.Exit(1)", "fmt.Println(err)") + '\nfunc other() {\n\tos.Exit(1)\n}\n'
    (mode,) = _modes(("cmd/health.go", src))
    assert mode.exits is None


_RUNE = '''package cmd

var healthCmd = &cobra.Command{
	Use: "health",
	RunE: func(cmd *cobra.Command, args []string) error {
		return ping()
	},
}
'''


@pytest.mark.parametrize("main, line", [
    ('package main\n\nfunc main() {\n\tif err := rootCmd.Execute(); err != nil {\n\t\tos.Exit(1)\n\t}\n}\n', 4),
    ('package main\n\nfunc main() {\n\tcobra.CheckErr(rootCmd.Execute())\n}\n', 4),
])
def test_a_rune_command_exits_through_main_when_main_exits_on_its_error(main: str, line: int) -> None:
    (mode,) = _modes(("cmd/health.go", _RUNE), ("main.go", main))
    assert mode.exits == f"RunE's error exits 1 at main.go:{line}"


def test_a_rune_command_without_a_main_that_exits_on_error() -> None:
    main = 'package main\n\nfunc main() {\n\trootCmd.Execute()\n}\n'
    (mode,) = _modes(("cmd/health.go", _RUNE), ("main.go", main))
    assert mode.exits is None


def test_a_run_command_does_not_exit_through_main() -> None:
    main = 'package main\n\nfunc main() {\n\tif err := rootCmd.Execute(); err != nil {\n\t\tos.Exit(1)\n\t}\n}\n'
    src = _RUNE.replace("RunE:", "Run:").replace(") error {", ") {").replace("return ping()", "ping()")
    (mode,) = _modes(("cmd/health.go", src), ("main.go", main))
    assert mode.exits is None


def test_modes_are_listed_in_file_order() -> None:
    flag_src = _MAIN + 'func main() {\n\thc := flag.Bool("health", false, "")\n\tif os.Args[1] == "probe" {\n\t}\n}\n'
    found = _modes(("a.go", flag_src), ("cmd/health.go", _COBRA))
    assert [m.what for m in found] == ["flag -health", "subcommand probe", "cobra command healthcheck"]


# -- braces, strings, comments -----------------------------------------------------------------------------


@pytest.mark.parametrize("text, close", [
    ("{}", 1),
    ("{ { } }", 6),
    ('{ "}" }', 6),  # a brace in a string
    ("{ '}' }", 6),  # in a rune
    ("{ `}\n{` }", 8),  # in a raw string, over lines
    ('{ "\\"}" }', 8),  # an escaped quote does not end the string
    ("{ // }\n}", 7),  # in a comment
    ("{ {", 3),  # never closed: the end of the text
    ("{ `open", 7),
    ("{ // open", 9),
    ("x{}", 2),  # from the brace given, whatever is before it
])
def test_close_finds_the_matching_brace(text: str, close: int) -> None:
    assert _close(text, text.index("{")) == close


def test_close_starts_at_the_brace_given() -> None:
    text = "{ a { b } c }"
    assert _close(text, 4) == 8


@pytest.mark.parametrize("text, end", [
    ('"abc"', 4),
    ('"a\\"b"', 5),
    ('"a\\\\"b"', 4),  # an escaped backslash, then the closing quote
    ("'x'", 2),
    ('"abc\n"', 4),  # a string ends at the line's end at the latest
    ('"abc', 4),  # or at the end of the text
])
def test_string_end(text: str, end: int) -> None:
    assert _string_end(text, 0) == end


def test_string_end_needs_its_own_quote() -> None:
    assert _string_end("\"a'b\"", 0) == 4
    assert _string_end("'a\"b'", 0) == 4


# -- exits through called functions ----------------------------------------------------------------------


def _sub(body: str) -> str:
    return _MAIN + f'func main() {{\n\tif os.Args[1] == "health" {{\n{body}\n\t}}\n}}\n'


def test_an_exit_in_a_called_method_one_level_deep() -> None:
    helper = 'package main\n\nfunc (s *Server) probe(url string) {\n\tlog.Fatalln("down")\n}\n'
    (mode,) = _modes(("main.go", _sub("\t\ts.probe(url)")), ("srv.go", helper))
    assert mode.exits == "log.Fatalln at srv.go:4"


def test_calls_are_followed_one_level_only() -> None:
    helper = ('package main\n\nfunc probe() {\n\tdeeper()\n}\n\nfunc deeper() {\n\tos.Exit(1)\n}\n')
    (mode,) = _modes(("main.go", _sub("\t\tprobe()")), ("srv.go", helper))
    assert mode.exits is None


def test_a_keyword_or_builtin_is_not_followed() -> None:
    helper = 'package main\n\nfunc len() {\n\tos.Exit(1)\n}\n'
    (mode,) = _modes(("main.go", _sub("\t\t_ = len(x)")), ("srv.go", helper))
    assert mode.exits is None


def test_a_called_function_without_a_body_is_skipped() -> None:
    helper = 'package main\n\nfunc probe() int\n'
    (mode,) = _modes(("main.go", _sub("\t\tprobe()")), ("asm.go", helper))
    assert mode.exits is None


def test_a_function_that_only_names_the_call_is_not_its_definition() -> None:
    helper = 'package main\n\n// func probe() {\nfunc probeAll() {\n\tos.Exit(1)\n}\n'
    (mode,) = _modes(("main.go", _sub("\t\tprobe()")), ("h.go", helper))
    assert mode.exits is None


def test_the_first_function_that_exits_is_reported() -> None:
    helper = 'package main\n\nfunc a() {\n}\n\nfunc b() {\n\tos.Exit(7)\n}\n'
    (mode,) = _modes(("main.go", _sub("\t\ta()\n\t\tb()")), ("h.go", helper))
    assert mode.exits == "os.Exit(7) at h.go:7"


def test_os_exit_of_a_function_that_returns_non_zero() -> None:
    helper = 'package main\n\nfunc check() int {\n\tif bad {\n\t\treturn 2\n\t}\n\treturn 0\n}\n'
    (mode,) = _modes(("main.go", _sub("\t\tos.Exit(check())")), ("h.go", helper))
    assert mode.exits == "returns 2 to os.Exit at h.go:5"


def test_os_exit_of_a_qualified_function() -> None:
    helper = 'package main\n\nfunc check() int {\n\treturn 1\n}\n'
    (mode,) = _modes(("main.go", _sub("\t\tos.Exit( health.check())")), ("h.go", helper))
    assert mode.exits == "returns 1 to os.Exit at h.go:4"


@pytest.mark.parametrize("helper", [
    'package main\n\nfunc check() int {\n\treturn 0\n}\n',  # only success
    'package main\n\nfunc check() int {\n\treturn code\n}\n',  # a value of unknown size
    'package main\n\nfunc check() int {\n\treturn 0\n}\n\nfunc x() int {\n\treturn 1\n}\n',  # another function's
])
def test_os_exit_of_a_function_that_never_returns_non_zero(helper: str) -> None:
    (mode,) = _modes(("main.go", _sub("\t\tos.Exit(check())")), ("h.go", helper))
    assert mode.exits is None


def test_a_non_zero_return_without_os_exit_around_the_call() -> None:
    helper = 'package main\n\nfunc check() int {\n\treturn 1\n}\n'
    (mode,) = _modes(("main.go", _sub("\t\tcode := check()\n\t\t_ = code")), ("h.go", helper))
    assert mode.exits is None


def test_os_exit_zero_is_no_failure_exit() -> None:
    (mode,) = _modes(("main.go", _sub("\t\tos.Exit(0)")))
    assert mode.exits is None


# -- more shapes: several modes in one file, literals next to each other ------------------------------------


def test_a_flag_on_by_default_does_not_hide_the_next_flag() -> None:
    src = _MAIN + ('func main() {\n\ton := flag.Bool("health", true, "")\n\thc := flag.Bool("probe", false, "")\n'
                   '\tif *hc {\n\t\tos.Exit(1)\n\t}\n\t_ = on\n}\n')
    assert [m.args for m in _modes(("main.go", src))] == [("-probe",)]


def test_a_serving_flag_does_not_hide_the_next_flag() -> None:
    src = _MAIN + ('func main() {\n\tsrv := flag.Bool("health", false, "")\n\thc := flag.Bool("probe", false, "")\n'
                   '\tif *srv {\n\t\thttp.ListenAndServe(":1", nil)\n\t}\n\tif *hc {\n\t\tos.Exit(1)\n\t}\n}\n')
    assert [m.args for m in _modes(("main.go", src))] == [("-probe",)]


def test_a_string_flag_branch_with_its_brace_against_the_quotes() -> None:
    serve_after = _MAIN + ('func main() {\n\tp := flag.String("probe", "", "")\n\tif *p != ""{\n\t\tos.Exit(1)\n'
                           '\t}\n\thttp.ListenAndServe(":1", nil)\n}\n')
    (mode,) = _modes(("main.go", serve_after))
    assert mode.exits == "os.Exit(1) at main.go:11"
    exit_after = _MAIN + ('func main() {\n\tp := flag.String("probe", "", "")\n\tif *p != ""{\n\t\tcheck(*p)\n'
                          '\t}\n\tos.Exit(1)\n}\n')
    (mode,) = _modes(("main.go", exit_after))
    assert mode.exits is None


def test_a_serving_subcommand_does_not_hide_the_next_one() -> None:
    src = _MAIN + ('func main() {\n\tif os.Args[1] == "health" {\n\t\tnet.Listen("tcp", ":1")\n\t}\n'
                   '\tif os.Args[1] == "probe" {\n\t\tos.Exit(1)\n\t}\n}\n')
    assert [(m.args, m.exits) for m in _modes(("main.go", src))] == [(("probe",), "os.Exit(1) at main.go:13")]


def test_a_subcommand_at_the_end_of_the_file_reads_no_exit_before_it() -> None:
    src = 'package main\n\nfunc main() {\n\tos.Exit(1)\n}\n\nvar probe = os.Args[1] == "probe"'
    (mode,) = _modes(("main.go", src))
    assert mode.exits is None


def test_the_last_case_does_not_run_into_a_later_switch() -> None:
    src = _MAIN + ('func main() {\n\tswitch os.Args[1] {\n\tcase "health":\n\t\tping()\n\t}\n\tos.Exit(1)\n'
                   '\tswitch x {\n\tcase 1:\n\t}\n}\n')
    (mode,) = _modes(("main.go", src))
    assert mode.exits is None


def test_an_exit_through_a_call_after_the_branch_does_not_count() -> None:
    helper = 'package main\n\nfunc fail() {\n\tos.Exit(1)\n}\n'
    src = _MAIN + 'func main() {\n\tif os.Args[1] == "health" {\n\t\tfmt.Println("ok")\n\t}\n\tfail()\n}\n'
    (mode,) = _modes(("main.go", src), ("h.go", helper))
    assert mode.exits is None


def test_a_builtin_before_the_call_that_exits() -> None:
    helper = 'package main\n\nfunc probe() {\n\tos.Exit(1)\n}\n'
    (mode,) = _modes(("main.go", _sub("\t\t_ = len(x)\n\t\tprobe()")), ("srv.go", helper))
    assert mode.exits == "os.Exit(1) at srv.go:4"


def test_a_called_function_that_exits_itself_is_reported_before_its_returns() -> None:
    helper = 'package main\n\nfunc check() int {\n\tif bad {\n\t\tos.Exit(3)\n\t}\n\treturn 2\n}\n'
    (mode,) = _modes(("main.go", _sub("\t\tos.Exit(check())")), ("h.go", helper))
    assert mode.exits == "os.Exit(3) at h.go:5"


_TWO = '''package cmd

var healthCmd = &cobra.Command{
	Use: "health",
	Run: func(cmd *cobra.Command, args []string) {
		os.Exit(1)
	},
}

var serveCmd = &cobra.Command{
	Use: "serve",
	Run: func(cmd *cobra.Command, args []string) {
		serve()
	},
}
'''


def test_a_cobra_command_before_another_command() -> None:
    assert [(m.args, m.exits) for m in _modes(("cmd/root.go", _TWO))] == [(("health",), "os.Exit(1) at cmd/root.go:6")]


def test_a_cobra_command_after_another_command() -> None:
    two = _TWO.replace('"health"', '"tmp"').replace('"serve"', '"health"').replace('"tmp"', '"serve"')
    assert [(m.args, m.where, m.exits) for m in _modes(("cmd/root.go", two))] == [(("health",), "cmd/root.go:11",
                                                                                    None)]


def test_a_cobra_use_that_is_skipped_does_not_hide_the_next_command() -> None:
    src = ('package cmd\n\nvar u = Thing{\n\tUse: "probe",\n}\n\nvar a = &cobra.Command{\n\tShort: "a",\n}\n\n'
           'var b = Other{\n\tUse: "healthz",\n}\n\n' + _COBRA.removeprefix("package cmd\n\n"))
    assert [m.args for m in _modes(("cmd/x.go", src))] == [("healthcheck",)]


def test_a_cobra_literal_inside_a_function_ends_at_its_own_brace() -> None:
    src = 'package cmd\n\nfunc init() { add(&cobra.Command{Use: "health", Run: run})\n\tos.Exit(1)\n}\n'
    (mode,) = _modes(("cmd/x.go", src))
    assert mode.exits is None


def test_a_rune_command_with_its_own_exit_keeps_it() -> None:
    main = 'package main\n\nfunc main() {\n\tif err := rootCmd.Execute(); err != nil {\n\t\tos.Exit(1)\n\t}\n}\n'
    src = _RUNE.replace("return ping()", "log.Fatal(ping())")
    (mode,) = _modes(("cmd/health.go", src), ("main.go", main))
    assert mode.exits == "log.Fatal at cmd/health.go:6"


@pytest.mark.parametrize("text, close", [
    ("{ `a` } `b`", 6),  # the raw string's own closing backtick, not a later one
    ("{ // c\n}\n", 7),  # a comment ends at its own line's end
    ("{\n// }\n}", 7),
    ("{ X }", 4),  # a letter starts no string
    ("{ `` }", 5),  # an empty raw string
    ('{ "" }', 5),
])
def test_close_more(text: str, close: int) -> None:
    assert _close(text, 0) == close


def test_a_server_right_after_the_branch_brace() -> None:
    src = _MAIN + 'func main() {\n\thc := flag.Bool("health", false, "")\n\tif *hc {net.Listen("tcp", ":1")}\n}\n'
    assert _modes(("main.go", src)) == []


def test_a_serving_cobra_command_does_not_hide_the_next_command() -> None:
    src = _COBRA.replace("healthcheck [flags]", "health").replace("os.Exit(1)", "http.ListenAndServe(a, nil)") + \
        _COBRA.removeprefix("package cmd\n\n").replace("healthCmd", "probeCmd")
    assert [m.args for m in _modes(("cmd/x.go", src))] == [("healthcheck",)]


def test_a_bodyless_declaration_before_the_definition() -> None:
    helper = 'package main\n\nfunc probe() {\n\tos.Exit(1)\n}\n'
    (mode,) = _modes(("main.go", _sub("\t\tprobe()")), ("asm.go", "package main\n\nfunc probe()\n"), ("p.go", helper))
    assert mode.exits == "os.Exit(1) at p.go:4"
