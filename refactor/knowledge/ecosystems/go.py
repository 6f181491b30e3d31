"""Go modules."""

from __future__ import annotations

from refactor.commands import pattern
from refactor.knowledge.ecosystems import BuildCommand, Ecosystem, RuntimeBase

# ``go help build``: -o names the output; flags that take a value.
GO_BUILD_VALUE_OPTIONS = frozenset({"-o", "-ldflags", "-gcflags", "-asmflags", "-tags", "-mod", "-p",
                                    "-buildmode", "-modfile", "-pgo", "-C"})
# ``go mod download`` fetches the modules go.sum pins (go.dev/ref/mod#go-mod-download).
GO_MOD_DOWNLOAD = pattern("go", ("mod download",), examples=("go mod download", "go mod download -x"),
                          counterexamples=("go mod tidy", "go build ./..."))
GO_BUILD = pattern("go", ("build", "install"), value_options=GO_BUILD_VALUE_OPTIONS,
                   examples=("go build -o /out/app ./cmd/app", "CGO_ENABLED=0 go build -ldflags='-s -w' -o app .",
                             "go install ./..."),
                   counterexamples=("go test ./...", "go vet ./..."))

# go.dev/doc: "gcr.io/distroless/static-debian12" for static binaries (github.com/GoogleContainerTools/distroless
# README: "static" for statically compiled languages such as Go with CGO_ENABLED=0); a cgo binary needs libc.
GO_STATIC_RUNTIME = RuntimeBase(r"golang:(?P<version>[\w.]+?)(?:-(?P<os>bookworm|bullseye|alpine[\d.]*))?",
                                "gcr.io/distroless/static-debian12",
                                condition="a static binary (CGO_ENABLED=0)",
                                examples=(("golang:1.22", "gcr.io/distroless/static-debian12"),
                                          ("golang:1.22-alpine", "gcr.io/distroless/static-debian12")))
# The golang image's Debian release, slim (docker-library/golang: ``golang:<v>-bookworm`` / ``-bullseye``).
GO_CGO_RUNTIME = RuntimeBase(r"golang:(?P<version>[\w.]+?)(?:-(?P<os>bookworm|bullseye))?",
                             "debian:{os}-slim", defaults=(("os", "bookworm"),),
                             condition="a binary linked against glibc (cgo)",
                             examples=(("golang:1.22", "debian:bookworm-slim"),
                                       ("golang:1.21-bullseye", "debian:bullseye-slim")))

GO = Ecosystem(
    "go", "go",
    manifests=("go.mod",), lockfiles=("go.sum",),
    install=(GO_MOD_DOWNLOAD,),
    # The golang image sets GOPATH=/go (module cache /go/pkg/mod); the build cache is ~/.cache/go-build.
    cache_dirs=("/go/pkg/mod", "/root/.cache/go-build"),
    # ``go build`` writes the binary named after the package folder into the WORKDIR unless -o names it;
    # ``go install`` writes to $GOPATH/bin (/go/bin).
    builds=(BuildCommand(GO_BUILD, ("/go/bin/",), output_option="-o", examples=("go build -o /out/app .",)),),
    production_install=None,  # the binary holds its dependencies
    runtime_bases=(GO_STATIC_RUNTIME, GO_CGO_RUNTIME),
)

ECOSYSTEMS = (GO,)

# What the multi-stage split (transforms/stage_split/) needs to know about Go: the programs a build of it
# runs, the packages that are only its toolchain, and the ENV only its build reads.
SPLIT_TOOLS = frozenset({"go", "git", "gofmt"})
SPLIT_TOOLCHAIN = frozenset({"go", "golang", "golang-go", "git", "gcc", "musl-dev", "build-base", "make"})
SPLIT_BUILD_ONLY_ENV = frozenset({"CGO_ENABLED", "GOOS", "GOARCH", "GOARM", "GO111MODULE", "GOFLAGS", "GOPROXY",
                                  "GOPRIVATE", "GONOSUMDB", "GOPATH", "GOCACHE", "GOMODCACHE", "GOBIN"})
# Folders of a Go project that hold files read at run time rather than compiled in (unless ``//go:embed``d):
# copied along when the build context has them where the build copied the sources.
SPLIT_ASSET_DIRS = ("templates", "static", "public", "assets", "web", "views", "migrations", "config", "configs",
                    "locales", "i18n", "www")
